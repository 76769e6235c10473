import { openDatabase } from "../../lib/db/open-database";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { getDueForecast } from "../../lib/stats/due-forecast";
import { getDashboard } from "../../lib/stats/get-dashboard";
import { getReviewHabit } from "../../lib/stats/review-habit";
import { getReviewHeatmap } from "../../lib/stats/review-heatmap";
import { getTopicMastery } from "../../lib/stats/topic-mastery";
import { getTrueRetention } from "../../lib/stats/true-retention";
import { topUpReviewLogs } from "./seed";

export type Timing = { min: number; p50: number; max: number };

export type StatsResult = {
  logs: number;
  addedLogs: number;
  topUpSeconds: number;
  warmupCalls: number;
  calls: number;
  dashboardMs: Timing;
  // Each part alone, the same number of calls, to tell which one is slow.
  partsMs: Record<string, Timing>;
};

export const STATS_LOGS = 100_000;

export const STATS_TARGET_MS = 100;

type Call = (options: { prisma: PrismaClient; userId: string; now: Date }) => Promise<unknown>;

const PARTS: Record<string, Call> = {
  getTopicMastery,
  getReviewHeatmap,
  getDueForecast,
  getTrueRetention,
  getReviewHabit,
};

// The statistics page's data, produced in-process by the app's own code and
// Prisma client (no HTTP, no rendering), so the number is the database work
// plus Prisma's overhead and nothing else.
export async function measureStatistics(options: {
  url: string;
  userId: string;
  cards: number;
  warmupCalls: number;
  calls: number;
}): Promise<StatsResult> {
  const database = await openDatabase({ url: options.url });

  try {
    const topUp = await database.withExecutor((executor) =>
      topUpReviewLogs(executor, { userId: options.userId, cards: options.cards, total: STATS_LOGS }),
    );
    // One fixed instant: every call then asks for exactly the same rows.
    const input = { prisma: database.prisma, userId: options.userId, now: new Date() };
    const time = async (call: Call) => {
      for (let index = 0; index < options.warmupCalls; index++) await call(input);

      const samples: number[] = [];

      for (let index = 0; index < options.calls; index++) {
        const started = performance.now();

        await call(input);
        samples.push(performance.now() - started);
      }

      return summarise(samples);
    };
    const dashboardMs = await time(getDashboard);
    const partsMs: Record<string, Timing> = {};

    for (const [name, call] of Object.entries(PARTS)) partsMs[name] = await time(call);

    return {
      logs: topUp.logs,
      addedLogs: topUp.added,
      topUpSeconds: topUp.seconds,
      warmupCalls: options.warmupCalls,
      calls: options.calls,
      dashboardMs,
      partsMs,
    };
  } finally {
    await database.close();
  }
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank, as load.ts does; with 20 samples p50 is the 10th.
  const p50 = sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? Number.NaN;

  return { min: sorted[0] ?? Number.NaN, p50, max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function formatStats(stats: StatsResult): string[] {
  const row = (name: string, timing: Timing) =>
    `  ${name.padEnd(18)} ${timing.min.toFixed(1).padStart(7)} ${timing.p50.toFixed(1).padStart(7)} ${timing.max.toFixed(1).padStart(7)}`;

  return [
    `statistics data (getDashboard, in-process): ${stats.logs} review logs for the measured user ` +
      `(${stats.addedLogs} added in ${stats.topUpSeconds.toFixed(1)} s); ` +
      `${stats.warmupCalls} warm-up calls, then ${stats.calls} timed, one at a time`,
    `  ${"call".padEnd(18)} ${"min ms".padStart(7)} ${"p50 ms".padStart(7)} ${"max ms".padStart(7)}`,
    row("getDashboard", stats.dashboardMs),
    ...Object.entries(stats.partsMs).map(([name, timing]) => row(`  ${name}`, timing)),
  ];
}
