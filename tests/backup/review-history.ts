import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { saveQuizGrade } from "@/lib/quiz/save-quiz-grade";
import { startQuiz } from "@/lib/quiz/start-quiz";
import { setCardSuspended } from "@/lib/reviews/set-card-suspended";
import { submitReview } from "@/lib/reviews/submit-review";
import { undoReview } from "@/lib/reviews/undo-review";
import type { Grade } from "@/lib/srs/types";
import { createLearner } from "../support/learners";

export const T0 = new Date("2026-03-02T09:00:00Z");
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export const CUSTOM_SETTINGS = {
  timeZone: "Europe/Berlin",
  dayStartHour: 3,
  newPerDay: 15,
  reviewsPerDay: 150,
  desiredRetention: 0.85,
  learningSteps: "2m 15m",
  relearningSteps: "5m",
  maximumInterval: 3650,
  leechThreshold: 5,
  language: "zh",
} as const;

export function newUser(prisma: PrismaClient, settings: Parameters<typeof createLearner>[1] = {}) {
  return createLearner(prisma, settings);
}

export async function rate(options: {
  prisma: PrismaClient;
  userId: string;
  cardId: string;
  grade: Grade;
  at: Date;
  durationMs?: number;
}) {
  const { prisma, userId, cardId } = options;
  const current = await prisma.cardState.findUnique({ where: { userId_cardId: { userId, cardId } } });

  return submitReview({
    prisma,
    userId,
    cardId,
    reviewId: randomUUID(),
    grade: options.grade,
    expectedVersion: current?.version ?? 0,
    durationMs: options.durationMs ?? 4_000,
    source: "review",
    reviewedAt: options.at,
  });
}

export type History = {
  cards: { again: string; hard: string; undone: string; suspendedNew: string; suspendedSeen: string };
  undoneAt: Date;
  quizId: string;
};

// A small but complete history: every rating, an undone rating, a card
// suspended while new and one suspended after study, and a quiz with one
// graded answer.
export async function buildHistory(prisma: PrismaClient, userId: string, cardIds: string[]): Promise<History> {
  const [again, hard, undone, suspendedNew, suspendedSeen] = cardIds as [string, string, string, string, string];
  const at = (offset: number) => new Date(T0.getTime() + offset);

  await rate({ prisma, userId, cardId: again, grade: 1, at: at(0), durationMs: 7_250 });
  await rate({ prisma, userId, cardId: again, grade: 3, at: at(10 * MINUTE), durationMs: 3_100 });
  await rate({ prisma, userId, cardId: again, grade: 4, at: at(DAY), durationMs: 2_000 });
  await rate({ prisma, userId, cardId: hard, grade: 2, at: at(MINUTE), durationMs: 9_000 });
  await rate({ prisma, userId, cardId: hard, grade: 3, at: at(20 * MINUTE), durationMs: 5_500 });
  await rate({ prisma, userId, cardId: undone, grade: 4, at: at(2 * MINUTE), durationMs: 1_200 });

  const undoneAt = at(3 * MINUTE);
  const mistaken = await rate({ prisma, userId, cardId: undone, grade: 1, at: undoneAt, durationMs: 800 });

  await undoReview({ prisma, userId, reviewId: mistaken.reviewId, now: at(4 * MINUTE) });
  await setCardSuspended({ prisma, userId, cardId: suspendedNew, suspended: true, now: at(5 * MINUTE) });
  await rate({ prisma, userId, cardId: suspendedSeen, grade: 3, at: at(6 * MINUTE), durationMs: 4_000 });
  await setCardSuspended({ prisma, userId, cardId: suspendedSeen, suspended: true, now: at(7 * MINUTE) });

  const quizId = await answerQuiz(prisma, userId, cardIds, at(2 * DAY));

  return { cards: { again, hard, undone, suspendedNew, suspendedSeen }, undoneAt, quizId };
}

async function answerQuiz(prisma: PrismaClient, userId: string, cardIds: string[], now: Date): Promise<string> {
  const lastCard = await prisma.card.findUniqueOrThrow({ where: { id: cardIds.at(-1) as string } });
  const { quizId } = await startQuiz({
    prisma,
    userId,
    input: { mode: "topics", topicIds: [lastCard.topicId], length: 10 },
    now,
  });
  const [first, second] = await prisma.quizItem.findMany({ where: { quizId }, orderBy: { position: "asc" } });

  if (!first || !second) throw new Error("the quiz needs two items");

  // What checking an answer records, written directly: the answer format
  // depends on the card kind and is not what these tests are about.
  await prisma.quizItem.update({
    where: { id: first.id },
    data: { answer: { text: "an answer", picked: [1, 2] }, correct: true, durationMs: 6_500 },
  });
  await prisma.quizItem.update({
    where: { id: second.id },
    data: { answer: { text: "wrong" }, correct: false, durationMs: 3_000 },
  });
  await saveQuizGrade({ prisma, userId, quizId, itemId: first.id, grade: 3, reviewId: randomUUID(), now });

  return quizId;
}
