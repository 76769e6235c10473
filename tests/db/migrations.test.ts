import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { applyMigrations, executorFromPg, executorFromPglite, type SqlExecutor } from "@/lib/db/apply-migrations";
import { createMigration, loadSchemaEngine } from "@/scripts/create-migration";

const SERVER_URL = process.env.DATABASE_URL ?? process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
const CREATE_MIGRATION_SCRIPT = path.resolve("scripts/create-migration.ts");
const APP_TABLES = ["Card", "CardState", "ReviewLog", "Topic", "User"];
const NO_FILTER = { externalTables: [], externalEnums: [] };

const execFileAsync = promisify(execFile);

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  const failures: unknown[] = [];

  // Last in, first out: connections close before their database is dropped.
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => failures.push(error));
  }

  if (failures.length > 0) throw failures[0];
});

// Every scratch database this file created; all must be gone at the end.
const scratchDatabasesCreated: string[] = [];

afterAll(async () => {
  const admin = new pg.Client({ connectionString: SERVER_URL });

  await admin.connect();

  try {
    const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname = ANY($1)", [
      scratchDatabasesCreated,
    ]);

    expect(rows).toEqual([]);
  } finally {
    await admin.end();
  }
});

async function migrationNamesOnDisk(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });

  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

// An empty database on the local server, dropped after the test.
async function createScratchDatabase(): Promise<string> {
  const name = `ebb_migrations_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });

  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  scratchDatabasesCreated.push(name);

  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: SERVER_URL });

    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });

  const url = new URL(SERVER_URL);

  url.pathname = `/${name}`;

  return url.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });

  await client.connect();
  cleanups.push(() => client.end());

  return client;
}

async function openMemoryPglite(): Promise<PGlite> {
  const db = await PGlite.create();

  cleanups.push(() => db.close());

  return db;
}

async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "ebb-migrations-"));

  cleanups.push(() => rm(dir, { recursive: true, force: true }));

  return dir;
}

async function copyOfMigrations(): Promise<string> {
  const dir = path.join(await makeTempDir(), "migrations");

  await cp(MIGRATIONS_DIR, dir, { recursive: true });

  return dir;
}

async function tableNames(executor: SqlExecutor): Promise<string[]> {
  const { rows } = await executor.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
  );

  return rows.map((row) => String(row.table_name));
}

async function migrationRecords(executor: SqlExecutor) {
  const { rows } = await executor.query(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
     FROM _prisma_migrations ORDER BY started_at`,
  );

  return rows;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
}

// The migration list exactly as Prisma's CLI builds it for the engine: every
// folder, its migration.sql, sorted by name, plus the lock file.
async function prismaMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));

  return {
    baseDir: migrationsDir,
    shadowDbInitScript: "",
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null),
    },
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok" as const,
            value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
}

// adapter-pg runs a migration script by splitting it at every ";", which cuts
// the trigger functions of a migration apart inside their dollar quotes. The
// engine `prisma migrate deploy` runs natively sends each script whole, in one
// simple-protocol query; this does the same, so the test sees what Prisma's
// CLI would do with these migrations.
function sendingScriptsWhole(factory: PrismaPg, pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();

      return Object.assign(adapter, {
        async executeScript(script: string) {
          await pool.query(script);
        },
      });
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

async function engineOnPostgres(url: string): Promise<SchemaEngine> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const engine = await loadSchemaEngine(sendingScriptsWhole(new PrismaPg(pool), pool));

  cleanups.push(async () => {
    engine.free();
    await pool.end();
  });

  return engine;
}

describe("the migrations in prisma/migrations", () => {
  it("exist and start with the init migration", async () => {
    const names = await migrationNamesOnDisk(MIGRATIONS_DIR);

    expect(names[0]).toMatch(/^\d{14}_init$/);
  });
});

