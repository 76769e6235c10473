import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PGliteInterface } from "@electric-sql/pglite";
import type { ClientBase } from "pg";

// Applies the migrations in `prisma/migrations` the way `prisma migrate deploy`
// does, and keeps the same bookkeeping in `_prisma_migrations`, so either tool
// can take over from the other at any time.

export type SqlParam = string | number | boolean | null;

export type SqlRow = Record<string, unknown>;

// The two things the applier needs from a connection. Both calls must reach
// the same session: the advisory lock and the transactions are per session.
export type SqlExecutor = {
  query(sql: string, params?: readonly SqlParam[]): Promise<{ rows: SqlRow[] }>;
  exec(multiStatementSql: string): Promise<void>;
};

export type ApplyMigrationsOptions = {
  // How long to wait for another process that is applying migrations.
  lockTimeoutMs?: number;
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

export const MIGRATIONS_TABLE = "_prisma_migrations";

export const MIGRATION_LOCK_FILE = "migration_lock.toml";

export const MIGRATION_SCRIPT_FILE = "migration.sql";

// The key Prisma's schema engine locks on. Sharing it means this applier and
// `prisma migrate deploy` also wait for each other.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

const LOCK_POLL_INTERVAL_MS = 200;

// Tables PostGIS creates by itself; Prisma does not count them when it decides
// whether a database without a migrations table is empty.
const TABLES_IGNORED_IN_EMPTINESS_CHECK = new Set(["spatial_ref_sys", "geometry_columns"]);

// The table exactly as Prisma's schema engine creates it on PostgreSQL.
const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE ${MIGRATIONS_TABLE} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export type MigrationOnDisk = { name: string; script: string };

type MigrationRecord = {
  migrationName: string;
  checksum: string;
  startedAt: string;
  finishedAt: string | null;
  rolledBackAt: string | null;
  logs: string | null;
};

export function executorFromPg(client: ClientBase): SqlExecutor {
  return {
    async query(sql, params) {
      const result = await client.query<SqlRow>(sql, params ? [...params] : undefined);

      return { rows: result.rows };
    },
    async exec(multiStatementSql) {
      // Without parameters pg uses the simple query protocol, which accepts
      // several statements in one string.
      await client.query(multiStatementSql);
    },
  };
}

export function executorFromPglite(db: Pick<PGliteInterface, "query" | "exec">): SqlExecutor {
  return {
    async query(sql, params) {
      const result = await db.query<SqlRow>(sql, params ? [...params] : undefined);

      return { rows: result.rows };
    },
    async exec(multiStatementSql) {
      await db.exec(multiStatementSql);
    },
  };
}

// The checksum Prisma records: SHA-256 of the script's UTF-8 bytes, as
// lowercase hex.
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

// Prisma accepts a recorded checksum when it matches the script as is, with
// CRLF turned into LF, or with LF turned into CRLF (git may rewrite line
// endings on checkout), and it still accepts checksums written by old engine
// versions that dropped the leading zero of each hex byte.
export function scriptMatchesChecksum(script: string, recordedChecksum: string): boolean {
  const isLegacyFormat = recordedChecksum.length > 0 && recordedChecksum.length !== 64;
  const candidates = [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")];

  return candidates.some((candidate) => {
    const digest = createHash("sha256").update(candidate, "utf8").digest();
    const rendered = isLegacyFormat ? Array.from(digest, (byte) => byte.toString(16)).join("") : digest.toString("hex");

    return rendered === recordedChecksum;
  });
}

// The migration folders' names in the order Prisma applies them; none when
// the folder does not exist.
export async function listMigrationNames(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isFileNotFound(error)) return [];

    throw error;
  });

  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

// Reads the migrations folder the way Prisma's CLI does: every subfolder is a
// migration named after the folder, ordered by name, and only its
// `migration.sql` matters; other files in it are ignored.
export async function readMigrationsFromDisk(migrationsDir: string): Promise<MigrationOnDisk[]> {
  const names = await listMigrationNames(migrationsDir);

  const migrations: MigrationOnDisk[] = [];

  for (const name of names) {
    const scriptPath = path.join(migrationsDir, name, MIGRATION_SCRIPT_FILE);
    const script = await readFile(scriptPath, "utf8").catch((error: unknown) => {
      throw new MigrationError(
        `Cannot read ${scriptPath}: ${messageOf(error)}. Every folder in ${migrationsDir} is taken as a migration; ` +
          `restore its ${MIGRATION_SCRIPT_FILE} or remove the folder.`,
      );
    });

    migrations.push({ name, script });
  }

  return migrations;
}

