import { randomUUID } from "node:crypto";
import { shuffle } from "../cards/render-card";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import type { StartQuizInput } from "./quiz-schemas";

// Items are spaced so a question asked again can be slotted between two
// others without renumbering.
export const POSITION_GAP = 1024;
const FAILED_WITHIN_MS = 30 * 24 * 60 * 60 * 1000;

export async function startQuiz(options: {
  prisma: PrismaClient;
  userId: string;
  input: StartQuizInput;
  now: Date;
}): Promise<{ quizId: string; items: number }> {
  const { prisma, userId, input, now } = options;
  const quizId = randomUUID();
  const cardIds =
    input.mode === "topics"
      ? await pickTopicCards(prisma, input.topicIds, quizId)
      : await pickDrillCards(prisma, userId, now);
  const chosen = input.length > 0 ? cardIds.slice(0, input.length) : cardIds;

  if (chosen.length === 0) throw new AppError("not_found", "no cards match this quiz");

  await prisma.quiz.create({
    data: {
      id: quizId,
      userId,
      mode: input.mode,
      topicIds: input.mode === "topics" ? input.topicIds : [],
      length: input.length,
      startedAt: now,
      items: { create: chosen.map((cardId, index) => ({ cardId, position: (index + 1) * POSITION_GAP })) },
    },
  });

  return { quizId, items: chosen.length };
}

// A topic quiz asks the chosen topics' cards in a shuffled order.
async function pickTopicCards(prisma: PrismaClient, topicIds: string[], seed: string): Promise<string[]> {
  const cards = await prisma.card.findMany({
    where: { topicId: { in: topicIds }, retiredAt: null, topic: { retiredAt: null } },
    select: { id: true },
    orderBy: { id: "asc" },
  });

  return shuffle(
    cards.map((card) => card.id),
    seed,
  );
}

// The misconception drill: first the cards written against the learner's
// mistakes, those they answered wrong most recently first (never-failed ones
// after, in deck order); then any other card they failed in the last 30 days,
// most recent first.
async function pickDrillCards(prisma: PrismaClient, userId: string, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - FAILED_WITHIN_MS);
  const [failed, lastWrong, mistakes] = await Promise.all([
    prisma.reviewLog.groupBy({
      by: ["cardId"],
      where: { userId, rating: 1, undoneAt: null, reviewedAt: { gte: since }, card: { retiredAt: null } },
      _max: { reviewedAt: true },
    }),
    prisma.reviewLog.groupBy({
      by: ["cardId"],
      where: { userId, rating: 1, undoneAt: null, card: { retiredAt: null, NOT: { mistakes: { isEmpty: true } } } },
      _max: { reviewedAt: true },
    }),
    prisma.card.findMany({
      where: { retiredAt: null, NOT: { mistakes: { isEmpty: true } } },
      select: { id: true },
      orderBy: [{ topic: { position: "asc" } }, { position: "asc" }],
    }),
  ]);
  const wrongAt = new Map(lastWrong.map((row) => [row.cardId, row._max.reviewedAt?.getTime() ?? 0]));
  const mistakeIds = mistakes.map((card) => card.id);
  const deckOrder = new Map(mistakeIds.map((id, index) => [id, index]));
  const mistakeOrder = [...mistakeIds].sort(
    (a, b) => (wrongAt.get(b) ?? -1) - (wrongAt.get(a) ?? -1) || (deckOrder.get(a) ?? 0) - (deckOrder.get(b) ?? 0),
  );
  const isMistake = new Set(mistakeIds);
  const otherFailed = failed
    .filter((row) => !isMistake.has(row.cardId))
    .sort(
      (a, b) =>
        (b._max.reviewedAt?.getTime() ?? 0) - (a._max.reviewedAt?.getTime() ?? 0) || a.cardId.localeCompare(b.cardId),
    )
    .map((row) => row.cardId);

  return [...mistakeOrder, ...otherFailed];
}
