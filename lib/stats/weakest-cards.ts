import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recallSql } from "./recall-sql";

export type WeakestCardsOptions = {
  prisma: PrismaClient;
  userId: string;
  now: Date;
  // Omit for every topic.
  topicId?: string;
  limit: number;
};

export type WeakCard = {
  cardId: string;
  topicId: string;
  recallNow: number;
  lapses: number;
  stability: number;
  due: Date;
};

// Studied, unsuspended live cards, lowest predicted recall first, then most
// lapses; the card id breaks ties so the list is stable.
export async function getWeakestCards({
  prisma,
  userId,
  now,
  topicId,
  limit,
}: WeakestCardsOptions): Promise<WeakCard[]> {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0, got ${limit}`);

  const recall = recallSql({ now, lastReview: Prisma.sql`s."lastReview"`, stability: Prisma.sql`s."stability"` });
  const topicFilter = topicId === undefined ? Prisma.empty : Prisma.sql`AND c."topicId" = ${topicId}`;

  return prisma.$queryRaw<WeakCard[]>`
    SELECT c."id" AS "cardId", c."topicId", ${recall} AS "recallNow", s."lapses", s."stability", s."due"
    FROM "CardState" s
    JOIN "Card" c ON c."id" = s."cardId" AND c."retiredAt" IS NULL
    JOIN "Topic" t ON t."id" = c."topicId" AND t."retiredAt" IS NULL
    WHERE s."userId" = ${userId}::uuid AND s."state" <> 0 AND NOT s."suspended" AND s."lastReview" IS NOT NULL
      ${topicFilter}
    ORDER BY "recallNow", s."lapses" DESC, c."id"
    LIMIT ${limit}`;
}
