import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recallSql } from "./recall-sql";

// Stability at which a card counts as mature, in days (Anki's threshold).
export const MATURE_STABILITY_DAYS = 21;

// What the two mastery numbers mean, for the UI to show beside them.
export const MASTERY_DEFINITION = {
  en:
    "Recall now: the average predicted chance of remembering each card you have studied in this topic " +
    "(suspended cards left out), from the FSRS forgetting curve R = (1 + F·t/S)^D, where t is the whole " +
    "days since the card's last review and S its stability. Mature share: the part of all the topic's " +
    `cards whose stability is at least ${MATURE_STABILITY_DAYS} days.`,
  zh:
    "当前记忆率：本主题中你学过的每张卡片（不含已暂停的）此刻能记起的预测概率的平均值，" +
    "按 FSRS 遗忘曲线 R = (1 + F·t/S)^D 计算，t 为距上次复习的整天数，S 为卡片的稳定性。" +
    `成熟比例：本主题全部卡片中稳定性不少于 ${MATURE_STABILITY_DAYS} 天的卡片所占的比例。`,
} as const;

export type TopicMasteryOptions = { prisma: PrismaClient; userId: string; now: Date };

export type TopicMastery = {
  topicId: string;
  titleZh: string;
  titleEn: string;
  totalCards: number;
  // The four counts add up to totalCards: a suspended card counts only as suspended.
  newCards: number;
  learningCards: number;
  reviewCards: number;
  suspendedCards: number;
  // null when no card of the topic is studied and unsuspended.
  recallNow: number | null;
  // null for a topic without live cards.
  matureShare: number | null;
  // Earliest due time of a studied, unsuspended card.
  nextDue: Date | null;
};

type Row = {
  topicId: string;
  titleZh: string;
  titleEn: string;
  totalCards: bigint;
  newCards: bigint;
  learningCards: bigint;
  reviewCards: bigint;
  suspendedCards: bigint;
  matureCards: bigint;
  recallNow: number | null;
  nextDue: Date | null;
};

// Every live topic in deck order, counting live cards only.
export async function getTopicMastery({ prisma, userId, now }: TopicMasteryOptions): Promise<TopicMastery[]> {
  const recall = recallSql({ now, lastReview: Prisma.sql`s."lastReview"`, stability: Prisma.sql`s."stability"` });

  const rows = await prisma.$queryRaw<Row[]>`
    SELECT t."id" AS "topicId", t."titleZh", t."titleEn",
      count(c."id") AS "totalCards",
      count(c."id") FILTER (WHERE s."id" IS NULL OR (s."state" = 0 AND NOT s."suspended")) AS "newCards",
      count(*) FILTER (WHERE s."state" IN (1, 3) AND NOT s."suspended") AS "learningCards",
      count(*) FILTER (WHERE s."state" = 2 AND NOT s."suspended") AS "reviewCards",
      count(*) FILTER (WHERE s."suspended") AS "suspendedCards",
      count(*) FILTER (WHERE s."state" <> 0 AND s."stability" >= ${MATURE_STABILITY_DAYS}::float8) AS "matureCards",
      avg(${recall}) FILTER (WHERE s."state" <> 0 AND NOT s."suspended") AS "recallNow",
      min(s."due") FILTER (WHERE s."state" <> 0 AND NOT s."suspended") AS "nextDue"
    FROM "Topic" t
    LEFT JOIN "Card" c ON c."topicId" = t."id" AND c."retiredAt" IS NULL
    LEFT JOIN "CardState" s ON s."cardId" = c."id" AND s."userId" = ${userId}::uuid
    WHERE t."retiredAt" IS NULL
    GROUP BY t."id"
    ORDER BY t."position", t."id"`;

  return rows.map((row) => {
    const totalCards = Number(row.totalCards);

    return {
      topicId: row.topicId,
      titleZh: row.titleZh,
      titleEn: row.titleEn,
      totalCards,
      newCards: Number(row.newCards),
      learningCards: Number(row.learningCards),
      reviewCards: Number(row.reviewCards),
      suspendedCards: Number(row.suspendedCards),
      recallNow: row.recallNow,
      matureShare: totalCards === 0 ? null : Number(row.matureCards) / totalCards,
      nextDue: row.nextDue,
    };
  });
}
