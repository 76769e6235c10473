import path from "node:path";
import { type Database, type DatabaseConfig, openDatabase } from "./open-database";

export type { Database } from "./open-database";

export const DEFAULT_PGLITE_DIR = ".data/pglite";

// The configuration the environment asks for: a PostgreSQL server when
// DATABASE_URL is set, else the embedded database.
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };

  const dir = env.EBB_PGLITE_DIR ?? DEFAULT_PGLITE_DIR;

  return { pgliteDir: dir.startsWith("memory://") ? dir : path.resolve(/*turbopackIgnore: true*/ dir) };
}

// One database per process. Kept on globalThis because Next.js may load this
// module more than once (instrumentation, route bundles, hot reload), and an
// embedded data folder can be opened by one PGlite instance only.
const holder = globalThis as typeof globalThis & { __ebbDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__ebbDatabase ??= openDatabase(databaseConfigFromEnv()).catch((error: unknown) => {
    holder.__ebbDatabase = undefined;
    throw error;
  });

  return holder.__ebbDatabase;
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}
