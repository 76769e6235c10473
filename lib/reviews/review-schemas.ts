import { z } from "zod";

const HOUR_MS = 60 * 60 * 1000;

export const submitReviewSchema = z
  .object({
    reviewId: z.uuid(),
    cardId: z.string().min(1).max(120),
    grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    expectedVersion: z.number().int().min(0),
    durationMs: z.number().int().min(0).max(HOUR_MS),
    // When the learner rated; a retried save keeps the original time.
    reviewedAt: z.iso.datetime().optional(),
  })
  .strict();

export const undoReviewSchema = z.object({ reviewId: z.uuid().optional() }).strict();

export const suspendCardSchema = z.object({ cardId: z.string().min(1).max(120), suspended: z.boolean() }).strict();

// A client clock may be off or a save retried late: times in the future or
// more than a day old are replaced by the server's time.
export function reviewTime(claimed: string | undefined, now: Date): Date {
  if (!claimed) return now;

  const at = new Date(claimed);
  const drift = now.getTime() - at.getTime();

  return drift < -60_000 || drift > 24 * HOUR_MS ? now : at;
}
