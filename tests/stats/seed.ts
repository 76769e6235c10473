import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createLearner } from "../support/learners";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function ago(now: Date, ms: number): Date {
  return new Date(now.getTime() - ms);
}

export function seedUser(prisma: PrismaClient, settings: { timeZone?: string; dayStartHour?: number } = {}) {
  return createLearner(prisma, settings);
}

export async function seedTopic(
  prisma: PrismaClient,
  topic: { id: string; position: number; retired?: boolean; cards: Array<{ id: string; retired?: boolean }> },
) {
  const retiredAt = topic.retired ? new Date("2026-01-01T00:00:00Z") : null;

  await prisma.topic.create({
    data: {
      id: topic.id,
      titleZh: `${topic.id} zh`,
      titleEn: `${topic.id} en`,
      position: topic.position,
      contentHash: "x",
      retiredAt,
    },
  });

  for (const [position, card] of topic.cards.entries()) {
    await prisma.card.create({
      data: {
        id: card.id,
        topicId: topic.id,
        kind: "qa",
        fields: { question: card.id, answer: card.id },
        explanation: "",
        section: "",
        position,
        contentHash: "x",
        retiredAt: card.retired ? new Date("2026-01-01T00:00:00Z") : null,
      },
    });
  }
}

export type SeedState = {
  state: number;
  stability: number;
  lastReview: Date | null;
  due: Date;
  lapses?: number;
  suspended?: boolean;
};

export async function seedState(prisma: PrismaClient, userId: string, cardId: string, state: SeedState) {
  await prisma.cardState.create({
    data: {
      userId,
      cardId,
      state: state.state,
      due: state.due,
      stability: state.stability,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 1,
      lapses: state.lapses ?? 0,
      lastReview: state.lastReview,
      suspended: state.suspended ?? false,
    },
  });
}

export type SeedReview = {
  cardId: string;
  reviewedAt: Date;
  rating?: number;
  stateBefore?: number;
  durationMs?: number;
  undone?: boolean;
};

export async function seedReview(prisma: PrismaClient, userId: string, review: SeedReview) {
  await prisma.reviewLog.create({
    data: {
      id: randomUUID(),
      userId,
      cardId: review.cardId,
      rating: review.rating ?? 3,
      source: "review",
      reviewedAt: review.reviewedAt,
      durationMs: review.durationMs ?? 1_000,
      after: {},
      stateBefore: review.stateBefore ?? 2,
      stateAfter: 2,
      stabilityAfter: 10,
      difficultyAfter: 5,
      scheduledDays: 10,
      elapsedDays: 10,
      undoneAt: review.undone ? review.reviewedAt : null,
    },
  });
}
