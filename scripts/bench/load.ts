import type { CpuMeter, CpuUsage } from "./cpu-meter";

export type Outcome = {
  status: number;
  ms: number;
  // Set for a non-2xx answer or a failed request: what went wrong, briefly.
  problem?: string;
};

export type LoadWorker = {
  next(): Promise<Outcome>;
  close(): void;
};

export type LatencySummary = { min: number; mean: number; p50: number; p90: number; p99: number; max: number };

export type RunResult = {
  concurrency: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  errors: number;
  statuses: Record<string, number>;
  // The first few distinct problems, to show why requests failed.
  problems: string[];
  cpu: CpuUsage | null;
};

const MAX_PROBLEMS = 5;

// A failed connection returns at once; pausing keeps a dead server from
// turning the loop into a busy spin.
const FAILURE_PAUSE_MS = 20;

// Runs `concurrency` closed-loop workers (each sends its next request when
// the previous one answered): first for the warm-up, whose results are
// dropped, then for the measured period, recording every latency.
export async function measure(options: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  createWorker(index: number, concurrency: number): LoadWorker;
  meter?: CpuMeter;
}): Promise<RunResult> {
  const workers = Array.from({ length: options.concurrency }, (_, index) =>
    options.createWorker(index, options.concurrency),
  );

  try {
    if (options.warmupMs > 0) await runFor(workers, options.warmupMs, () => undefined);

    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const problems = new Set<string>();
    let errors = 0;

    const endMeter = await options.meter?.begin();
    const started = performance.now();

    await runFor(workers, options.durationMs, (outcome) => {
      latencies.push(outcome.ms);
      statuses[String(outcome.status)] = (statuses[String(outcome.status)] ?? 0) + 1;

      if (outcome.problem !== undefined) {
        errors++;
        if (problems.size < MAX_PROBLEMS) problems.add(outcome.problem);
      }
    });

    // Until the last in-flight request answered: every counted request fits.
    const seconds = (performance.now() - started) / 1000;
    const cpu = endMeter ? await endMeter() : null;

    return {
      concurrency: options.concurrency,
      seconds,
      requests: latencies.length,
      requestsPerSecond: latencies.length / seconds,
      latencyMs: summarise(latencies),
      errors,
      statuses,
      problems: [...problems],
      cpu,
    };
  } finally {
    for (const worker of workers) worker.close();
  }
}

async function runFor(workers: LoadWorker[], durationMs: number, record: (outcome: Outcome) => void): Promise<void> {
  const deadline = performance.now() + durationMs;

  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        let outcome: Outcome;

        try {
          outcome = await worker.next();
        } catch (error) {
          outcome = {
            status: 0,
            ms: performance.now() - started,
            problem: `request failed: ${error instanceof Error ? error.message : String(error)}`,
          };
          await new Promise((resolve) => setTimeout(resolve, FAILURE_PAUSE_MS));
        }

        record(outcome);
      }
    }),
  );
}

function summarise(latencies: number[]): LatencySummary {
  if (latencies.length === 0) return { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };

  const sorted = Float64Array.from(latencies).sort();
  const total = sorted.reduce((sum, value) => sum + value, 0);

  return {
    min: sorted[0] ?? 0,
    mean: total / sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

// Nearest rank: the smallest value with at least `fraction` of all values at
// or below it.
function percentile(sorted: Float64Array, fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));

  return sorted[rank - 1] ?? 0;
}
