import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createServerDatabase } from "../support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
  }
}

const READY_TIMEOUT_MS = 180_000;

// Starts the app once for the browser tests, on its own port, build folder and
// fresh database, and waits until /api/health says it is ready.
export default async function startAppServer(project: TestProject) {
  const port = await freePort();
  const serverUrl = process.env.DATABASE_URL;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: process.env.EBB_TEST_DIST_DIR ?? ".next-test",
    PORT: String(port),
    LOG_LEVEL: "warn",
  };
  let cleanupDatabase: () => Promise<void>;

  if (serverUrl) {
    const created = await createServerDatabase(serverUrl, "ebb_e2e");

    env.DATABASE_URL = created.url;
    cleanupDatabase = created.drop;
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ebb-e2e-"));

    env.EBB_PGLITE_DIR = dir;
    cleanupDatabase = () => rm(dir, { recursive: true, force: true });
  }

  await mkdir("artifacts", { recursive: true });

  const logFile = createWriteStream(path.resolve("artifacts/app-server.log"));
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", String(port)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });

  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);

  const appUrl = `http://127.0.0.1:${port}`;

  try {
    await waitForHealth(appUrl, child);
  } catch (error) {
    stop(child);
    await cleanupDatabase();
    throw error;
  }

  project.provide("appUrl", appUrl);

  return async () => {
    stop(child);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cleanupDatabase();
  };
}

async function waitForHealth(appUrl: string, child: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";

  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`app server exited with ${child.exitCode}; see artifacts/app-server.log`);

    try {
      const response = await fetch(`${appUrl}/api/health`);

      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }

    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  throw new Error(`app server not healthy after ${READY_TIMEOUT_MS} ms (last: ${last}); see artifacts/app-server.log`);
}

function stop(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;

  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();

    server.listen(0, "127.0.0.1", () => {
      const address = server.address();

      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
