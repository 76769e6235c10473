import type { PrismaClient } from "../generated/prisma/client";
import { type QuizSummary, summarizeQuiz } from "./summarize-quiz";

export type QuizListEntry = {
  id: string;
  mode: "topics" | "mistakes";
  topicIds: string[];
  startedAt: string;
  finishedAt: string | null;
  summary: QuizSummary;
};

export async function listQuizzes(options: {
  prisma: PrismaClient;
  userId: string;
  take?: number;
}): Promise<QuizListEntry[]> {
  const quizzes = await options.prisma.quiz.findMany({
    where: { userId: options.userId },
    orderBy: { startedAt: "desc" },
    take: options.take ?? 20,
    include: {
      items: {
        select: { cardId: true, position: true, correct: true, durationMs: true, card: { select: { topicId: true } } },
      },
    },
  });

  return quizzes.map((quiz) => ({
    id: quiz.id,
    mode: quiz.mode,
    topicIds: quiz.topicIds,
    startedAt: quiz.startedAt.toISOString(),
    finishedAt: quiz.finishedAt?.toISOString() ?? null,
    summary: summarizeQuiz(quiz.items.map((item) => ({ ...item, topicId: item.card.topicId }))),
  }));
}
