import { readdir } from "node:fs/promises";
import type { SqlExecutor } from "../db/apply-migrations";

export type HealthReport =
  | { status: "ok"; database: "up"; backend: string; migrations: number }
  | { status: "unavailable"; database: "down" | "not-migrated"; reason: string };

const PROBE_TIMEOUT_MS = 3_000;

// Healthy means: the database answers and every migration in the folder is
// recorded as finished. Anything less is a reason for a 503.
export async function checkHealth(options: {
  backend: string;
  withExecutor: <T>(work: (executor: SqlExecutor) => Promise<T>) => Promise<T>;
  migrationsDir: string;
}): Promise<HealthReport> {
  const expected = (await readdir(options.migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  let applied: Set<string>;

  try {
    applied = await withTimeout(
      options.withExecutor(async (executor) => {
        const table = await executor.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");

        if (!table.rows[0]?.present) return new Set<string>();

        const rows = await executor.query(
          "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
        );

        return new Set(rows.rows.map((row) => String(row.migration_name)));
      }),
      PROBE_TIMEOUT_MS,
    );
  } catch (error) {
    return { status: "unavailable", database: "down", reason: `database unreachable: ${messageOf(error)}` };
  }

  const pending = expected.filter((name) => !applied.has(name));

  if (pending.length > 0) {
    return { status: "unavailable", database: "not-migrated", reason: `pending migrations: ${pending.join(", ")}` };
  }

  return { status: "ok", database: "up", backend: options.backend, migrations: expected.length };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);

    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
