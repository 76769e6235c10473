import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { getReviewQueue } from "../../lib/reviews/get-review-queue";
import { submitReview } from "../../lib/reviews/submit-review";
import { previewGrades } from "../../lib/srs/preview-grades";
import { scheduleReview } from "../../lib/srs/schedule-review";
import type { SrsCardState } from "../../lib/srs/types";
import { dayWindow } from "../../lib/srs/user-day";
import { createBenchDatabase } from "./bench-database";
import { processTicks, TICKS_PER_SECOND } from "./cpu-meter";
import { createClient, type HttpClient, signIn } from "./http-client";
import { startServer } from "./server";

// Usage: npx tsx scripts/bench/profile.ts [--iterations 100] [--database-url <url>]
//
// Where the time of one queue request and one rating save goes, on the same
// seeded data as the benchmark: the app's own functions called in-process
// with every SQL statement timed, EXPLAIN ANALYZE of each statement, the
// scheduler's cost alone, and (when .next holds a standalone build) the
// server's CPU per request with and without gzip. Prints a plain report.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const EMAIL = "bench-main@example.com";

const PASSWORD = randomBytes(12).toString("base64url");

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: {
    iterations: { type: "string", default: "100" },
    "database-url": { type: "string" },
  },
});

const iterations = Number(flags.iterations);
const adminUrl = flags["database-url"] ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Statement = { sql: string; params: unknown[]; ms: number };

const cleanups: Array<() => Promise<void>> = [];

