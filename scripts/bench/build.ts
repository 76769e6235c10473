import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

export type BuildOutcome = { built: boolean; reason: string; seconds: number; buildId: string };

// Everything that ends up in the production build. content/ is read at run
// time (the bench points the server at it), so it is not a build input.
const SOURCE_PATHS = [
  "app",
  "components",
  "lib",
  "types",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

// Builds into the default `.next` unless a build newer than every source file
// is already there; `mode` can force either way.
export async function ensureBuild(options: {
  root: string;
  mode: "auto" | "always" | "never";
  logFile: string;
}): Promise<BuildOutcome> {
  const { root, mode } = options;
  const distDir = path.join(root, ".next");
  const buildIdFile = path.join(distDir, "BUILD_ID");
  const serverFile = path.join(distDir, "standalone", "server.js");

  if (mode !== "always") {
    const built = await modifiedAt(buildIdFile);
    const hasServer = (await modifiedAt(serverFile)) !== null;

    if (mode === "never") {
      if (built === null || !hasServer) throw new Error("--no-build given but .next holds no standalone build");

      return { built: false, reason: "--no-build", seconds: 0, buildId: await readBuildId(buildIdFile) };
    }

    const newest = await newestSource(root);

    if (built !== null && hasServer && newest.time <= built) {
      return {
        built: false,
        reason: "existing build is newer than every source",
        seconds: 0,
        buildId: await readBuildId(buildIdFile),
      };
    }
  }

  const started = performance.now();

  await runNextBuild(root, options.logFile);

  return {
    built: true,
    reason: mode === "always" ? "--build" : "sources changed since the last build",
    seconds: (performance.now() - started) / 1000,
    buildId: await readBuildId(buildIdFile),
  };
}

async function runNextBuild(root: string, logFile: string): Promise<void> {
  // next.config.ts takes distDir from NEXT_DIST_DIR; the bench measures the
  // default build, whatever the caller's shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };

  delete env.NEXT_DIST_DIR;

  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });

  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });

  await new Promise<void>((resolve) => log.end(resolve));

  if (code !== 0) {
    const tail = (await readFile(logFile, "utf8")).split("\n").slice(-30).join("\n");

    throw new Error(`next build exited with ${code}; last lines of ${logFile}:\n${tail}`);
  }
}

async function newestSource(root: string): Promise<{ time: number; file: string }> {
  let newest = { time: 0, file: "" };

  for (const entry of SOURCE_PATHS) {
    for await (const file of walk(path.join(root, entry))) {
      const time = await modifiedAt(file);

      if (time !== null && time > newest.time) newest = { time, file };
    }
  }

  return newest;
}

async function* walk(target: string): AsyncGenerator<string> {
  const info = await stat(target).catch(() => null);

  if (!info) return;

  if (!info.isDirectory()) {
    yield target;
    return;
  }

  for (const entry of await readdir(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;

    yield* walk(path.join(target, entry.name));
  }
}

async function modifiedAt(file: string): Promise<number | null> {
  const info = await stat(file).catch(() => null);

  return info ? info.mtimeMs : null;
}

async function readBuildId(file: string): Promise<string> {
  return (await readFile(file, "utf8")).trim();
}
