import { parseArgs } from "node:util";

export type BenchOptions = {
  // "auto" builds only when the sources are newer than the last build.
  build: "auto" | "always" | "never";
  durationMs: number;
  warmupMs: number;
  concurrencies: number[];
  adminUrl: string;
  bigUserCards: number;
  bigUserLogs: number;
  otherUsers: number;
  otherUserStates: number;
  otherUserLogs: number;
  output: string;
  // Seed and measure the statistics data only: no build, server or HTTP load.
  onlyStats: boolean;
};

const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

const USAGE = `usage: npm run bench -- [options]

  --no-build            use the existing .next build as it is
  --build               build even if .next looks fresh
  --duration <s>        measured seconds per run (default 10)
  --warmup <s>          warm-up seconds before each run (default 3)
  --concurrency <list>  comma-separated client counts (default 1,10)
  --database-url <url>  server to create the bench database on
                        (default DATABASE_URL, else ${LOCAL_POSTGRES})
  --cards <n>           cards with a state for the measured user (default 5000)
  --logs <n>            review logs of the measured user (default 50000)
  --output <file>       JSON results (default artifacts/bench.json)
  --only-stats          seed, then time the statistics data only
                        (skips the build, the server and the HTTP load)
`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      "no-build": { type: "boolean", default: false },
      build: { type: "boolean", default: false },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      concurrency: { type: "string", default: "1,10" },
      "database-url": { type: "string" },
      cards: { type: "string", default: "5000" },
      logs: { type: "string", default: "50000" },
      output: { type: "string", default: "artifacts/bench.json" },
      "only-stats": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });

  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }

  if (values.build && values["no-build"]) throw new Error("--build and --no-build contradict each other");

  return {
    build: values.build ? "always" : values["no-build"] ? "never" : "auto",
    durationMs: seconds(values.duration, "--duration"),
    warmupMs: seconds(values.warmup, "--warmup", { allowZero: true }),
    concurrencies: values.concurrency.split(",").map((part) => positiveInteger(part.trim(), "--concurrency")),
    adminUrl: values["database-url"] ?? process.env.DATABASE_URL ?? LOCAL_POSTGRES,
    bigUserCards: positiveInteger(values.cards, "--cards"),
    bigUserLogs: positiveInteger(values.logs, "--logs"),
    otherUsers: 20,
    otherUserStates: 300,
    otherUserLogs: 400,
    output: values.output,
    onlyStats: values["only-stats"],
  };
}

function seconds(text: string, flag: string, options: { allowZero?: boolean } = {}): number {
  const value = Number(text);

  if (!Number.isFinite(value) || value < 0 || (value === 0 && !options.allowZero)) {
    throw new Error(`${flag} wants a number of seconds, got "${text}"`);
  }

  return Math.round(value * 1000);
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);

  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} wants a positive integer, got "${text}"`);

  return value;
}
