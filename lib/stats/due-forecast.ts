import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { dayKeySql, userLearnerDaySql } from "./learner-day-sql";

export const FORECAST_DAYS = 30;

export type DueForecastOptions = { prisma: PrismaClient; userId: string; now: Date };

export type ForecastDay = { day: string; count: number };

type Row = { day: string; count: number };

// Studied, unsuspended live cards falling due on each of the next 30 learner
// days, today first; overdue cards count on today. Every day is listed.
export async function getDueForecast({ prisma, userId, now }: DueForecastOptions): Promise<ForecastDay[]> {
  const dueDay = userLearnerDaySql(Prisma.sql`s."due"`);
  const today = userLearnerDaySql(Prisma.sql`${now}::timestamptz`);

  return prisma.$queryRaw<Row[]>`
    WITH "today" AS (
      SELECT ${today} AS "day" FROM "User" u WHERE u."id" = ${userId}::uuid
    ), "due" AS (
      SELECT greatest(${dueDay}, ${today}) AS "day", count(*) AS "count"
      FROM "CardState" s
      JOIN "User" u ON u."id" = s."userId"
      JOIN "Card" c ON c."id" = s."cardId" AND c."retiredAt" IS NULL
      JOIN "Topic" t ON t."id" = c."topicId" AND t."retiredAt" IS NULL
      WHERE s."userId" = ${userId}::uuid AND s."state" <> 0 AND NOT s."suspended"
      GROUP BY 1
    )
    SELECT ${dayKeySql(Prisma.sql`"today"."day" + g.n`)} AS "day", coalesce("due"."count", 0)::int AS "count"
    FROM "today"
    CROSS JOIN generate_series(0, ${FORECAST_DAYS - 1}::int) AS g(n)
    LEFT JOIN "due" ON "due"."day" = "today"."day" + g.n
    ORDER BY g.n`;
}
