import type { PrismaClient } from "../generated/prisma/client";
import { learnerDayBucketsSql } from "./learner-day-sql";

const RETENTION_DAYS = 365;

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
// memory. Windows are whole learner days, today included. The overall
// figures count every such review; the per-topic list keeps to live topics.
export async function getTrueRetention({ prisma, userId, now }: TrueRetentionOptions): Promise<TrueRetention> {
  const rows = await prisma.$queryRaw<Row[]>`
    WITH "perTopic" AS (
      SELECT x."topicId",
        sum(x."matureReviews") FILTER (WHERE x."day" > x."today" - 7) AS "reviews7",
        sum(x."matureReviews" - x."matureAgain") FILTER (WHERE x."day" > x."today" - 7) AS "passed7",
        sum(x."matureReviews") FILTER (WHERE x."day" > x."today" - 30) AS "reviews30",
        sum(x."matureReviews" - x."matureAgain") FILTER (WHERE x."day" > x."today" - 30) AS "passed30",
        sum(x."matureReviews") AS "reviews365",
        sum(x."matureReviews" - x."matureAgain") AS "passed365"
      FROM (${learnerDayBucketsSql({ userId, now, days: RETENTION_DAYS })}) x
      WHERE x."matureReviews" > 0
      GROUP BY x."topicId"
    )
    SELECT p."topicId", false AS "isOverall", t."position",
      coalesce(p."reviews7", 0)::bigint AS "reviews7", coalesce(p."passed7", 0)::bigint AS "passed7",
      coalesce(p."reviews30", 0)::bigint AS "reviews30", coalesce(p."passed30", 0)::bigint AS "passed30",
      p."reviews365"::bigint AS "reviews365", p."passed365"::bigint AS "passed365"
    FROM "perTopic" p
    JOIN "Topic" t ON t."id" = p."topicId" AND t."retiredAt" IS NULL
    UNION ALL
    SELECT NULL, true, NULL,
      coalesce(sum(p."reviews7"), 0)::bigint, coalesce(sum(p."passed7"), 0)::bigint,
      coalesce(sum(p."reviews30"), 0)::bigint, coalesce(sum(p."passed30"), 0)::bigint,
      coalesce(sum(p."reviews365"), 0)::bigint, coalesce(sum(p."passed365"), 0)::bigint
    FROM "perTopic" p
    ORDER BY "isOverall", "position", "topicId"`;

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
