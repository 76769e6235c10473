import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SubmitReviewInput } from "@/lib/reviews/submit-review";

// A learner with a unique address and no usable password (tests that sign in
// go through createAccount instead), with any settings given.
export function createLearner(
  prisma: PrismaClient,
  settings: Omit<Prisma.UserCreateInput, "email" | "passwordHash"> = {},
) {
  return prisma.user.create({ data: { email: `${randomUUID()}@example.com`, passwordHash: "unused", ...settings } });
}

// A first Good rating of a card as the review page sends it, with a fresh
// review id; tests override what they vary.
export function ratingInput(
  base: Pick<SubmitReviewInput, "prisma" | "userId" | "cardId" | "reviewedAt">,
  overrides: Partial<SubmitReviewInput> = {},
): SubmitReviewInput {
  return {
    reviewId: randomUUID(),
    grade: 3,
    expectedVersion: 0,
    durationMs: 4_000,
    source: "review",
    ...base,
    ...overrides,
  };
}
