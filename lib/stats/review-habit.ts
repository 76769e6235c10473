import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { Grade } from "../srs/types";
import { dayKeySql, learnerDayBucketsSql, userLearnerDaySql } from "./learner-day-sql";

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
  const today = userLearnerDaySql(Prisma.sql`${now}::timestamptz`);

  // Consecutive days minus their rank (newest first) is constant along a run,
  // so the run that holds the latest of today and yesterday is one group.
  const streakRows = await prisma.$queryRaw<{ streak: bigint }[]>`
    WITH "days" AS (
      SELECT x."day", x."today" FROM (${learnerDayBucketsSql({ userId, now })}) x
      GROUP BY x."day", x."today"
      HAVING sum(x."reviews") > 0
    ), "runs" AS (
      SELECT "day", "today", "day" + (row_number() OVER (ORDER BY "day" DESC))::int AS "run" FROM "days"
    )
    SELECT count(*) AS "streak" FROM "runs"
    WHERE "run" = (SELECT "run" FROM "runs" WHERE "day" >= "today" - 1 ORDER BY "day" DESC LIMIT 1)`;

  const recent = learnerDayBucketsSql({ userId, now, days: HABIT_DAYS });

  const timeRows = await prisma.$queryRaw<Array<{ day: string; durationMs: bigint }>>`
    WITH "recent" AS (
      SELECT x."day", sum(x."durationMs") AS "durationMs" FROM (${recent}) x GROUP BY x."day"
    ), "today" AS (
      SELECT ${today} AS "day" FROM "User" u WHERE u."id" = ${userId}::uuid
    )
    SELECT ${dayKeySql(Prisma.sql`"today"."day" - g.n`)} AS "day", coalesce("recent"."durationMs", 0)::bigint AS "durationMs"
    FROM "today"
    CROSS JOIN generate_series(${HABIT_DAYS - 1}::int, 0, -1) AS g(n)
    LEFT JOIN "recent" ON "recent"."day" = "today"."day" - g.n
    ORDER BY g.n DESC`;

  const ratingRows = await prisma.$queryRaw<Array<{ again: bigint; hard: bigint; good: bigint; easy: bigint }>>`
    SELECT coalesce(sum(x."again"), 0)::bigint AS "again", coalesce(sum(x."hard"), 0)::bigint AS "hard",
      coalesce(sum(x."good"), 0)::bigint AS "good", coalesce(sum(x."easy"), 0)::bigint AS "easy"
    FROM (${recent}) x`;
  const counts = ratingRows[0];
  const ratings: Record<Grade, number> = {
    1: Number(counts?.again ?? 0n),
    2: Number(counts?.hard ?? 0n),
    3: Number(counts?.good ?? 0n),
    4: Number(counts?.easy ?? 0n),
  };

  return {
    streakDays: Number(streakRows[0]?.streak ?? 0n),
    timePerDay: timeRows.map((row) => ({ day: row.day, durationMs: Number(row.durationMs) })),
    ratings,
  };
}
