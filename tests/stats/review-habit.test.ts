import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getReviewHabit } from "@/lib/stats/review-habit";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { seedReview, seedTopic, seedUser } from "./seed";

// UTC, default 4 o'clock start: today is 2026-03-10; the 30 days run from 02-09.
const NOW = new Date("2026-03-10T12:00:00Z");

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTopic(db.database.prisma, {
    id: "topic",
    position: 1,
    cards: [{ id: "card" }, { id: "gone", retired: true }],
  });
});

afterAll(async () => {
  await db?.drop();
});

async function learnerWith(reviews: Array<{ at: string; rating?: number; durationMs?: number; undone?: boolean }>) {
  const prisma = db.database.prisma;
  const user = await seedUser(prisma);

  for (const { at, ...rest } of reviews) {
    await seedReview(prisma, user.id, { cardId: "card", reviewedAt: new Date(at), ...rest });
  }

  return getReviewHabit({ prisma, userId: user.id, now: NOW });
}

describe("getReviewHabit", () => {
  it("counts the streak up to today, time per day and answers per button", async () => {
    const habit = await learnerWith([
      { at: "2026-03-10T04:00:00Z", rating: 1, durationMs: 4_000 },
      { at: "2026-03-10T09:00:00Z", rating: 3, durationMs: 6_000 },
      { at: "2026-03-09T10:00:00Z", rating: 3, durationMs: 1_000 },
      // 03:00 on 03-09 is still the learner's 03-08.
      { at: "2026-03-09T03:00:00Z", rating: 4, durationMs: 2_500 },
      // 03-07 has no review, so the streak stops at three days.
      { at: "2026-03-06T10:00:00Z", rating: 2, durationMs: 3_000 },
      { at: "2026-02-09T05:00:00Z", rating: 3, durationMs: 700 },
      // Left out: the day before the 30, and an undone review.
      { at: "2026-02-08T10:00:00Z", rating: 1, durationMs: 9_999 },
      { at: "2026-03-10T10:00:00Z", rating: 1, durationMs: 50_000, undone: true },
    ]);

    expect(habit.streakDays).toBe(3);
    expect(habit.ratings).toEqual({ 1: 1, 2: 1, 3: 3, 4: 1 });
    expect(habit.timePerDay).toHaveLength(30);
    expect(habit.timePerDay[0]).toEqual({ day: "2026-02-09", durationMs: 700 });
    expect(habit.timePerDay.slice(-5)).toEqual([
      { day: "2026-03-06", durationMs: 3_000 },
      { day: "2026-03-07", durationMs: 0 },
      { day: "2026-03-08", durationMs: 2_500 },
      { day: "2026-03-09", durationMs: 1_000 },
      { day: "2026-03-10", durationMs: 10_000 },
    ]);
    expect(habit.timePerDay.reduce((sum, day) => sum + day.durationMs, 0)).toBe(17_200);
  });

  it("keeps a streak that ends yesterday while today has no review yet", async () => {
    const habit = await learnerWith([
      { at: "2026-03-09T10:00:00Z" },
      { at: "2026-03-08T10:00:00Z" },
      { at: "2026-03-10T10:00:00Z", undone: true },
      // Tomorrow's learner day (a clock running ahead): not counted.
      { at: "2026-03-11T05:00:00Z" },
    ]);

    expect(habit.streakDays).toBe(2);
  });

  it("has no streak once a whole day was missed, and none without reviews", async () => {
    expect((await learnerWith([{ at: "2026-03-08T10:00:00Z" }, { at: "2026-03-07T10:00:00Z" }])).streakDays).toBe(0);

    const empty = await learnerWith([]);

    expect(empty.streakDays).toBe(0);
    expect(empty.ratings).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
    expect(empty.timePerDay.every((day) => day.durationMs === 0)).toBe(true);
  });
});
