import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as schemaEngineRuntime from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { listMigrationNames, MIGRATION_LOCK_FILE, MIGRATION_SCRIPT_FILE } from "../lib/db/apply-migrations";

// Usage: tsx scripts/create-migration.ts <name>
//
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL
// that takes a database from the schema as of the latest migration to the
// current prisma/schema.prisma. The SQL comes from Prisma's own schema engine
// (its WebAssembly build), diffing two schema files, so neither a database nor
// a shadow database is involved. Each migration folder keeps a copy of the
// schema it was generated from, which is the starting point of the next one.

export const SCHEMA_PATH = "prisma/schema.prisma";

export const MIGRATIONS_DIR = "prisma/migrations";

// Prisma reads only migration.sql from a migration folder, so the snapshot
// beside it is invisible to `prisma migrate deploy` and to the applier.
export const SCHEMA_SNAPSHOT_FILE = "schema.prisma";

const MAX_MIGRATION_NAME_LENGTH = 200;

const LOCK_FILE_CONTENT = `# Written by scripts/create-migration.ts; Prisma Migrate reads the same file.
# Keep it in version control and do not edit it.
provider = "postgresql"
`;

const NO_SCHEMA_FILTER = { externalTables: [], externalEnums: [] };

export type CreateMigrationOptions = {
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  now?: Date;
};

export type CreateMigrationResult =
  | { status: "created"; migrationName: string; migrationDir: string; basedOn: string | null }
  | { status: "unchanged"; basedOn: string | null };

type SchemaEngineRuntime = typeof schemaEngineRuntime;

let runtimeReady: Promise<SchemaEngineRuntime> | undefined;

// The package's entry imports the .wasm file as an ES module, which Node does
// not do without a flag, so the module is instantiated here and handed to
// the generated bindings, the way Prisma's CLI loaded it. Once per process:
// the bindings keep the instance in a module-level variable.
function loadSchemaEngineRuntime(): Promise<SchemaEngineRuntime> {
  runtimeReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"));
    const imports: WebAssembly.Imports = { "./schema_engine_bg.js": schemaEngineRuntime };
    const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
    const start = instance.exports.__wbindgen_start;

    schemaEngineRuntime.__wbg_set_wasm(instance.exports);

    if (typeof start === "function") start();

    return schemaEngineRuntime;
  })();

  return runtimeReady;
}

// A schema engine working on the database behind `adapterFactory`. The caller
// frees it. The engine queries the database as soon as it starts (server
// version, type ids), even for commands that only compare schema files.
export async function loadSchemaEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const runtime = await loadSchemaEngineRuntime();
  const ignoreEngineLog = () => undefined;

  return runtime.SchemaEngine.new(
    { datamodels: undefined },
    ignoreEngineLog,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

// The SQL that migrates a database from `from` (null: an empty database) to
// `to`, or null when there is nothing to do. The engine gets a throwaway
// in-memory PGlite only because it needs a connection to start.
export async function diffSchemas(from: SchemaContainer | null, to: SchemaContainer): Promise<string | null> {
  const scratchDatabase = new PGlite();

  try {
    const engine = await loadSchemaEngine(new PrismaPGlite(scratchDatabase));

    try {
      const fromTarget: DiffTarget = from ? { tag: "schemaDatamodel", files: [from] } : { tag: "empty" };
      const result = await engine.diff({
        from: fromTarget,
        to: { tag: "schemaDatamodel", files: [to] },
        script: true,
        // Makes the engine report a non-empty diff as exit code 2.
        exitCode: true,
        filters: NO_SCHEMA_FILTER,
      });

      if (result.exitCode === 0) return null;

      if (result.exitCode !== 2 || !result.stdout) {
        throw new Error(`The schema engine's diff ended with exit code ${result.exitCode} and no SQL.`);
      }

      return result.stdout;
    } finally {
      engine.free();
    }
  } finally {
    await scratchDatabase.close();
  }
}

export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const slug = migrationNameSlug(options.name);

  if (!slug) {
    throw new Error(
      `"${options.name}" is not usable as a migration name: use letters and digits, e.g. add_user_nickname.`,
    );
  }

  await assertLockFileIsPostgres(migrationsDir);

  const schema: SchemaContainer = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
  const latestMigration = await latestMigrationName(migrationsDir);
  const snapshot = latestMigration ? await readSnapshot(migrationsDir, latestMigration) : null;
  const script = await diffSchemas(snapshot, schema);

  if (script === null) return { status: "unchanged", basedOn: latestMigration };

  const migrationName = `${migrationTimestamp(options.now ?? new Date())}_${slug}`;

  if (latestMigration && migrationName.localeCompare(latestMigration) <= 0) {
    throw new Error(
      `The new migration ${migrationName} would not sort after the latest one, ${latestMigration}, so it would be ` +
        `applied out of order. Check the system clock, or wait a second and run again.`,
    );
  }

  const migrationDir = path.join(migrationsDir, migrationName);

  // Without `recursive` mkdir fails when the folder exists, which is the
  // wanted behaviour: an existing migration is never overwritten.
  await mkdir(migrationsDir, { recursive: true });
  await mkdir(migrationDir);
  await writeFile(path.join(migrationDir, MIGRATION_SCRIPT_FILE), script, "utf8");
  await writeFile(path.join(migrationDir, SCHEMA_SNAPSHOT_FILE), schema.content, "utf8");
  await writeLockFileIfMissing(migrationsDir);

  return { status: "created", migrationName, migrationDir, basedOn: latestMigration };
}

