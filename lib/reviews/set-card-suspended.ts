import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { CARD_STATE } from "../srs/types";

// Suspends or resumes one of the user's cards. A new card gets a state row
// (still New) so the suspension has somewhere to live, and loses it again on
// resume: a card is new exactly while the user has no row for it. Resuming
// keeps the leech flag as history but lets the card be scheduled again.
export async function setCardSuspended(options: {
  prisma: PrismaClient;
  userId: string;
  cardId: string;
  suspended: boolean;
  now: Date;
}): Promise<{ cardId: string; suspended: boolean; version: number }> {
  const { prisma, userId, cardId, suspended, now } = options;
  const card = await prisma.card.findFirst({ where: { id: cardId, retiredAt: null }, select: { id: true } });

  if (!card) throw new AppError("not_found", "no such card");

  if (!suspended) {
    const removed = await prisma.cardState.deleteMany({ where: { userId, cardId, state: CARD_STATE.New } });

    if (removed.count > 0) return { cardId, suspended, version: 0 };
  }

  const rows = await prisma.$queryRaw<{ version: number }[]>`
    INSERT INTO "CardState" ("id", "userId", "cardId", "state", "due", "stability", "difficulty", "elapsedDays",
      "scheduledDays", "learningSteps", "reps", "lapses", "lastReview", "suspended", "leech", "version", "updatedAt")
    VALUES (${randomUUID()}::uuid, ${userId}::uuid, ${cardId}, ${CARD_STATE.New}, ${now}::timestamptz, 0, 0, 0, 0, 0, 0, 0,
      NULL, ${suspended}, false, 1, now())
    ON CONFLICT ("userId", "cardId") DO UPDATE SET
      "suspended" = EXCLUDED."suspended",
      "version" = "CardState"."version" + 1,
      "updatedAt" = now()
    RETURNING "version"`;

  return { cardId, suspended, version: rows[0]?.version ?? 1 };
}
