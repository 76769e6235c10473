import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { Grade } from "../srs/types";
import { dayKeySql, liveCardReviewSql, userLearnerDaySql } from "./learner-day-sql";

export const HABIT_DAYS = 30;

export type ReviewHabitOptions = { prisma: PrismaClient; userId: string; now: Date };

export type ReviewHabit = {
  // Consecutive learner days with a review, ending today, or yesterday while
  // today has none yet (so the streak is not lost before the day is over).
  streakDays: number;
  // Every one of the last 30 learner days, oldest first.
  timePerDay: Array<{ day: string; durationMs: number }>;
  // Answers per button over the last 30 learner days.
  ratings: Record<Grade, number>;
};

export async function getReviewHabit({ prisma, userId, now }: ReviewHabitOptions): Promise<ReviewHabit> {
  const reviewDay = userLearnerDaySql(Prisma.sql`r."reviewedAt"`);
  const today = userLearnerDaySql(Prisma.sql`${now}::timestamptz`);
  // The reviews every part counts: the user's own, not undone, of live cards, up to now.
  const reviews = Prisma.sql`
    SELECT r."rating", r."durationMs", ${reviewDay} AS "day", ${today} AS "today"
    FROM "ReviewLog" r
    JOIN "User" u ON u."id" = r."userId"
    WHERE r."userId" = ${userId}::uuid AND r."undoneAt" IS NULL AND ${liveCardReviewSql(Prisma.sql`r`)} AND r."reviewedAt" <= ${now}::timestamptz`;

  // Consecutive days minus their rank (newest first) is constant along a run,
  // so the run that holds the latest of today and yesterday is one group.
  const streakRows = await prisma.$queryRaw<{ streak: bigint }[]>`
    WITH "days" AS (
      SELECT DISTINCT x."day", x."today" FROM (${reviews}) x WHERE x."day" <= x."today"
    ), "runs" AS (
      SELECT "day", "today", "day" + (row_number() OVER (ORDER BY "day" DESC))::int AS "run" FROM "days"
    )
    SELECT count(*) AS "streak" FROM "runs"
    WHERE "run" = (SELECT "run" FROM "runs" WHERE "day" >= "today" - 1 ORDER BY "day" DESC LIMIT 1)`;

  // Only the last 30 days from here on, which the index on reviewedAt narrows.
  const recent = Prisma.sql`
    SELECT * FROM (${reviews} AND r."reviewedAt" > ${now}::timestamptz - make_interval(days => ${HABIT_DAYS + 2}::int)) x
    WHERE x."day" > x."today" - ${HABIT_DAYS}::int`;

  const timeRows = await prisma.$queryRaw<Array<{ day: string; durationMs: bigint }>>`
    WITH "recent" AS (${recent}), "today" AS (
      SELECT ${today} AS "day" FROM "User" u WHERE u."id" = ${userId}::uuid
    )
    SELECT ${dayKeySql(Prisma.sql`"today"."day" - g.n`)} AS "day", coalesce(sum("recent"."durationMs"), 0) AS "durationMs"
    FROM "today"
    CROSS JOIN generate_series(${HABIT_DAYS - 1}::int, 0, -1) AS g(n)
    LEFT JOIN "recent" ON "recent"."day" = "today"."day" - g.n
    GROUP BY g.n, "today"."day"
    ORDER BY g.n DESC`;

  const ratingRows = await prisma.$queryRaw<Array<{ rating: number; count: bigint }>>`
    SELECT x."rating", count(*) AS "count" FROM (${recent}) x GROUP BY x."rating"`;

  const ratings: Record<Grade, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };

  for (const row of ratingRows) {
    if (row.rating === 1 || row.rating === 2 || row.rating === 3 || row.rating === 4)
      ratings[row.rating] = Number(row.count);
  }

  return {
    streakDays: Number(streakRows[0]?.streak ?? 0n),
    timePerDay: timeRows.map((row) => ({ day: row.day, durationMs: Number(row.durationMs) })),
    ratings,
  };
}
