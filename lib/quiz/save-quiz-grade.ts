import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { submitReview } from "../reviews/submit-review";
import type { Grade } from "../srs/types";
import { findQuizItem } from "./find-quiz-item";
import { POSITION_GAP } from "./start-quiz";

// How many other questions come before a missed misconception is asked again.
export const ASK_AGAIN_AFTER = 3;

export type SavedQuizGrade = { itemId: string; grade: Grade; askedAgain: boolean; finished: boolean };

// Saves the learner's grade for a checked answer as a review from a quiz,
// through the same save as the daily review (so it is versioned and
// replay-safe: the review id comes from the client). In a misconception
// drill a question graded Again is asked again a few questions later.
export async function saveQuizGrade(options: {
  prisma: PrismaClient;
  userId: string;
  quizId: string;
  itemId: string;
  grade: Grade;
  reviewId: string;
  now: Date;
}): Promise<SavedQuizGrade> {
  const { prisma, userId, grade, reviewId, now } = options;
  const item = await findQuizItem(options);

  if (item.reviewId && item.reviewId !== reviewId) throw new AppError("conflict", "this question is already graded");

  if (item.correct === null) throw new AppError("conflict", "check the answer before grading it");

  if (!item.reviewId) {
    await submitAtCurrentVersion({
      prisma,
      userId,
      cardId: item.cardId,
      grade,
      reviewId,
      durationMs: item.durationMs ?? 0,
      now,
    });
  }

  const askedAgain = !item.reviewId && item.quiz.mode === "mistakes" && grade === 1;

  if (!item.reviewId) {
    await prisma.quizItem.update({ where: { id: item.id }, data: { grade, reviewId, answeredAt: now } });

    if (askedAgain) await askAgainLater({ prisma, quizId: item.quizId, cardId: item.cardId, after: item.position });
  }

  const remaining = await prisma.quizItem.count({ where: { quizId: item.quizId, reviewId: null } });

  if (remaining === 0) {
    await prisma.quiz.updateMany({ where: { id: item.quizId, finishedAt: null }, data: { finishedAt: now } });
  }

  return { itemId: item.id, grade, askedAgain, finished: remaining === 0 };
}

// A quiz answer applies to whatever state the card has now; a rating saved
// elsewhere at the same moment only means reading the version once more.
async function submitAtCurrentVersion(options: {
  prisma: PrismaClient;
  userId: string;
  cardId: string;
  grade: Grade;
  reviewId: string;
  durationMs: number;
  now: Date;
}) {
  const { prisma, userId, cardId } = options;

  for (let attempt = 0; ; attempt++) {
    const state = await prisma.cardState.findUnique({
      where: { userId_cardId: { userId, cardId } },
      select: { version: true },
    });

    try {
      return await submitReview({
        ...options,
        expectedVersion: state?.version ?? 0,
        source: "quiz",
        reviewedAt: options.now,
      });
    } catch (error) {
      const lostRace =
        error instanceof AppError && error.code === "conflict" && error.publicMessage !== "the card is suspended";

      if (!lostRace || attempt >= 2) throw error;
    }
  }
}

async function askAgainLater(options: { prisma: PrismaClient; quizId: string; cardId: string; after: number }) {
  const { prisma, quizId, cardId, after } = options;
  const ahead = await prisma.quizItem.findMany({
    where: { quizId, position: { gt: after } },
    select: { position: true },
    orderBy: { position: "asc" },
    take: ASK_AGAIN_AFTER + 1,
  });
  const last = await prisma.quizItem.aggregate({ where: { quizId }, _max: { position: true } });
  const before = ahead[ASK_AGAIN_AFTER - 1]?.position;
  const next = ahead[ASK_AGAIN_AFTER]?.position;
  let position = (last._max.position ?? after) + POSITION_GAP;

  if (before !== undefined && next !== undefined && next - before > 1) position = Math.floor((before + next) / 2);

  await prisma.quizItem.create({ data: { quizId, cardId, position } });
}
