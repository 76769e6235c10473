import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { LoadedCard, LoadedContent } from "./load-content";

export type SyncSummary = {
  topicsUpserted: number;
  cardsCreated: number;
  cardsUpdated: number;
  cardsRetired: number;
  cardsRestored: number;
  unchanged: number;
};

const SYNC_TIMEOUT_MS = 60_000;

// Brings topics and cards in line with validated content, in one transaction.
// Progress hangs on the card id, so an edited card keeps every user's state; a
// card that left the files is retired, never deleted, so its history stays.
export async function syncContent(options: {
  prisma: PrismaClient;
  content: LoadedContent;
  now?: Date;
}): Promise<SyncSummary> {
  const { prisma, content } = options;
  const now = options.now ?? new Date();

  return prisma.$transaction(
    async (tx) => {
      const summary: SyncSummary = {
        topicsUpserted: 0,
        cardsCreated: 0,
        cardsUpdated: 0,
        cardsRetired: 0,
        cardsRestored: 0,
        unchanged: 0,
      };
      const existingTopics = new Map(
        (await tx.topic.findMany({ select: { id: true, contentHash: true, retiredAt: true, position: true } })).map(
          (t) => [t.id, t],
        ),
      );

      for (const topic of content.topics) {
        const known = existingTopics.get(topic.id);

        if (
          known &&
          known.contentHash === topic.contentHash &&
          known.retiredAt === null &&
          known.position === topic.position
        )
          continue;

        const data = {
          titleZh: topic.titleZh,
          titleEn: topic.titleEn,
          summaryZh: topic.summaryZh,
          summaryEn: topic.summaryEn,
          position: topic.position,
          contentHash: topic.contentHash,
          retiredAt: null,
        };

        await tx.topic.upsert({ where: { id: topic.id }, create: { id: topic.id, ...data }, update: data });
        summary.topicsUpserted++;
      }

      const liveTopicIds = content.topics.map((topic) => topic.id);

      await tx.topic.updateMany({ where: { id: { notIn: liveTopicIds }, retiredAt: null }, data: { retiredAt: now } });

      const existingCards = new Map(
        (
          await tx.card.findMany({
            select: { id: true, contentHash: true, retiredAt: true, topicId: true, position: true, deckPosition: true },
          })
        ).map((c) => [c.id, c]),
      );
      const liveCards = content.topics.flatMap((topic) => topic.cards);
      const toCreate: Prisma.CardCreateManyInput[] = [];

      for (const card of liveCards) {
        const known = existingCards.get(card.id);

        if (!known) {
          toCreate.push(cardRow(card));
          continue;
        }

        const moved =
          known.topicId !== card.topicId ||
          known.position !== card.position ||
          known.deckPosition !== card.deckPosition;

        if (known.contentHash === card.contentHash && known.retiredAt === null && !moved) {
          summary.unchanged++;
          continue;
        }

        await tx.card.update({ where: { id: card.id }, data: { ...cardRow(card), retiredAt: null } });

        if (known.retiredAt !== null) summary.cardsRestored++;
        else summary.cardsUpdated++;
      }

      if (toCreate.length > 0) {
        summary.cardsCreated = (await tx.card.createMany({ data: toCreate })).count;
      }

      const liveIds = liveCards.map((card) => card.id);
      const retired = await tx.card.updateMany({
        where: { id: { notIn: liveIds }, retiredAt: null },
        data: { retiredAt: now },
      });

      summary.cardsRetired = retired.count;

      return summary;
    },
    { timeout: SYNC_TIMEOUT_MS, maxWait: SYNC_TIMEOUT_MS },
  );
}

function cardRow(card: LoadedCard) {
  const { id, kind, section, explanation, mistakes, topicId, position, deckPosition, contentHash, ...fields } = card;

  return {
    id,
    kind,
    topicId,
    section,
    explanation,
    mistakes: mistakes ?? [],
    position,
    deckPosition,
    contentHash,
    fields,
  };
}
