import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { cp, readFile, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export type RunningServer = {
  pid: number;
  baseUrl: string;
  memory(): MemoryReport;
  stop(): Promise<void>;
};

export type MemoryReport = {
  // The kernel's high-water mark for the process: the true peak, even
  // between samples.
  peakKb: number | null;
  // The largest resident size seen by the sampler, and the last one.
  sampledMaxKb: number | null;
  lastKb: number | null;
  samples: number;
};

const READY_TIMEOUT_MS = 60_000;

const SAMPLE_INTERVAL_MS = 250;

// Starts `.next/standalone/server.js` on a free loopback port against the
// bench database and waits for /api/health to answer 200.
export async function startServer(options: {
  root: string;
  databaseUrl: string;
  logFile: string;
}): Promise<RunningServer> {
  const { root } = options;
  const standalone = path.join(root, ".next", "standalone");

  // The standalone output leaves static assets to the deployer; without them
  // the pages load but their scripts 404.
  const staticTarget = path.join(standalone, ".next", "static");

  if (!(await exists(staticTarget))) await cp(path.join(root, ".next", "static"), staticTarget, { recursive: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: baseUrl,
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
    NODE_ENV: "production",
    // server.js changes into the standalone folder; absolute paths keep the
    // migrations (health) and sections.yaml (queue headings) from the repo.
    EBB_MIGRATIONS_DIR: path.join(root, "prisma", "migrations"),
    EBB_CONTENT_DIR: path.join(root, "content"),
    // The bench already migrated and synced this database with the same
    // code. The server's own sync would retire the synthetic bench topic,
    // which is not in content/, and with it every measured card.
    EBB_SKIP_PREPARE: "1",
  };

  delete env.NEXT_DIST_DIR;
  delete env.EBB_PGLITE_DIR;

  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, [path.join(standalone, "server.js")], {
    cwd: standalone,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });

  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const pid = child.pid;

  if (pid === undefined) throw new Error("the server process did not start");

  const sampler = startSampler(pid);
  // Safe to call more than once: the run stops the server itself to read its
  // final memory, and the cleanup on exit calls it again.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await sampler.stop();
      await terminate(child);
      await new Promise<void>((resolve) => log.end(resolve));
    })();

    return stopping;
  };

  try {
    await waitForHealth(baseUrl, child, options.logFile);
  } catch (error) {
    await stop();
    throw error;
  }

  return { pid, baseUrl, memory: sampler.report, stop };
}

function startSampler(pid: number) {
  let sampledMaxKb: number | null = null;
  let lastKb: number | null = null;
  let peakKb: number | null = null;
  let samples = 0;

  const sample = async () => {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);

    if (!status) return;

    const rss = kilobytes(status, "VmRSS");
    const hwm = kilobytes(status, "VmHWM");

    if (rss !== null) {
      samples++;
      lastKb = rss;
      sampledMaxKb = Math.max(sampledMaxKb ?? 0, rss);
    }

    if (hwm !== null) peakKb = Math.max(peakKb ?? 0, hwm);
  };
  const timer = setInterval(() => void sample(), SAMPLE_INTERVAL_MS);

  return {
    // One last reading before the process goes, so the peak is its final one.
    stop: async () => {
      clearInterval(timer);
      await sample();
    },
    report: (): MemoryReport => ({ peakKb, sampledMaxKb, lastKb, samples }),
  };
}

function kilobytes(status: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);

  return match?.[1] ? Number(match[1]) : null;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";

  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${logFile}`);

    try {
      const response = await fetch(`${baseUrl}/api/health`);

      if (response.status === 200) return;

      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }

    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  throw new Error(`the server was not healthy within ${READY_TIMEOUT_MS} ms (last: ${last}); see ${logFile}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  child.kill("SIGTERM");

  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);

  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();

    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();

      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function exists(target: string): Promise<boolean> {
  return (await stat(target).catch(() => null)) !== null;
}
