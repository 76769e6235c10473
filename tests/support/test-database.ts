import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { type Database, openDatabase } from "@/lib/db/open-database";

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

export type TestDatabase = { database: Database; url: string | null; drop(): Promise<void> };

// A fresh, migrated database for one test file: a new database on the
// PostgreSQL server named by DATABASE_URL, or an in-memory PGlite.
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;

  if (!serverUrl) {
    const database = await openDatabase({ pgliteDir: "memory://" });

    if (migrate) await database.withExecutor((executor) => applyMigrations(executor, MIGRATIONS_DIR));

    return { database, url: null, drop: () => database.close() };
  }

  const { url, drop: dropDatabase } = await createServerDatabase(serverUrl, "ebb_test");
  const database = await openDatabase({ url });

  if (migrate) await database.withExecutor((executor) => applyMigrations(executor, MIGRATIONS_DIR));

  return {
    database,
    url,
    async drop() {
      await database.close();
      await dropDatabase();
    },
  };
}

// Creates an empty database beside the one in `serverUrl` and returns its URL.
export async function createServerDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });

  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(serverUrl);

  url.pathname = `/${name}`;

  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });

      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
