import { RENDERABLE_CARD_SELECT, type RenderableCard } from "../cards/render-card";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { rowOf, type StateSnapshot, srsStateOf, stateSnapshotSchema } from "../reviews/state-snapshot";
import { retrievability } from "../srs/retrievability";
import { CARD_STATE, type CardStateValue } from "../srs/types";

export type CardHistoryOptions = { prisma: PrismaClient; userId: string; cardId: string; now: Date };

export type CardHistoryEntry = {
  reviewId: string;
  reviewedAt: Date;
  rating: number;
  source: "review" | "quiz";
  durationMs: number;
  stateBefore: CardStateValue;
  stateAfter: CardStateValue;
  // Whole days the rating scheduled (0 while in learning steps).
  scheduledDays: number;
  elapsedDays: number;
  // From the rating to the due date it set, for intervals under a day.
  intervalMs: number;
  stabilityAfter: number;
  difficultyAfter: number;
  // Predicted recall just before the rating; null for a new card.
  recallBefore: number | null;
  // When the rating was undone; null while it stands.
  undoneAt: Date | null;
};

export type CardHistory = {
  card: RenderableCard & { topicId: string };
  // Oldest first, undone ratings included.
  reviews: CardHistoryEntry[];
  // Predicted recall at `now` from the latest rating that stands; null when none does.
  recallNow: number | null;
};

// Every rating one user gave one card, with the state each one started from
// and the one it left, read from the snapshots the review log keeps.
export async function getCardHistory({ prisma, userId, cardId, now }: CardHistoryOptions): Promise<CardHistory> {
  const [card, logs] = await Promise.all([
    prisma.card.findUnique({ where: { id: cardId }, select: RENDERABLE_CARD_SELECT }),
    prisma.reviewLog.findMany({
      where: { userId, cardId },
      orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        rating: true,
        source: true,
        reviewedAt: true,
        durationMs: true,
        before: true,
        after: true,
        scheduledDays: true,
        elapsedDays: true,
        stabilityAfter: true,
        difficultyAfter: true,
        undoneAt: true,
      },
    }),
  ]);

  if (!card) throw new AppError("not_found", "no such card");

  const reviews = logs.map((log): CardHistoryEntry => {
    const before = log.before === null ? null : stateSnapshotSchema.parse(log.before);
    const after = stateSnapshotSchema.parse(log.after);

    return {
      reviewId: log.id,
      reviewedAt: log.reviewedAt,
      rating: log.rating,
      source: log.source,
      durationMs: log.durationMs,
      stateBefore: before?.state ?? CARD_STATE.New,
      stateAfter: after.state,
      scheduledDays: log.scheduledDays,
      elapsedDays: log.elapsedDays,
      intervalMs: new Date(after.due).getTime() - log.reviewedAt.getTime(),
      stabilityAfter: log.stabilityAfter,
      difficultyAfter: log.difficultyAfter,
      recallBefore: recallOf(before, log.reviewedAt),
      undoneAt: log.undoneAt,
    };
  });

  const standing = logs.filter((log) => log.undoneAt === null).at(-1);
  const recallNow = standing ? recallOf(stateSnapshotSchema.parse(standing.after), now) : null;

  return { card, reviews, recallNow };
}

function recallOf(snapshot: StateSnapshot | null, at: Date): number | null {
  if (snapshot === null || snapshot.state === CARD_STATE.New) return null;

  return retrievability({ state: srsStateOf(rowOf(snapshot)), now: at });
}
