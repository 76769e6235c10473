import { renderCard } from "../cards/render-card";
import { sectionHeadings } from "../content/section-headings";
import type { Locale } from "../i18n/messages";
import { getReadyPrisma } from "../startup/readiness";

export type DeckCard = {
  id: string;
  kind: string;
  sectionHeading: string;
  mistakes: string[];
  frontHtml: string;
  backHtml: string;
  explanationHtml: string;
};

export type TopicDeck = { id: string; title: string; summary: string; cards: DeckCard[] };

// A topic's live cards in deck order, rendered for reading.
export async function getTopicDeck(options: { topicId: string; locale: Locale }): Promise<TopicDeck | null> {
  const prisma = await getReadyPrisma();
  const topic = await prisma.topic.findFirst({
    where: { id: options.topicId, retiredAt: null },
    include: { cards: { where: { retiredAt: null }, orderBy: { position: "asc" } } },
  });

  if (!topic) return null;

  const headings = sectionHeadings();
  const zh = options.locale === "zh";

  return {
    id: topic.id,
    title: zh ? topic.titleZh : topic.titleEn,
    summary: zh ? topic.summaryZh : topic.summaryEn,
    cards: topic.cards.map((card) => ({
      id: card.id,
      kind: card.kind,
      sectionHeading: headings.get(card.section) ?? card.section,
      mistakes: card.mistakes,
      ...renderCard(card, options.locale),
    })),
  };
}
