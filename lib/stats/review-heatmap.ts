import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { dayKeySql, learnerDayBucketsSql } from "./learner-day-sql";

export const HEATMAP_DAYS = 365;

export type ReviewHeatmapOptions = { prisma: PrismaClient; userId: string; now: Date };

export type HeatmapDay = { day: string; count: number };

type Row = { day: string; count: bigint };

// Reviews per learner day over the last 365 learner days (today included),
// in the user's time zone and day-start hour. Only days with reviews are
// listed, oldest first. Undone reviews are not counted.
export async function getReviewHeatmap({ prisma, userId, now }: ReviewHeatmapOptions): Promise<HeatmapDay[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ${dayKeySql(Prisma.sql`x."day"`)} AS "day", sum(x."reviews")::bigint AS "count"
    FROM (${learnerDayBucketsSql({ userId, now, days: HEATMAP_DAYS })}) x
    GROUP BY x."day"
    HAVING sum(x."reviews") > 0
    ORDER BY x."day"`;

  return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
}