// Applies every migration in `migrationsDir` that the database has not
// recorded yet, in order, each in its own transaction. Returns the names of
// the migrations it applied (empty when the database was up to date).
export async function applyMigrations(
  executor: SqlExecutor,
  migrationsDir: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  await assertLockFileProvider(migrationsDir);

  const migrations = await readMigrationsFromDisk(migrationsDir);

  await acquireMigrateLock(executor, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);

  try {
    await ensureMigrationsTable(executor);

    const records = await readMigrationRecords(executor);

    assertNoFailedMigrations(records);
    assertAppliedMigrationsUnchanged(migrations, records);

    const appliedNames = new Set(
      records.filter((record) => record.rolledBackAt === null).map((record) => record.migrationName),
    );
    const pending = migrations.filter((migration) => !appliedNames.has(migration.name));

    for (const migration of pending) {
      await applyOneMigration(executor, migration);
    }

    return pending.map((migration) => migration.name);
  } finally {
    await releaseMigrateLock(executor);
  }
}

async function assertLockFileProvider(migrationsDir: string): Promise<void> {
  const lockFilePath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  const content = await readFile(lockFilePath, "utf8").catch((error: unknown) => {
    if (isFileNotFound(error)) return null;

    throw error;
  });

  if (content === null) return;

  // Read like Prisma reads it: the first line starting with `provider`.
  const providerLine = content.split(/\r?\n/).find((line) => line.startsWith("provider"));
  const provider = providerLine?.replace(/^provider = /, "").replace(/^"+|"+$/g, "") ?? "<no provider line>";

  if (provider !== "postgresql") {
    throw new MigrationError(
      `${lockFilePath} says the migrations were written for "${provider}", but this database is PostgreSQL. ` +
        `Use migrations generated for PostgreSQL (provider = "postgresql").`,
    );
  }
}

async function acquireMigrateLock(executor: SqlExecutor, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  // Polling the non-blocking variant keeps the wait bounded without changing
  // the session's lock_timeout, which would also apply to the migrations.
  for (;;) {
    const { rows } = await executor.query(`SELECT pg_try_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY}) AS locked`);

    if (rows[0]?.locked === true) return;

    if (Date.now() >= deadline) {
      throw new MigrationError(
        `Waited ${timeoutMs} ms for the migration lock (pg advisory lock ${PRISMA_MIGRATE_LOCK_KEY}), which another ` +
          `session holds while it applies migrations. Try again once it is done; if no migration is running, find the ` +
          `session holding it (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${PRISMA_MIGRATE_LOCK_KEY}) ` +
          `and end it.`,
      );
    }

    await sleep(LOCK_POLL_INTERVAL_MS);
  }
}

async function releaseMigrateLock(executor: SqlExecutor): Promise<void> {
  // A failure here must not hide the error that ended the run; the lock goes
  // away with the session anyway.
  await executor.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK_KEY})`).catch(() => undefined);
}

async function ensureMigrationsTable(executor: SqlExecutor): Promise<void> {
  const schema = await currentSchema(executor);
  const { rows } = await executor.query(
    `SELECT c.relname AS table_name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = $1`,
    [schema],
  );
  const tableNames = rows.map((row) => String(row.table_name));

  if (tableNames.includes(MIGRATIONS_TABLE)) return;

  const otherTables = tableNames.filter((name) => !TABLES_IGNORED_IN_EMPTINESS_CHECK.has(name.toLowerCase()));

  // Same rule as Prisma: migrations start from an empty schema, so tables
  // without a migration history mean the schema was made some other way.
  if (otherTables.length > 0) {
    throw new MigrationError(
      `Schema "${schema}" already has tables (${otherTables.join(", ")}) but no ${MIGRATIONS_TABLE} table, so it ` +
        `was not created by these migrations. Point the app at an empty database, or, if the tables already match ` +
        `the migrations, baseline it: mark those migrations as applied (prisma migrate resolve --applied <name>).`,
    );
  }

  await executor.exec(CREATE_MIGRATIONS_TABLE_SQL);
}

async function currentSchema(executor: SqlExecutor): Promise<string> {
  const { rows } = await executor.query("SELECT current_schema() AS schema");
  const schema = rows[0]?.schema;

  if (typeof schema !== "string") {
    throw new MigrationError(
      "The connection has no current schema: none of the schemas on its search_path exists. " +
        'Create the schema (for example CREATE SCHEMA "public") or fix the search_path.',
    );
  }

  return schema;
}

async function readMigrationRecords(executor: SqlExecutor): Promise<MigrationRecord[]> {
  const { rows } = await executor.query(
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs
     FROM ${MIGRATIONS_TABLE} ORDER BY started_at ASC`,
  );

  return rows.map((row) => ({
    migrationName: String(row.migration_name),
    checksum: String(row.checksum),
    startedAt: timestampText(row.started_at) ?? "an unknown time",
    finishedAt: timestampText(row.finished_at),
    rolledBackAt: timestampText(row.rolled_back_at),
    logs: typeof row.logs === "string" ? row.logs : null,
  }));
}

