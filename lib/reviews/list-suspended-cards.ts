import { RENDERABLE_CARD_SELECT, renderCard } from "../cards/render-card";
import type { PrismaClient } from "../generated/prisma/client";
import type { Locale } from "../i18n/messages";

export type SuspendedCard = { cardId: string; topicId: string; leech: boolean; lapses: number; frontHtml: string };

export async function listSuspendedCards(options: {
  prisma: PrismaClient;
  userId: string;
  locale: Locale;
}): Promise<SuspendedCard[]> {
  const states = await options.prisma.cardState.findMany({
    where: { userId: options.userId, suspended: true, card: { retiredAt: null } },
    orderBy: [{ leech: "desc" }, { updatedAt: "desc" }],
    select: {
      leech: true,
      lapses: true,
      card: {
        select: RENDERABLE_CARD_SELECT,
      },
    },
  });

  return states.map((state) => ({
    cardId: state.card.id,
    topicId: state.card.topicId,
    leech: state.leech,
    lapses: state.lapses,
    frontHtml: renderCard(state.card, options.locale).frontHtml,
  }));
}
