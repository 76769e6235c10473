import type { FirstLoadJs } from "./bundle-size";
import type { RunResult } from "./load";
import type { MemoryReport } from "./server";
import { STATS_LOGS, STATS_TARGET_MS, type StatsResult } from "./stats";

export type Target = { name: string; goal: string; actual: string; met: boolean | null };

export type Workload = { label: string; runs: RunResult[] };

// KB in the bundle target means 1,024 bytes, the stricter reading.
export const KB = 1024;

export function evaluateTargets(options: { saves: RunResult[]; queue: RunResult[]; firstLoad: FirstLoadJs }): Target[] {
  const at = (runs: RunResult[], clients: number) => runs.find((run) => run.concurrency === clients);
  const saves10 = at(options.saves, 10);
  const saves1 = at(options.saves, 1);
  const queue10 = at(options.queue, 10);
  const jsKb = options.firstLoad.gzipBytes / KB;

  return [
    {
      name: "saves/s at 10 clients",
      goal: "≥ 300",
      actual: saves10 ? saves10.requestsPerSecond.toFixed(0) : "not measured",
      met: saves10 ? saves10.requestsPerSecond >= 300 && saves10.errors === 0 : null,
    },
    {
      name: "save p50 at 1 client",
      goal: "≤ 5 ms",
      actual: saves1 ? `${saves1.latencyMs.p50.toFixed(2)} ms` : "not measured",
      met: saves1 ? saves1.latencyMs.p50 <= 5 : null,
    },
    {
      name: "queue requests/s at 10 clients",
      goal: "≥ 450",
      actual: queue10 ? queue10.requestsPerSecond.toFixed(0) : "not measured",
      met: queue10 ? queue10.requestsPerSecond >= 450 && queue10.errors === 0 : null,
    },
    {
      name: "/review first-load JS (gzip)",
      goal: "≤ 120 KB",
      actual: `${jsKb.toFixed(1)} KB`,
      met: jsKb <= 120,
    },
  ];
}

export function formatReport(options: {
  header: string[];
  workloads: Workload[];
  firstLoad: FirstLoadJs;
  memory: MemoryReport;
  stats: string[];
  targets: Target[];
}): string {
  const lines: string[] = [...options.header, ""];

  lines.push(
    ...table(
      ["workload", "clients", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "statuses"],
      options.workloads.flatMap((workload) =>
        workload.runs.map((run) => [
          workload.label,
          String(run.concurrency),
          String(run.requests),
          run.requestsPerSecond.toFixed(1),
          run.latencyMs.p50.toFixed(2),
          run.latencyMs.p90.toFixed(2),
          run.latencyMs.p99.toFixed(2),
          run.latencyMs.max.toFixed(1),
          String(run.errors),
          Object.entries(run.statuses)
            .map(([status, count]) => `${status}×${count}`)
            .join(" "),
        ]),
      ),
      [false, true, true, true, true, true, true, true, true, false],
    ),
  );

  for (const workload of options.workloads) {
    for (const run of workload.runs) {
      for (const problem of run.problems) lines.push(`  ${workload.label} @${run.concurrency}: ${problem}`);
    }
  }

  // CPU per request holds still when other load on the machine moves the
  // throughput; "others" is how many cores the bench did not have.
  lines.push(
    "",
    ...table(
      ["workload", "clients", "server ms/req", "postgres ms/req", "generator ms/req", "others (cores)", "load avg"],
      options.workloads.flatMap((workload) =>
        workload.runs.map((run) => {
          const cpu = run.cpu;
          const perRequest = (seconds: number) =>
            run.requests > 0 ? ((seconds * 1000) / run.requests).toFixed(2) : "–";

          return [
            workload.label,
            String(run.concurrency),
            cpu ? perRequest(cpu.serverSeconds) : "–",
            cpu ? perRequest(cpu.postgresSeconds) : "–",
            cpu ? perRequest(cpu.loadGeneratorSeconds) : "–",
            cpu ? (cpu.otherSeconds / cpu.seconds).toFixed(2) : "–",
            cpu ? cpu.loadAverage.toFixed(2) : "–",
          ];
        }),
      ),
      [false, true, true, true, true, true, true],
    ),
  );

  const { firstLoad, memory } = options;

  lines.push(
    "",
    `${firstLoad.route} first-load JS: ${(firstLoad.gzipBytes / KB).toFixed(1)} KB gzip (level ${firstLoad.gzipLevel}), ` +
      `${(firstLoad.bytes / KB).toFixed(1)} KB raw, ${firstLoad.chunks} chunks (from ${firstLoad.source})`,
    ...firstLoad.largest.map(
      (chunk) =>
        `  ${(chunk.gzipBytes / KB).toFixed(1).padStart(6)} KB gzip  ${(chunk.bytes / KB).toFixed(1).padStart(6)} KB raw  ${chunk.file}`,
    ),
    "",
    `server memory: peak RSS (VmHWM) ${megabytes(memory.peakKb)}, largest sampled RSS ${megabytes(memory.sampledMaxKb)}, ` +
      `last ${megabytes(memory.lastKb)} (${memory.samples} samples)`,
    "",
  );

  lines.push(...options.stats, "", ...formatTargets(options.targets));

  return `${lines.join("\n")}\n`;
}

export function statsTarget(stats: StatsResult): Target {
  return {
    name: `statistics data (${Math.round(stats.logs / 1000)}k logs)`,
    goal: `≤ ${STATS_TARGET_MS} ms p50`,
    actual: `${stats.dashboardMs.p50.toFixed(1)} ms`,
    // Below the goal's volume the number proves nothing.
    met: stats.logs >= STATS_LOGS ? stats.dashboardMs.p50 <= STATS_TARGET_MS : null,
  };
}

export function formatTargets(targets: Target[]): string[] {
  return table(
    ["target", "goal", "actual", "met"],
    targets.map((target) => [
      target.name,
      target.goal,
      target.actual,
      target.met === null ? "–" : target.met ? "yes" : "NO",
    ]),
    [false, false, true, false],
  );
}

function megabytes(kb: number | null): string {
  return kb === null ? "n/a" : `${(kb / 1024).toFixed(1)} MB`;
}

function table(headings: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;

        return alignRight[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();

  return [format(headings), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(format)];
}