function assertNoFailedMigrations(records: MigrationRecord[]): void {
  const failed = records.filter((record) => record.finishedAt === null && record.rolledBackAt === null);

  if (failed.length === 0) return;

  const details = failed
    .map((record) => {
      const logs = record.logs?.trim() ? ` with these logs:\n${record.logs.trim()}` : "";

      return `- ${record.migrationName}, started at ${record.startedAt}, did not finish${logs}`;
    })
    .join("\n");

  throw new MigrationError(
    `The database records migrations that failed, so no further migration is applied:\n${details}\n` +
      `Look at what each one left behind. If you undid its changes, mark it rolled back ` +
      `(prisma migrate resolve --rolled-back <name>, or UPDATE ${MIGRATIONS_TABLE} SET rolled_back_at = now() ` +
      `WHERE migration_name = '<name>' AND finished_at IS NULL) and it is applied again on the next run. ` +
      `If you completed it by hand, mark it applied (prisma migrate resolve --applied <name>).`,
  );
}

function assertAppliedMigrationsUnchanged(migrations: MigrationOnDisk[], records: MigrationRecord[]): void {
  const changed = migrations.filter((migration) =>
    records.some(
      (record) =>
        record.migrationName === migration.name &&
        record.finishedAt !== null &&
        record.rolledBackAt === null &&
        !scriptMatchesChecksum(migration.script, record.checksum),
    ),
  );

  if (changed.length === 0) return;

  const names = changed.map((migration) => migration.name).join(", ");

  throw new MigrationError(
    `Applied migration${changed.length > 1 ? "s" : ""} ${names} no longer match${changed.length > 1 ? "" : "es"} ` +
      `the checksum recorded when ${changed.length > 1 ? "they were" : "it was"} applied: the ${MIGRATION_SCRIPT_FILE} ` +
      `file was edited afterwards. Restore the file to its applied version (for example with git) and put the ` +
      `change in a new migration (npm run db:migration:create -- <name>).`,
  );
}

async function applyOneMigration(executor: SqlExecutor, migration: MigrationOnDisk): Promise<void> {
  await executor.query("BEGIN");

  // The record and the script commit together: a migration that fails leaves
  // neither schema changes nor a failed record behind, so fixing the script
  // and starting again is enough.
  try {
    const id = randomUUID();

    await executor.query(
      `INSERT INTO ${MIGRATIONS_TABLE} (id, checksum, started_at, migration_name)
       VALUES ($1, $2, clock_timestamp(), $3)`,
      [id, migrationChecksum(migration.script), migration.name],
    );

    await executor.exec(migration.script);

    await executor.query(
      `UPDATE ${MIGRATIONS_TABLE}
       SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
       WHERE id = $1`,
      [id],
    );

    await executor.query("COMMIT");
  } catch (error) {
    await executor.query("ROLLBACK").catch(() => undefined);

    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back; the database is as it was before it. ` +
        `Database error: ${messageOf(error)}. Fix the cause (or, if the migration itself is wrong and not yet ` +
        `applied anywhere, its ${MIGRATION_SCRIPT_FILE}) and run the migrations again.`,
      { cause: error },
    );
  }
}

function timestampText(value: unknown): string | null {
  if (value === null || value === undefined) return null;

  if (value instanceof Date) return value.toISOString();

  return String(value);
}

function isFileNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
