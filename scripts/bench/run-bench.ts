import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type BenchDatabase, createBenchDatabase } from "./bench-database";
import { ensureBuild } from "./build";
import { measureFirstLoadJs } from "./bundle-size";
import { createCpuMeter } from "./cpu-meter";
import { createClient, type HttpClient, signIn } from "./http-client";
import { measure, type RunResult } from "./load";
import { parseOptions } from "./options";
import { evaluateTargets, formatReport, formatTargets, statsTarget } from "./report";
import { benchCardIds } from "./seed";
import { type RunningServer, startServer } from "./server";
import { formatStats, measureStatistics, type StatsResult } from "./stats";
import { probeQueue, queueWorkers, saveWorkers, type VersionBook } from "./workloads";

// Usage: npm run bench -- [--no-build] [--duration 10] [--warmup 3] [--concurrency 1,10]
//        (--help lists every flag; BENCH_SERVER_LOG_LEVEL=debug makes the
//        server log each request's handling time to artifacts/bench-server.log)
//
// Builds the app for production (unless a fresh build exists), serves it from
// the standalone output against a throwaway PostgreSQL database seeded with a
// heavy learner, and measures rating saves, the due queue and the review
// page's first-load JavaScript; before the server starts it also times the
// statistics page's data in-process. Prints a table and writes artifacts/bench.json.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const ARTIFACTS = path.join(ROOT, "artifacts");

const QUEUE_LIMIT = 5;

const STATS_WARMUP_CALLS = 5;

const STATS_CALLS = 20;

const options = parseOptions(process.argv.slice(2));

// Undo steps, run last-registered first: the server stops before its
// database is dropped. Each runs once, whether the run ends, fails or is
// interrupted.
const cleanups: Array<{ name: string; run(): Promise<void> }> = [];

async function cleanUp(): Promise<void> {
  for (let step = cleanups.pop(); step; step = cleanups.pop()) {
    await step.run().catch((error: unknown) => note(`cleanup "${step?.name}" failed: ${messageOf(error)}`));
  }
}