// Lowercase words joined by underscores, the shape Prisma gives migration
// names: "Add nickname", "addNickname" and "add-nickname" all become
// "add_nickname".
export function migrationNameSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_MIGRATION_NAME_LENGTH);
}

// YYYYMMDDHHMMSS in UTC, as Prisma names migration folders.
export function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function latestMigrationName(migrationsDir: string): Promise<string | null> {
  return (await listMigrationNames(migrationsDir)).at(-1) ?? null;
}

async function readSnapshot(migrationsDir: string, migrationName: string): Promise<SchemaContainer> {
  const snapshotPath = path.join(migrationsDir, migrationName, SCHEMA_SNAPSHOT_FILE);
  const content = await readFile(snapshotPath, "utf8").catch((error: unknown) => {
    if (!isFileNotFound(error)) throw error;

    throw new Error(
      `${snapshotPath} is missing, so the schema as of the latest migration (${migrationName}) is unknown. ` +
        `Put the prisma/schema.prisma that migration was generated from there (for example ` +
        `git show <commit>:prisma/schema.prisma > ${snapshotPath}) and run again.`,
    );
  });

  return { path: snapshotPath, content };
}

async function assertLockFileIsPostgres(migrationsDir: string): Promise<void> {
  const lockFilePath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  const content = await readFile(lockFilePath, "utf8").catch((error: unknown) => {
    if (isFileNotFound(error)) return null;

    throw error;
  });
  const providerLine = content?.split(/\r?\n/).find((line) => line.startsWith("provider"));

  if (content !== null && providerLine?.replace(/\s/g, "") !== 'provider="postgresql"') {
    throw new Error(
      `${lockFilePath} does not say provider = "postgresql"; these migrations were written for another database.`,
    );
  }
}

async function writeLockFileIfMissing(migrationsDir: string): Promise<void> {
  const lockFilePath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  const exists = await access(lockFilePath).then(
    () => true,
    () => false,
  );

  if (!exists) await writeFile(lockFilePath, LOCK_FILE_CONTENT, "utf8");
}

function isFileNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

async function main(args: string[]): Promise<number> {
  // `--name <name>` is accepted too, as Prisma's `migrate dev` spells it.
  const words = args[0] === "--name" ? args.slice(1) : args;
  const name = words.join(" ").trim();

  if (!name || name.startsWith("-")) {
    process.stderr.write("Usage: tsx scripts/create-migration.ts <name>   (e.g. add_user_nickname)\n");

    return 2;
  }

  const result = await createMigration({ name });
  const startingPoint = result.basedOn ? `the schema as of ${result.basedOn}` : "an empty database";

  if (result.status === "unchanged") {
    process.stdout.write(`No changes: ${SCHEMA_PATH} matches ${startingPoint}. No migration created.\n`);

    return 0;
  }

  process.stdout.write(
    `Created ${path.join(result.migrationDir, MIGRATION_SCRIPT_FILE)} (from ${startingPoint}).\n` +
      `Review the SQL, then apply it with: npm run db:migrate\n`,
  );

  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.stderr.write(
        `Could not create the migration: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
