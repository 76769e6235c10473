import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { ContentError, formatProblem } from "../lib/content/content-error";
import { databaseConfigFromEnv } from "../lib/db";
import { openDatabase } from "../lib/db/open-database";
import { logger } from "../lib/log";
import { prepareDatabase } from "../lib/startup/prepare-database";

// Usage: node start-server.mjs (in the image), or tsx scripts/start-server.ts
// after `npm run build` on a machine.
//
// The production start sequence: wait for the database, apply pending
// migrations, sync content/, then hand the process over to the standalone
// Next.js server. Doing the preparation here rather than in the server means a
// bad migration or content file stops the start with a clear error instead of
// a server that answers 503 forever.
//
// Environment:
//   DATABASE_URL          PostgreSQL server; unset means the embedded PGlite
//   EBB_DB_WAIT_SECONDS   how long to wait for the database (default 60)
//   EBB_MIGRATIONS_DIR    default prisma/migrations
//   EBB_CONTENT_DIR       default content
//   EBB_SERVER_JS         the standalone server; default server.js, else .next/standalone/server.js

const SECOND_MS = 1_000;

const DEFAULT_WAIT_SECONDS = 60;

// Backoff between connection attempts: quick at first, since a database that
// is merely starting answers within a second or two, then capped so a slow
// one is not hammered.
const FIRST_RETRY_MS = 250;

const MAX_RETRY_MS = 5 * SECOND_MS;

const ATTEMPT_TIMEOUT_MS = 5 * SECOND_MS;

const log = logger.child({ component: "start-server" });

class StartError extends Error {
  override name = "StartError";
}

function waitSeconds(): number {
  const raw = process.env.EBB_DB_WAIT_SECONDS;

  if (raw === undefined || raw === "") return DEFAULT_WAIT_SECONDS;

  const seconds = Number(raw);

  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new StartError(`EBB_DB_WAIT_SECONDS is "${raw}"; give a number of seconds (0 or more).`);
  }

  return seconds;
}

// Where the URL points, without the credentials, for the logs.
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);

    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "an unparseable DATABASE_URL";
  }
}

async function probe(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });

  // A connection dropped mid-probe is reported by the failed query; without a
  // listener the client's "error" event would end the process.
  client.on("error", () => undefined);

  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
}

async function waitForDatabase(url: string, seconds: number): Promise<void> {
  const target = describeTarget(url);
  const started = Date.now();
  const deadline = started + seconds * SECOND_MS;

  for (let attempt = 1; ; attempt++) {
    const timeoutMs = Math.max(SECOND_MS, Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()));

    try {
      await probe(url, timeoutMs);
      log.info("database answers", { target, attempt, elapsedMs: Date.now() - started });

      return;
    } catch (error) {
      const remainingMs = deadline - Date.now();

      if (remainingMs <= 0) {
        throw new StartError(
          `The database at ${target} did not answer within ${seconds} s (${attempt} attempts; last error: ` +
            `${messageOf(error)}). Check that it is running and that DATABASE_URL is right, or give it longer ` +
            `with EBB_DB_WAIT_SECONDS.`,
        );
      }

      const delayMs = Math.min(retryDelayMs(attempt), remainingMs);

      log.info("waiting for database", { target, attempt, error: messageOf(error), retryInMs: delayMs });
      await sleep(delayMs);
    }
  }
}

async function prepare(migrationsDir: string, contentDir: string): Promise<void> {
  const database = await openDatabase(databaseConfigFromEnv());
  const started = performance.now();

  try {
    const { migrationsApplied, sync } = await prepareDatabase(database, { migrationsDir, contentDir });

    log.info("database ready", {
      backend: database.backend,
      migrationsApplied,
      sync,
      ms: Math.round(performance.now() - started),
    });
  } finally {
    // Closed before the server starts: an embedded data folder can be open
    // in one PGlite instance only, and the server opens its own.
    await database.close();
  }
}

function findServer(): string {
  const configured = process.env.EBB_SERVER_JS;
  const candidates = (configured ? [configured] : ["server.js", ".next/standalone/server.js"]).map((file) =>
    path.resolve(file),
  );
  const found = candidates.find((file) => existsSync(file));

  if (!found) {
    throw new StartError(
      `No standalone server found (looked for ${candidates.join(" and ")}). Run \`npm run build\` first, ` +
        "or set EBB_SERVER_JS to the server.js to start.",
    );
  }

  return found;
}

async function main(): Promise<void> {
  // Resolved now, against this process's working directory: the standalone
  // server changes into its own folder, where relative paths would miss.
  const migrationsDir = path.resolve(process.env.EBB_MIGRATIONS_DIR ?? "prisma/migrations");
  const contentDir = path.resolve(process.env.EBB_CONTENT_DIR ?? "content");
  const serverJs = findServer();
  const url = process.env.DATABASE_URL;

  if (url) await waitForDatabase(url, waitSeconds());

  await prepare(migrationsDir, contentDir);

  if (!existsSync(path.join(path.dirname(serverJs), ".next", "static"))) {
    log.warn("the standalone build has no .next/static; pages will load without their scripts and styles", {
      fix: "copy .next/static into .next/standalone/.next/static (the Docker image does)",
    });
  }

  process.env.EBB_MIGRATIONS_DIR = migrationsDir;
  process.env.EBB_CONTENT_DIR = contentDir;
  process.env.EBB_PGLITE_DIR = path.resolve(process.env.EBB_PGLITE_DIR ?? ".data/pglite");
  process.env.EBB_DATA_DIR = path.resolve(process.env.EBB_DATA_DIR ?? ".data");
  // The work is done; the server's own start-up preparation would only repeat it.
  process.env.EBB_SKIP_PREPARE = "1";

  log.info("starting server", { serverJs, port: process.env.PORT ?? "3000", hostname: process.env.HOSTNAME });

  // In this process rather than a child: the server then receives the
  // container's stop signal itself and shuts down gracefully.
  await import(pathToFileURL(serverJs).href);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  if (error instanceof ContentError) {
    for (const problem of error.problems) log.error("content problem", { problem: formatProblem(problem) });
    log.error("start aborted: content/ has errors, nothing was written");
  } else if (error instanceof StartError) {
    log.error(`start aborted: ${error.message}`);
  } else {
    log.error("start aborted", { error });
  }

  process.exitCode = 1;
  // Should anything still hold the event loop open, leave anyway so that the
  // container exits and its restart policy can try again.
  setTimeout(() => process.exit(1), SECOND_MS).unref();
});