describe("applyMigrations on a PostgreSQL server", () => {
  it("applies every migration to an empty database, records it like Prisma, and applies nothing the second time", async () => {
    const executor = executorFromPg(await connect(await createScratchDatabase()));
    const names = await migrationNamesOnDisk(MIGRATIONS_DIR);

    expect(await applyMigrations(executor, MIGRATIONS_DIR)).toEqual(names);
    expect(await tableNames(executor)).toEqual(expect.arrayContaining([...APP_TABLES, "_prisma_migrations"]));

    const records = await migrationRecords(executor);

    expect(records.map((record) => record.migration_name)).toEqual(names);

    for (const record of records) {
      const script = await readFile(path.join(MIGRATIONS_DIR, String(record.migration_name), "migration.sql"), "utf8");

      expect(record.checksum).toBe(sha256Hex(script));
      expect(record.finished_at).toBeInstanceOf(Date);
      expect(record.rolled_back_at).toBeNull();
      expect(record.logs).toBeNull();
      expect(record.applied_steps_count).toBe(1);
    }

    expect(await applyMigrations(executor, MIGRATIONS_DIR)).toEqual([]);
    expect(await migrationRecords(executor)).toHaveLength(names.length);
  });

  it("lets two instances start at once: each migration is applied exactly once", async () => {
    const url = await createScratchDatabase();
    const first = executorFromPg(await connect(url));
    const second = executorFromPg(await connect(url));

    const [appliedByFirst, appliedBySecond] = await Promise.all([
      applyMigrations(first, MIGRATIONS_DIR),
      applyMigrations(second, MIGRATIONS_DIR),
    ]);

    expect([...appliedByFirst, ...appliedBySecond].sort()).toEqual(await migrationNamesOnDisk(MIGRATIONS_DIR));
    expect(await migrationRecords(first)).toHaveLength(appliedByFirst.length + appliedBySecond.length);
  });

  it("refuses to go on when an applied migration file was edited, naming the migration", async () => {
    const executor = executorFromPg(await connect(await createScratchDatabase()));
    const migrationsDir = await copyOfMigrations();
    const [firstName] = await migrationNamesOnDisk(migrationsDir);

    await applyMigrations(executor, migrationsDir);
    await appendFile(path.join(migrationsDir, `${firstName}`, "migration.sql"), "\n-- edited after it was applied\n");

    const attempt = applyMigrations(executor, migrationsDir);

    await expect(attempt).rejects.toThrow(`Applied migration ${firstName} no longer matches the checksum`);
    await expect(attempt).rejects.toThrow(/Restore the file .* new migration/);
  });

  it("accepts an applied migration whose line endings changed, as Prisma does", async () => {
    const executor = executorFromPg(await connect(await createScratchDatabase()));
    const migrationsDir = await copyOfMigrations();
    const [firstName] = await migrationNamesOnDisk(migrationsDir);
    const scriptPath = path.join(migrationsDir, `${firstName}`, "migration.sql");

    await applyMigrations(executor, migrationsDir);
    await writeFile(scriptPath, (await readFile(scriptPath, "utf8")).replaceAll("\n", "\r\n"));

    expect(await applyMigrations(executor, migrationsDir)).toEqual([]);
  });

  it("refuses to go on while a migration is recorded as failed, and says how to resolve it", async () => {
    const executor = executorFromPg(await connect(await createScratchDatabase()));

    await applyMigrations(executor, MIGRATIONS_DIR);
    await executor.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs)
       VALUES ('00000000-0000-0000-0000-000000000001', 'x', '29990101000000_half_done', 'boom')`,
    );

    const attempt = applyMigrations(executor, MIGRATIONS_DIR);

    await expect(attempt).rejects.toThrow(/29990101000000_half_done.*did not finish with these logs:\nboom/);
    await expect(attempt).rejects.toThrow(/--rolled-back/);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const executor = executorFromPg(await connect(await createScratchDatabase()));
    const migrationsDir = await copyOfMigrations();
    const brokenDir = path.join(migrationsDir, "29991231000000_broken");

    await mkdir(brokenDir);
    await writeFile(
      path.join(brokenDir, "migration.sql"),
      'CREATE TABLE "HalfDone" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n',
    );

    await expect(applyMigrations(executor, migrationsDir)).rejects.toThrow(
      /Migration 29991231000000_broken failed and was rolled back.*NoSuchTable/,
    );
    expect(await tableNames(executor)).not.toContain("HalfDone");

    const recordedNames = (await migrationRecords(executor)).map((record) => record.migration_name);

    expect(recordedNames).toEqual(await migrationNamesOnDisk(MIGRATIONS_DIR));

    await writeFile(path.join(brokenDir, "migration.sql"), 'CREATE TABLE "HalfDone" ("id" INTEGER);\n');

    expect(await applyMigrations(executor, migrationsDir)).toEqual(["29991231000000_broken"]);
  });

  it("refuses a schema that has tables but no migration history", async () => {
    const executor = executorFromPg(await connect(await createScratchDatabase()));

    await executor.exec('CREATE TABLE "Leftover" ("id" INTEGER)');

    await expect(applyMigrations(executor, MIGRATIONS_DIR)).rejects.toThrow(/already has tables \(Leftover\)/);
  });
});

describe("applyMigrations on an in-memory PGlite", () => {
  it("applies every migration to an empty database and applies nothing the second time", async () => {
    const executor = executorFromPglite(await openMemoryPglite());
    const names = await migrationNamesOnDisk(MIGRATIONS_DIR);

    expect(await applyMigrations(executor, MIGRATIONS_DIR)).toEqual(names);
    expect(await tableNames(executor)).toEqual(expect.arrayContaining([...APP_TABLES, "_prisma_migrations"]));
    expect(await applyMigrations(executor, MIGRATIONS_DIR)).toEqual([]);
  });
});

describe("compatibility with Prisma's schema engine (prisma migrate deploy)", () => {
  it("finds nothing to apply and a clean history in a PostgreSQL database migrated by applyMigrations", async () => {
    const url = await createScratchDatabase();
    const executor = executorFromPg(await connect(url));
    const migrationsList = await prismaMigrationsList(MIGRATIONS_DIR);

    await applyMigrations(executor, MIGRATIONS_DIR);

    const engine = await engineOnPostgres(url);
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });

    expect(diagnosis).toEqual({
      hasMigrationsTable: true,
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
    });
    expect(await engine.applyMigrations({ migrationsList, filters: NO_FILTER })).toEqual({ appliedMigrationNames: [] });
  });

  it("agrees with Prisma's engine on which applied migration was edited", async () => {
    const url = await createScratchDatabase();
    const executor = executorFromPg(await connect(url));
    const migrationsDir = await copyOfMigrations();
    const [firstName] = await migrationNamesOnDisk(migrationsDir);

    await applyMigrations(executor, migrationsDir);
    await appendFile(path.join(migrationsDir, `${firstName}`, "migration.sql"), "\n-- edited\n");

    const engine = await engineOnPostgres(url);
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList: await prismaMigrationsList(migrationsDir),
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });

    expect(diagnosis.editedMigrationNames).toEqual([firstName]);
    await expect(applyMigrations(executor, migrationsDir)).rejects.toThrow(firstName);
  });

  it("accepts a database migrated by Prisma's engine, whose migrations table matches the one it creates", async () => {
    const prismaUrl = await createScratchDatabase();
    const engine = await engineOnPostgres(prismaUrl);
    const names = await migrationNamesOnDisk(MIGRATIONS_DIR);

    const byPrisma = await engine.applyMigrations({
      migrationsList: await prismaMigrationsList(MIGRATIONS_DIR),
      filters: NO_FILTER,
    });

    expect(byPrisma.appliedMigrationNames).toEqual(names);

    const prismaExecutor = executorFromPg(await connect(prismaUrl));

    expect(await applyMigrations(prismaExecutor, MIGRATIONS_DIR)).toEqual([]);

    const ourExecutor = executorFromPg(await connect(await createScratchDatabase()));

    await applyMigrations(ourExecutor, MIGRATIONS_DIR);

    const columnsQuery = `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`;

    expect((await ourExecutor.query(columnsQuery)).rows).toEqual((await prismaExecutor.query(columnsQuery)).rows);

    const checksumsQuery = "SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations";

    expect((await ourExecutor.query(checksumsQuery)).rows).toEqual((await prismaExecutor.query(checksumsQuery)).rows);
  });

  it("finds nothing to apply in a PGlite database migrated by applyMigrations", async () => {
    const db = await openMemoryPglite();
    const migrationsList = await prismaMigrationsList(MIGRATIONS_DIR);

    await applyMigrations(executorFromPglite(db), MIGRATIONS_DIR);

    const engine = await loadSchemaEngine(new PrismaPGlite(db));

    cleanups.push(async () => engine.free());

    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });

    expect(diagnosis.history).toBeNull();
    expect(diagnosis.failedMigrationNames).toEqual([]);
    expect(diagnosis.editedMigrationNames).toEqual([]);
    expect(await engine.applyMigrations({ migrationsList, filters: NO_FILTER })).toEqual({ appliedMigrationNames: [] });
  });
});

describe("scripts/create-migration.ts", () => {
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

  async function runCreateMigration(projectDir: string, name: string) {
    return execFileAsync(process.execPath, [tsxCli, CREATE_MIGRATION_SCRIPT, name], { cwd: projectDir });
  }

  // A project folder holding a copy of the schema and migrations, with
  // `edit` applied to the schema.
  async function projectWithSchema(edit: (schema: string) => string): Promise<string> {
    const projectDir = await makeTempDir();

    await cp(MIGRATIONS_DIR, path.join(projectDir, "prisma/migrations"), { recursive: true });
    await writeFile(path.join(projectDir, "prisma/schema.prisma"), edit(await readFile(SCHEMA_PATH, "utf8")));

    return projectDir;
  }

  const addNickname = (schema: string) => schema.replace(/^model User \{\n/m, "model User {\n  nickname String?\n");

  it("writes a migration that adds a new field, with a snapshot of the schema, and one that applies", async () => {
    const projectDir = await projectWithSchema(addNickname);
    const migrationsDir = path.join(projectDir, "prisma/migrations");
    const before = await migrationNamesOnDisk(migrationsDir);

    expect(await readFile(path.join(projectDir, "prisma/schema.prisma"), "utf8")).toContain("nickname String?");

    const { stdout } = await runCreateMigration(projectDir, "add nickname");
    const created = (await migrationNamesOnDisk(migrationsDir)).filter((name) => !before.includes(name));

    expect(created).toHaveLength(1);
    expect(created[0]).toMatch(/^\d{14}_add_nickname$/);
    expect(stdout).toContain(`Created prisma/migrations/${created[0]}/migration.sql`);

    const script = await readFile(path.join(migrationsDir, `${created[0]}`, "migration.sql"), "utf8");

    expect(script).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT;/);
    expect(script).not.toContain("CREATE TABLE");
    expect(await readFile(path.join(migrationsDir, `${created[0]}`, "schema.prisma"), "utf8")).toBe(
      await readFile(path.join(projectDir, "prisma/schema.prisma"), "utf8"),
    );

    const executor = executorFromPglite(await openMemoryPglite());

    expect(await applyMigrations(executor, migrationsDir)).toEqual([...before, created[0]]);

    const { rows } = await executor.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'nickname'",
    );

    expect(rows).toHaveLength(1);
  });

  it("creates nothing when the schema has not changed since the latest migration", async () => {
    const projectDir = await projectWithSchema((schema) => schema);
    const migrationsDir = path.join(projectDir, "prisma/migrations");
    const before = await migrationNamesOnDisk(migrationsDir);

    const { stdout } = await runCreateMigration(projectDir, "nothing");

    expect(stdout).toMatch(/^No changes: prisma\/schema\.prisma matches the schema as of \d{14}_\w+/);
    expect(await migrationNamesOnDisk(migrationsDir)).toEqual(before);
  });

  it("starts from an empty database when there is no migration yet, and writes the lock file", async () => {
    const projectDir = await makeTempDir();
    const migrationsDir = path.join(projectDir, "migrations");

    const result = await createMigration({
      name: "init",
      schemaPath: SCHEMA_PATH,
      migrationsDir,
      now: new Date("2030-01-02T03:04:05Z"),
    });

    expect(result).toMatchObject({ status: "created", migrationName: "20300102030405_init", basedOn: null });

    const script = await readFile(path.join(migrationsDir, "20300102030405_init", "migration.sql"), "utf8");

    for (const table of APP_TABLES) expect(script).toContain(`CREATE TABLE "${table}"`);
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toMatch(
      /^provider = "postgresql"$/m,
    );
  });

  it("fails clearly, creating nothing, when the latest migration has no schema snapshot", async () => {
    const migrationsDir = path.join(await makeTempDir(), "migrations");
    const [initName] = await migrationNamesOnDisk(MIGRATIONS_DIR);

    await mkdir(path.join(migrationsDir, `${initName}`), { recursive: true });
    await cp(
      path.join(MIGRATIONS_DIR, `${initName}`, "migration.sql"),
      path.join(migrationsDir, `${initName}`, "migration.sql"),
    );

    await expect(createMigration({ name: "next", schemaPath: SCHEMA_PATH, migrationsDir })).rejects.toThrow(
      /schema\.prisma is missing, so the schema as of the latest migration .* is unknown/,
    );
    expect(await migrationNamesOnDisk(migrationsDir)).toEqual([initName]);
  });
});
