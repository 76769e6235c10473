import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { executorFromPg, executorFromPglite, type SqlExecutor } from "./apply-migrations";

export type DatabaseBackend = "postgres" | "pglite";

export type Database = {
  backend: DatabaseBackend;
  prisma: PrismaClient;
  // Raw SQL on a dedicated connection, for migrations and health probes.
  withExecutor<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseConfig = { url: string } | { pgliteDir: string };

const CONNECT_TIMEOUT_MS = 5_000;

// Opens PostgreSQL through adapter-pg when a URL is given, else an embedded
// PGlite in a data folder ("memory://" keeps it in memory, for tests).
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if ("url" in config) return openPostgres(config.url);

  return openPglite(config.pgliteDir);
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });

  // A dropped connection in an idle client must not crash the server; the
  // next query gets a fresh one.
  pool.on("error", () => undefined);

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

  return {
    backend: "postgres",
    prisma,
    async withExecutor(work) {
      const client = await pool.connect();

      try {
        return await work(executorFromPg(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });

  const pglite = await PGlite.create(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });

  return {
    backend: "pglite",
    prisma,
    withExecutor: (work) => work(executorFromPglite(pglite)),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
