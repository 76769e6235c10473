import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { dayKeySql, liveCardReviewSql, userLearnerDaySql } from "./learner-day-sql";

export const HEATMAP_DAYS = 365;

export type ReviewHeatmapOptions = { prisma: PrismaClient; userId: string; now: Date };

export type HeatmapDay = { day: string; count: number };

type Row = { day: string; count: bigint };

// Reviews per learner day over the last 365 learner days (today included),
// in the user's time zone and day-start hour. Only days with reviews are
// listed, oldest first. Undone reviews, reviews of retired cards and reviews
// stamped after `now` are left out.
export async function getReviewHeatmap({ prisma, userId, now }: ReviewHeatmapOptions): Promise<HeatmapDay[]> {
  const reviewDay = userLearnerDaySql(Prisma.sql`r."reviewedAt"`);
  const today = userLearnerDaySql(Prisma.sql`${now}::timestamptz`);

  // The bound on reviewedAt only narrows the index scan; a learner day starts
  // at most a day and a time-zone offset before its UTC date, so two spare
  // days cover it. The day filter outside decides.
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ${dayKeySql(Prisma.sql`x."day"`)} AS "day", count(*) AS "count"
    FROM (
      SELECT ${reviewDay} AS "day", ${today} AS "today"
      FROM "ReviewLog" r
      JOIN "User" u ON u."id" = r."userId"
      WHERE r."userId" = ${userId}::uuid AND r."undoneAt" IS NULL AND ${liveCardReviewSql(Prisma.sql`r`)}
        AND r."reviewedAt" <= ${now}::timestamptz
        AND r."reviewedAt" > ${now}::timestamptz - make_interval(days => ${HEATMAP_DAYS + 2}::int)
    ) x
    WHERE x."day" > x."today" - ${HEATMAP_DAYS}::int
    GROUP BY x."day"
    ORDER BY x."day"`;

  return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
}