async function cleanUp(): Promise<void> {
  for (let step = cleanups.pop(); step; step = cleanups.pop()) {
    await step().catch((error: unknown) => write(`cleanup failed: ${String(error)}`));
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

function write(line = ""): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const database = await createBenchDatabase({
    adminUrl,
    migrationsDir: path.join(ROOT, "prisma", "migrations"),
    contentDir: path.join(ROOT, "content"),
    email: EMAIL,
    password: PASSWORD,
    bigUserCards: 5000,
    bigUserLogs: 50_000,
    otherUsers: 20,
    otherUserStates: 300,
    otherUserLogs: 400,
    onCreated: (drop) => cleanups.push(drop),
  });

  write(`database ${database.name}, seeded in ${database.seed.seconds.toFixed(1)} s`);
  write(`measured user: ${JSON.stringify(database.seed.bigUser)}`);

  // The app's own client, with Prisma's query events on: each carries the
  // SQL, its parameters and the time from sending to the last row.
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  const statements: Statement[] = [];

  prisma.$on("query", (event) => {
    statements.push({ sql: event.query, params: parseParams(event.params), ms: event.duration });
  });
  cleanups.push(async () => {
    await prisma.$disconnect();
    await pool.end();
  });

  const user = await prisma.user.findUniqueOrThrow({ where: { email: EMAIL }, select: { id: true } });
  const userId = user.id;

  // The queue first: the saves below use up the day's review limit, after
  // which the queue no longer fetches reviews at all.
  const queueCall = () =>
    getReviewQueue({ prisma, userId, now: new Date(), locale: "en", limit: 5, exclude: [] }).then(() => undefined);

  const queue = await timeCalls("getReviewQueue (limit 5)", queueCall, statements);
  const queueStatements = await captureOnce(queueCall, statements);

  const server = await startHttp(database.url);

  if (server) {
    cleanups.push(server.stop);
    await compareEncodings(server, "GET /api/review/queue?limit=5", (client) =>
      client.request("/api/review/queue?limit=5"),
    );
  }

  const states = await prisma.cardState.findMany({
    where: { userId, cardId: { startsWith: "bench-" } },
    select: { cardId: true, version: true },
    orderBy: { cardId: "asc" },
  });
  const versions = new Map(states.map((state) => [state.cardId, state.version]));
  const cardIds = [...versions.keys()];
  let nextCard = 0;
  let lastSave = { reviewId: "", cardId: "", expectedVersion: 0 };
  const saveCall = async () => {
    const cardId = cardIds[nextCard++ % cardIds.length] ?? "";

    lastSave = { reviewId: randomUUID(), cardId, expectedVersion: versions.get(cardId) ?? 0 };

    const result = await submitReview({
      prisma,
      userId,
      reviewId: lastSave.reviewId,
      cardId,
      grade: 3,
      expectedVersion: lastSave.expectedVersion,
      durationMs: 3000,
      source: "review",
      reviewedAt: new Date(),
    });

    versions.set(cardId, result.state.version);
  };

  const save = await timeCalls("submitReview", saveCall, statements);
  const saveStatements = await captureOnce(saveCall, statements);

  if (server) {
    await compareEncodings(server, "GET /api/settings (signed-in baseline)", (client) =>
      client.request("/api/settings"),
    );
    await compareEncodings(server, "GET /api/health (no session)", (client) => client.request("/api/health"));
  }

  write();
  write("== in-process, per call (wall includes the round trips) ==");
  for (const result of [queue, save]) printTimed(result);

  write();
  write("== the scheduler alone, per call ==");
  printMicro();

  write();
  write("== EXPLAIN (ANALYZE, BUFFERS) of each statement of one queue request ==");
  await explainAll(database.url, queueStatements);

  write();
  write("== EXPLAIN (ANALYZE, BUFFERS) of each statement of one save (rolled back) ==");

  // The captured save has already happened; inside each explained
  // transaction its log row goes and the card's version steps back, so the
  // plans are those of a first attempt, not of a replay.
  const saved = lastSave;

  await explainAll(database.url, saveStatements, async (client) => {
    await client.query(`DELETE FROM "ReviewLog" WHERE id = $1::uuid`, [saved.reviewId]);
    await client.query(`UPDATE "CardState" SET version = $3 WHERE "userId" = $1::uuid AND "cardId" = $2`, [
      userId,
      saved.cardId,
      saved.expectedVersion,
    ]);
  });
}

type Timed = {
  name: string;
  wallMs: number;
  cpuMs: number;
  statementsPerCall: number;
  byStatement: Array<{ label: string; perCall: number; meanMs: number }>;
};

async function timeCalls(name: string, call: () => Promise<void>, statements: Statement[]): Promise<Timed> {
  // Warm caches (rendered cards, Prisma's compiled query plans, pool sockets).
  for (let index = 0; index < 10; index++) await call();

  statements.length = 0;

  const cpu = process.cpuUsage();
  const started = performance.now();

  for (let index = 0; index < iterations; index++) await call();

  const wallMs = (performance.now() - started) / iterations;
  const used = process.cpuUsage(cpu);
  const groups = new Map<string, { count: number; total: number }>();

  for (const statement of statements) {
    const key = normalise(statement.sql);
    const group = groups.get(key) ?? { count: 0, total: 0 };

    group.count++;
    group.total += statement.ms;
    groups.set(key, group);
  }

  return {
    name,
    wallMs,
    cpuMs: (used.user + used.system) / 1000 / iterations,
    statementsPerCall: statements.length / iterations,
    byStatement: [...groups]
      .map(([key, group]) => ({
        label: labelOf(key),
        perCall: group.count / iterations,
        meanMs: group.total / group.count,
      }))
      .sort((a, b) => b.meanMs * b.perCall - a.meanMs * a.perCall),
  };
}

async function captureOnce(call: () => Promise<void>, statements: Statement[]): Promise<Statement[]> {
  statements.length = 0;
  await call();

  return [...statements];
}

function printTimed(result: Timed): void {
  write(
    `${result.name}: ${result.wallMs.toFixed(2)} ms wall, ${result.cpuMs.toFixed(2)} ms CPU in this process, ` +
      `${result.statementsPerCall.toFixed(1)} statements (${iterations} calls)`,
  );

  for (const statement of result.byStatement) {
    write(`  ${statement.meanMs.toFixed(2).padStart(7)} ms  ×${statement.perCall.toFixed(1)}  ${statement.label}`);
  }
}

function printMicro(): void {
  const now = new Date();
  const settings = { desiredRetention: 0.9, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500 };
  const userDay = { timeZone: "UTC", dayStartHour: 4 };
  const state: SrsCardState = {
    state: 2,
    due: new Date(now.getTime() - 86_400_000),
    stability: 12,
    difficulty: 5,
    elapsedDays: 10,
    scheduledDays: 11,
    learningSteps: 0,
    reps: 6,
    lapses: 1,
    lastReview: new Date(now.getTime() - 12 * 86_400_000),
  };
  const cases: Array<[string, () => unknown]> = [
    [
      "scheduleReview (one grade, learner days on)",
      () => scheduleReview({ cardId: "c", state, grade: 3, now, settings, userDay }),
    ],
    [
      "scheduleReview (one grade, no learner days)",
      () => scheduleReview({ cardId: "c", state, grade: 3, now, settings }),
    ],
    ["previewGrades (four grades, one card)", () => previewGrades({ cardId: "c", state, now, settings, userDay })],
    ["dayWindow", () => dayWindow({ now, ...userDay })],
  ];

  for (const [name, run] of cases) {
    for (let index = 0; index < 200; index++) run();

    const started = performance.now();
    const rounds = 1000;

    for (let index = 0; index < rounds; index++) run();

    write(`  ${(((performance.now() - started) / rounds) * 1000).toFixed(0).padStart(6)} µs  ${name}`);
  }
}

async function explainAll(
  url: string,
  statements: Statement[],
  prepare: (client: pg.Client) => Promise<void> = async () => undefined,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });

  await client.connect();

  try {
    for (const statement of statements) {
      write();
      write(`-- ${labelOf(statement.sql)}  (${statement.ms.toFixed(2)} ms as the app ran it)`);

      // The save's write changes rows: every plan runs in a transaction that
      // is rolled back, so the data stays as the benchmark left it.
      await client.query("BEGIN");

      try {
        await prepare(client);

        const plan = await client.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
          statement.params,
        );

        for (const row of plan.rows) write(`   ${row["QUERY PLAN"]}`);
      } catch (error) {
        write(`   (no plan: ${error instanceof Error ? error.message : String(error)})`);
      } finally {
        await client.query("ROLLBACK");
      }
    }
  } finally {
    await client.end();
  }
}

