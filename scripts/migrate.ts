import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { applyMigrations, executorFromPg, executorFromPglite } from "../lib/db/apply-migrations";

// Usage: tsx scripts/migrate.ts
//
// Applies pending migrations to the PostgreSQL server in DATABASE_URL or,
// when it is unset, to the embedded PGlite data folder in EBB_PGLITE_DIR
// (default .data/pglite), the same database the app would open.

const DEFAULT_PGLITE_DIR = ".data/pglite";

const DEFAULT_MIGRATIONS_DIR = "prisma/migrations";

async function migratePostgres(url: string, migrationsDir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });

  await client.connect();

  try {
    return await applyMigrations(executorFromPg(client), migrationsDir);
  } finally {
    await client.end();
  }
}

async function migratePglite(dataDir: string, migrationsDir: string): Promise<string[]> {
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });

  const db = await PGlite.create(dataDir);

  try {
    return await applyMigrations(executorFromPglite(db), migrationsDir);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const migrationsDir = path.resolve(process.env.EBB_MIGRATIONS_DIR ?? DEFAULT_MIGRATIONS_DIR);
  const url = process.env.DATABASE_URL;
  const pgliteDir = process.env.EBB_PGLITE_DIR ?? DEFAULT_PGLITE_DIR;
  const target = url ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${pgliteDir}`;

  const applied = url
    ? await migratePostgres(url, migrationsDir)
    : await migratePglite(pgliteDir.startsWith("memory://") ? pgliteDir : path.resolve(pgliteDir), migrationsDir);

  if (applied.length === 0) {
    process.stdout.write(`Database is up to date (${target}); no migration to apply.\n`);

    return;
  }

  const list = applied.map((name) => `  ${name}\n`).join("");

  process.stdout.write(`Applied ${applied.length} migration${applied.length > 1 ? "s" : ""} to ${target}:\n${list}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
