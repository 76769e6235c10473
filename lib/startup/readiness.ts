import { getDatabase } from "../db";
import { logger } from "../log";
import { prepareDatabase } from "./prepare-database";

const log = logger.child({ component: "startup" });

// Preparation runs once per process. A failure (database unreachable) is not
// remembered, so the next caller tries again: the app recovers by itself when
// the database comes back.
const holder = globalThis as typeof globalThis & { __ebbReady?: Promise<void> };

export function ensureReady(): Promise<void> {
  holder.__ebbReady ??= prepare().catch((error: unknown) => {
    holder.__ebbReady = undefined;
    throw error;
  });

  return holder.__ebbReady;
}

async function prepare(): Promise<void> {
  const database = await getDatabase();
  const started = performance.now();

  if (process.env.EBB_SKIP_PREPARE === "1") return;

  const { migrationsApplied, sync } = await prepareDatabase(database);

  log.info("database ready", {
    backend: database.backend,
    migrationsApplied,
    sync,
    ms: Math.round(performance.now() - started),
  });
}

export async function getReadyPrisma() {
  await ensureReady();

  return (await getDatabase()).prisma;
}
