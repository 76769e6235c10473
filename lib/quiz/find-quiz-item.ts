import { RENDERABLE_CARD_SELECT } from "../cards/render-card";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";

// An item of one of the user's own quizzes; anyone else's is "not found".
export async function findQuizItem(options: { prisma: PrismaClient; userId: string; quizId: string; itemId: string }) {
  const item = await options.prisma.quizItem.findFirst({
    where: { id: options.itemId, quizId: options.quizId, quiz: { userId: options.userId } },
    include: {
      quiz: { select: { id: true, mode: true, finishedAt: true } },
      card: {
        select: RENDERABLE_CARD_SELECT,
      },
    },
  });

  if (!item) throw new AppError("not_found", "no such quiz question");

  return item;
}
