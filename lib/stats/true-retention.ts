import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { liveCardReviewSql, userLearnerDaySql } from "./learner-day-sql";

export type TrueRetentionOptions = { prisma: PrismaClient; userId: string; now: Date };

export type RetentionWindow = {
  // Reviews of cards that were in the Review state.
  reviews: number;
  // Of those, the ones not answered Again.
  passed: number;
  // passed / reviews; null without reviews.
  retention: number | null;
};

export type RetentionByWindow = {
  last7Days: RetentionWindow;
  last30Days: RetentionWindow;
  last365Days: RetentionWindow;
};

export type TrueRetention = {
  overall: RetentionByWindow;
  // Live topics with at least one such review in the last 365 days, in deck order.
  topics: Array<{ topicId: string } & RetentionByWindow>;
};

type Row = {
  topicId: string | null;
  isOverall: boolean;
  reviews7: bigint;
  passed7: bigint;
  reviews30: bigint;
  passed30: bigint;
  reviews365: bigint;
  passed365: bigint;
};

// True retention as Anki defines it: learning and relearning steps are left
// out, because failing a step minutes later says nothing about long-term
// memory. Windows are whole learner days, today included.
export async function getTrueRetention({ prisma, userId, now }: TrueRetentionOptions): Promise<TrueRetention> {
  const reviewDay = userLearnerDaySql(Prisma.sql`r."reviewedAt"`);
  const today = userLearnerDaySql(Prisma.sql`${now}::timestamptz`);

  // Counted per card first, so only the per-card sums meet Card and Topic.
  const rows = await prisma.$queryRaw<Row[]>`
    WITH "perCard" AS (
      SELECT x."cardId",
        count(*) FILTER (WHERE x."day" > x."today" - 7) AS "reviews7",
        count(*) FILTER (WHERE x."day" > x."today" - 7 AND x."rating" <> 1) AS "passed7",
        count(*) FILTER (WHERE x."day" > x."today" - 30) AS "reviews30",
        count(*) FILTER (WHERE x."day" > x."today" - 30 AND x."rating" <> 1) AS "passed30",
        count(*) AS "reviews365",
        count(*) FILTER (WHERE x."rating" <> 1) AS "passed365"
      FROM (
        SELECT r."cardId", r."rating", ${reviewDay} AS "day", ${today} AS "today"
        FROM "ReviewLog" r
        JOIN "User" u ON u."id" = r."userId"
        WHERE r."userId" = ${userId}::uuid AND r."undoneAt" IS NULL AND r."stateBefore" = 2
          AND ${liveCardReviewSql(Prisma.sql`r`)}
          AND r."reviewedAt" <= ${now}::timestamptz
          AND r."reviewedAt" > ${now}::timestamptz - make_interval(days => 367)
      ) x
      WHERE x."day" > x."today" - 365
      GROUP BY x."cardId"
    )
    SELECT c."topicId", GROUPING(c."topicId") = 1 AS "isOverall",
      sum(p."reviews7")::bigint AS "reviews7", sum(p."passed7")::bigint AS "passed7",
      sum(p."reviews30")::bigint AS "reviews30", sum(p."passed30")::bigint AS "passed30",
      sum(p."reviews365")::bigint AS "reviews365", sum(p."passed365")::bigint AS "passed365"
    FROM "perCard" p
    JOIN "Card" c ON c."id" = p."cardId"
    JOIN "Topic" t ON t."id" = c."topicId"
    GROUP BY GROUPING SETS ((c."topicId", t."position"), ())
    ORDER BY t."position", c."topicId"`;

  const overallRow = rows.find((row) => row.isOverall);
  const empty = { reviews7: 0n, passed7: 0n, reviews30: 0n, passed30: 0n, reviews365: 0n, passed365: 0n };

  return {
    overall: windowsOf(overallRow ?? empty),
    topics: rows.flatMap((row) =>
      row.isOverall || row.topicId === null ? [] : [{ topicId: row.topicId, ...windowsOf(row) }],
    ),
  };
}

function windowsOf(row: Omit<Row, "topicId" | "isOverall">): RetentionByWindow {
  return {
    last7Days: windowOf(row.reviews7, row.passed7),
    last30Days: windowOf(row.reviews30, row.passed30),
    last365Days: windowOf(row.reviews365, row.passed365),
  };
}

function windowOf(reviews: bigint, passed: bigint): RetentionWindow {
  const total = Number(reviews);
  const ok = Number(passed);

  return { reviews: total, passed: ok, retention: total === 0 ? null : ok / total };
}