// Set on Ctrl-C: the run carries on briefly against a server that is being
// stopped, and the errors that causes are not worth printing.
let interrupted = false;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    note(`${signal}: stopping the server and dropping the bench database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function note(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });

  note("creating and seeding the bench database");

  const email = "bench-main@example.com";
  const password = randomBytes(12).toString("base64url");
  const database: BenchDatabase = await createBenchDatabase({
    adminUrl: options.adminUrl,
    migrationsDir: path.join(ROOT, "prisma", "migrations"),
    contentDir: path.join(ROOT, "content"),
    email,
    password,
    bigUserCards: options.bigUserCards,
    bigUserLogs: options.bigUserLogs,
    otherUsers: options.otherUsers,
    otherUserStates: options.otherUserStates,
    otherUserLogs: options.otherUserLogs,
    onCreated: (drop) => cleanups.push({ name: "drop the bench database", run: drop }),
  });

  note(`seeded ${database.name} in ${database.seed.seconds.toFixed(1)} s`);

  // Before the server and its load: nothing else runs on the database, and
  // the saves have not yet added today's logs.
  note(`timing the statistics data (${STATS_CALLS} calls of getDashboard and of each part)`);

  const stats: StatsResult = await measureStatistics({
    url: database.url,
    userId: database.bigUserId,
    cards: options.bigUserCards,
    warmupCalls: STATS_WARMUP_CALLS,
    calls: STATS_CALLS,
  });

  if (options.onlyStats) {
    const targets = [statsTarget(stats)];

    process.stdout.write(`${[...formatStats(stats), "", ...formatTargets(targets)].join("\n")}\n`);
    await writeResults({ at: new Date().toISOString(), seed: database.seed, statistics: stats, targets });

    return;
  }

  // Checked after the seed, so --only-stats needs no build.
  note("checking the production build");

  const build = await ensureBuild({
    root: ROOT,
    mode: options.build,
    logFile: path.join(ARTIFACTS, "bench-build.log"),
  });

  note(
    build.built
      ? `built ${build.buildId} in ${build.seconds.toFixed(0)} s`
      : `using build ${build.buildId} (${build.reason})`,
  );

  note("starting the standalone server");

  const server: RunningServer = await startServer({
    root: ROOT,
    databaseUrl: database.url,
    logFile: path.join(ARTIFACTS, "bench-server.log"),
  });

  cleanups.push({ name: "stop the server", run: server.stop });

  const admin = new pg.Client({ connectionString: options.adminUrl });

  await admin.connect();
  cleanups.push({ name: "close the admin connection", run: () => admin.end() });

  const meter = createCpuMeter({ serverPid: server.pid, admin, database: database.name });
  const session: HttpClient = createClient(server.baseUrl);

  cleanups.push({ name: "close the sign-in connection", run: async () => session.close() });
  await signIn(session, email, password);

  // The queue runs first, while the learner has rated nothing today: the
  // thousands of saves below would use up the day's review limit and leave
  // the queue with far less to do.
  const probe = await probeQueue(session, QUEUE_LIMIT);

  if (probe.cards === 0) throw new Error("the queue came back empty; the seed gives the learner no due cards");

  note(`queue probe: ${probe.cards} cards, ${probe.bytes} bytes, remaining ${JSON.stringify(probe.remaining)}`);

  const queue: RunResult[] = [];

  for (const concurrency of options.concurrencies) {
    note(`GET /api/review/queue at ${concurrency} client(s)`);
    queue.push(
      await measure({
        concurrency,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        createWorker: queueWorkers(session, QUEUE_LIMIT),
        meter,
      }),
    );
  }

  const cardIds = benchCardIds(options.bigUserCards);
  // Every seeded state starts at version 1.
  const versions: VersionBook = new Map(cardIds.map((id) => [id, 1]));
  const saves: RunResult[] = [];

  for (const concurrency of options.concurrencies) {
    note(`POST /api/review at ${concurrency} client(s)`);
    saves.push(
      await measure({
        concurrency,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        createWorker: saveWorkers(session, cardIds, versions),
        meter,
      }),
    );
  }

  const firstLoad = await measureFirstLoadJs({ root: ROOT, route: "/review", entry: "app/review/page", session });

  // Stopping takes the final VmHWM reading.
  await server.stop();

  const memory = server.memory();
  const targets = [...evaluateTargets({ saves, queue, firstLoad }), statsTarget(stats)];
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    kernel: os.release(),
    node: process.version,
    postgres: database.serverVersion,
  };
  const header = [
    `Ebb benchmark, ${new Date().toISOString()}`,
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Linux ${machine.kernel}; ` +
      `Node ${machine.node}; PostgreSQL ${machine.postgres} on loopback; load generator on the same machine`,
    `build: ${build.buildId} (${build.built ? `built in ${build.seconds.toFixed(0)} s` : build.reason})`,
    `data: ${database.seed.benchCards} bench cards; measured user: ${JSON.stringify(database.seed.bigUser.states)} ` +
      `states, ${database.seed.bigUser.dueNow} due now, ${database.seed.bigUser.logs} review logs; ` +
      `${database.seed.users} users, ${database.seed.cardStates} states, ${database.seed.reviewLogs} logs in all` +
      (stats.addedLogs > 0 ? `; then topped up to ${stats.logs} logs for the statistics (the load ran on those)` : ""),
    `each run: ${options.warmupMs / 1000} s warm-up, then ${options.durationMs / 1000} s measured; ` +
      `closed loop, one keep-alive connection per client; queue measured before the saves`,
    `queue answer: ${probe.cards} cards, ${probe.bytes} bytes, remaining ${JSON.stringify(probe.remaining)}`,
  ];
  const workloads = [
    { label: `GET /api/review/queue?limit=${QUEUE_LIMIT}`, runs: queue },
    { label: "POST /api/review", runs: saves },
  ];

  process.stdout.write(formatReport({ header, workloads, firstLoad, memory, stats: formatStats(stats), targets }));

  await writeResults({
    at: new Date().toISOString(),
    machine,
    options: {
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      concurrencies: options.concurrencies,
      queueLimit: QUEUE_LIMIT,
    },
    build,
    seed: database.seed,
    queueProbe: probe,
    runs: { queue, saves },
    firstLoadJs: firstLoad,
    serverMemoryKb: memory,
    statistics: stats,
    targets,
  });
}

async function writeResults(results: Record<string, unknown>): Promise<void> {
  const output = path.resolve(ROOT, options.output);

  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify(results, null, 2)}\n`);
  note(`wrote ${path.relative(ROOT, output)}`);
}

try {
  await main();
} catch (error) {
  if (!interrupted) note(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
