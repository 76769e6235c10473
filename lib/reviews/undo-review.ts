import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { rowOf, type StateSnapshot, stateSnapshotSchema } from "./state-snapshot";

export type UndoReviewResult = {
  reviewId: string;
  cardId: string;
  // The restored state; null when the card is new again.
  state: StateSnapshot | null;
  version: number;
  alreadyUndone: boolean;
};

// Restores exactly the state a card had before a rating (every field, due
// included) and marks the rating undone. Without a review id it undoes the
// user's latest rating, so repeated undos walk back through the session. A
// rating can only be undone while it is the latest one of its card.
export async function undoReview(options: {
  prisma: PrismaClient;
  userId: string;
  reviewId?: string;
  now: Date;
}): Promise<UndoReviewResult> {
  const { prisma, userId, now } = options;

  return prisma.$transaction(async (tx) => {
    const log = options.reviewId
      ? await tx.reviewLog.findFirst({ where: { id: options.reviewId, userId } })
      : await tx.reviewLog.findFirst({
          where: { userId, undoneAt: null },
          orderBy: [{ reviewedAt: "desc" }, { createdAt: "desc" }],
        });

    if (!log) throw new AppError("not_found", options.reviewId ? "no such review" : "there is nothing to undo");

    if (log.undoneAt) {
      const current = await tx.cardState.findUnique({ where: { userId_cardId: { userId, cardId: log.cardId } } });

      return { reviewId: log.id, cardId: log.cardId, state: null, version: current?.version ?? 0, alreadyUndone: true };
    }

    const after = stateSnapshotSchema.parse(log.after);
    const before = log.before === null ? null : stateSnapshotSchema.parse(log.before);

    // Lock the state row so a rating saved at the same moment cannot slip
    // between the check and the restore.
    const locked = await tx.$queryRaw<{ version: number }[]>`
      SELECT "version" FROM "CardState" WHERE "userId" = ${userId}::uuid AND "cardId" = ${log.cardId} FOR UPDATE`;
    const currentVersion = locked[0]?.version ?? 0;

    if (currentVersion !== after.version) {
      throw new AppError("conflict", "the card was rated again after this rating; undo that first", {
        data: { currentVersion },
      });
    }

    let version = 0;

    if (before) {
      const { version: _old, ...restored } = rowOf(before);

      version = currentVersion + 1;
      await tx.cardState.update({
        where: { userId_cardId: { userId, cardId: log.cardId } },
        data: { ...restored, version },
      });
    } else {
      await tx.cardState.delete({ where: { userId_cardId: { userId, cardId: log.cardId } } });
    }

    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: now } });

    return {
      reviewId: log.id,
      cardId: log.cardId,
      state: before ? { ...before, version } : null,
      version,
      alreadyUndone: false,
    };
  });
}
