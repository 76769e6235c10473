import type { PrismaClient } from "../generated/prisma/client";
import { getDueForecast } from "./due-forecast";
import { getReviewHabit } from "./review-habit";
import { getReviewHeatmap } from "./review-heatmap";
import { getTopicMastery } from "./topic-mastery";
import { getTrueRetention } from "./true-retention";

// Everything the statistics page shows, in one call (the queries run side by
// side).
export async function getDashboard(options: { prisma: PrismaClient; userId: string; now: Date }) {
  const [mastery, heatmap, forecast, retention, habit] = await Promise.all([
    getTopicMastery(options),
    getReviewHeatmap(options),
    getDueForecast(options),
    getTrueRetention(options),
    getReviewHabit(options),
  ]);

  return { mastery, heatmap, forecast, retention, habit };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
