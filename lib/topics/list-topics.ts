import { getReadyPrisma } from "../startup/readiness";

export type TopicSummary = {
  id: string;
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  cardCount: number;
};

// Live topics in deck order with the number of live cards in each.
export async function listTopics(): Promise<TopicSummary[]> {
  const prisma = await getReadyPrisma();
  const topics = await prisma.topic.findMany({
    where: { retiredAt: null },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      titleZh: true,
      titleEn: true,
      summaryZh: true,
      summaryEn: true,
      _count: { select: { cards: { where: { retiredAt: null } } } },
    },
  });

  return topics.map(({ _count, ...topic }) => ({ ...topic, cardCount: _count.cards }));
}
