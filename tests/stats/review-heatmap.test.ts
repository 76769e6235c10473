import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getReviewHeatmap } from "@/lib/stats/review-heatmap";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { seedReview, seedTopic, seedUser } from "./seed";

// 20:00 on 10 March in Shanghai (UTC+8); with a 4 o'clock start, "today" is
// 2026-03-10 and runs from 2026-03-09T20:00Z to 2026-03-10T20:00Z.
const NOW = new Date("2026-03-10T12:00:00Z");

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTopic(db.database.prisma, {
    id: "topic",
    position: 1,
    cards: [{ id: "live" }, { id: "gone", retired: true }],
  });
});

afterAll(async () => {
  await db?.drop();
});

describe("getReviewHeatmap", () => {
  it("buckets reviews by the learner's own day in their time zone and day-start hour", async () => {
    const prisma = db.database.prisma;
    const user = await seedUser(prisma, { timeZone: "Asia/Shanghai", dayStartHour: 4 });
    const other = await seedUser(prisma, { timeZone: "Asia/Shanghai", dayStartHour: 4 });
    const review = (at: string, extra: { cardId?: string; undone?: boolean } = {}) =>
      seedReview(prisma, user.id, { cardId: "live", reviewedAt: new Date(at), ...extra });

    // 23:59 on 9 March local: 9 March.
    await review("2026-03-09T15:59:00Z");
    // 03:30 on 10 March local, before the day starts: still 9 March.
    await review("2026-03-09T19:30:00Z");
    // 04:00 and 04:30 on 10 March local: 10 March.
    await review("2026-03-09T20:00:00Z");
    await review("2026-03-09T20:30:00Z");
    // A card that has since left the deck was still studied that day.
    await review("2026-03-10T11:00:00Z", { cardId: "gone" });
    // Left out: undone, tomorrow's learner day (a clock running ahead),
    // another learner.
    await review("2026-03-10T11:00:00Z", { undone: true });
    await review("2026-03-10T20:00:00Z");
    await seedReview(prisma, other.id, { cardId: "live", reviewedAt: new Date("2026-03-10T11:00:00Z") });
    // The oldest day kept is 2025-03-11 (today minus 364): 04:00 local that
    // day is in, 03:59 local belongs to 2025-03-10 and is out.
    await review("2025-03-10T20:00:00Z");
    await review("2025-03-10T19:59:00Z");

    const heatmap = await getReviewHeatmap({ prisma, userId: user.id, now: NOW });

    expect(heatmap).toEqual([
      { day: "2025-03-11", count: 1 },
      { day: "2026-03-09", count: 2 },
      { day: "2026-03-10", count: 3 },
    ]);
  });

  it("puts the same instants on other days for a learner in UTC with a midnight start", async () => {
    const prisma = db.database.prisma;
    const user = await seedUser(prisma, { timeZone: "UTC", dayStartHour: 0 });

    for (const at of ["2026-03-09T15:59:00Z", "2026-03-09T19:30:00Z", "2026-03-09T23:59:59Z", "2026-03-10T00:00:00Z"]) {
      await seedReview(prisma, user.id, { cardId: "live", reviewedAt: new Date(at) });
    }

    expect(await getReviewHeatmap({ prisma, userId: user.id, now: NOW })).toEqual([
      { day: "2026-03-09", count: 3 },
      { day: "2026-03-10", count: 1 },
    ]);
  });

  it("is empty without reviews", async () => {
    const user = await seedUser(db.database.prisma);

    expect(await getReviewHeatmap({ prisma: db.database.prisma, userId: user.id, now: NOW })).toEqual([]);
  });
});