type HttpSide = { baseUrl: string; pid: number; stop(): Promise<void> };

async function startHttp(databaseUrl: string): Promise<HttpSide | null> {
  const built = await stat(path.join(ROOT, ".next", "standalone", "server.js")).catch(() => null);

  if (!built) {
    write("no standalone build in .next: skipping the HTTP comparison (npm run bench builds one)");
    return null;
  }

  await mkdir(path.join(ROOT, "artifacts"), { recursive: true });

  const server = await startServer({
    root: ROOT,
    databaseUrl,
    logFile: path.join(ROOT, "artifacts", "bench-profile-server.log"),
  });

  return { baseUrl: server.baseUrl, pid: server.pid, stop: server.stop };
}

// The same request with the response gzipped (as browsers ask) and plain:
// the difference is what Next's built-in compression costs the server. The
// two alternate in short blocks, so a change in the machine's other load
// falls on both alike.
async function compareEncodings(
  server: HttpSide,
  name: string,
  send: (client: HttpClient) => Promise<{ status: number }>,
): Promise<void> {
  const blocks = 10;
  const perBlock = Math.max(1, Math.round(iterations / blocks));

  write();
  write(`== HTTP: ${name}, ${blocks * perBlock} sequential requests each, in alternating blocks ==`);

  const sides = await Promise.all(
    ["gzip", "identity"].map(async (encoding) => {
      const client = createClient(server.baseUrl, { acceptEncoding: encoding });

      await signIn(client, EMAIL, PASSWORD);

      for (let index = 0; index < 10; index++) await send(client);

      return { encoding, client, ticks: 0, latencies: [] as number[], statuses: new Set<number>() };
    }),
  );

  for (let block = 0; block < blocks; block++) {
    for (const side of sides) {
      const before = await processTicks(server.pid);

      for (let index = 0; index < perBlock; index++) {
        const started = performance.now();
        const response = await send(side.client);

        side.latencies.push(performance.now() - started);
        side.statuses.add(response.status);
      }

      side.ticks += (await processTicks(server.pid)) - before;
    }
  }

  for (const side of sides) {
    const cpuMs = (side.ticks / TICKS_PER_SECOND / side.latencies.length) * 1000;
    const p50 = side.latencies.sort((a, b) => a - b)[Math.floor(side.latencies.length / 2)] ?? 0;

    write(
      `  accept-encoding ${side.encoding.padEnd(8)}  server CPU ${cpuMs.toFixed(2)} ms/request, ` +
        `p50 ${p50.toFixed(2)} ms, status ${[...side.statuses].join(",")}`,
    );
    side.client.close();
  }
}

function normalise(sql: string): string {
  return sql
    .replace(/"public"\./g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Long statements differ mostly in their WHERE clause: show its start.
function labelOf(sql: string): string {
  const text = normalise(sql);
  const where = text.indexOf(" WHERE ");

  if (text.length <= 160 || where < 0) return text.slice(0, 160);

  return `${text.slice(0, 60)} …${text.slice(where, where + 100)}`;
}

function parseParams(text: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);

    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
