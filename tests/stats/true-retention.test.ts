import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTrueRetention } from "@/lib/stats/true-retention";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { seedReview, seedTopic, seedUser } from "./seed";

// UTC with the default 4 o'clock start: today is 2026-03-10; the 7-day window
// starts on 03-04, the 30-day one on 02-09, the 365-day one on 2025-03-11.
const NOW = new Date("2026-03-10T12:00:00Z");

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTopic(db.database.prisma, {
    id: "topic-a",
    position: 1,
    cards: [{ id: "a1" }, { id: "a2" }, { id: "a3", retired: true }],
  });
  await seedTopic(db.database.prisma, { id: "topic-b", position: 2, cards: [{ id: "b1" }] });
  await seedTopic(db.database.prisma, { id: "topic-c", position: 3, cards: [{ id: "c1" }] });
  await seedTopic(db.database.prisma, { id: "topic-r", position: 4, retired: true, cards: [{ id: "r1" }] });
});

afterAll(async () => {
  await db?.drop();
});

describe("getTrueRetention", () => {
  it("counts reviews of Review-state cards not answered Again, per window and topic", async () => {
    const prisma = db.database.prisma;
    const user = await seedUser(prisma);
    const other = await seedUser(prisma);
    const review = (
      cardId: string,
      at: string,
      rating: number,
      extra: { stateBefore?: number; undone?: boolean } = {},
    ) => seedReview(prisma, user.id, { cardId, reviewedAt: new Date(at), rating, ...extra });

    await review("a1", "2026-03-10T05:00:00Z", 3);
    // 04:00 on 03-04 opens the 7-day window; 03:59 still belongs to 03-03.
    await review("a1", "2026-03-04T04:00:00Z", 1);
    await review("a2", "2026-03-04T03:59:00Z", 3);
    await review("a2", "2026-02-20T10:00:00Z", 4);
    await review("b1", "2026-02-01T10:00:00Z", 1);
    await review("b1", "2025-06-01T10:00:00Z", 2);
    // A card, or a whole topic, that has since left the deck counts
    // overall: the review happened. Only live topics are listed.
    await review("a3", "2026-03-10T07:00:00Z", 1);
    await review("r1", "2025-06-02T10:00:00Z", 3);
    // Left out: a learning step, an undone review, another learner, a review
    // older than 365 days.
    await review("a1", "2026-03-10T06:00:00Z", 1, { stateBefore: 1 });
    await review("a1", "2026-03-10T07:00:00Z", 1, { undone: true });
    await seedReview(prisma, other.id, { cardId: "a1", reviewedAt: new Date("2026-03-10T07:00:00Z"), rating: 1 });
    await review("c1", "2025-03-11T03:59:00Z", 1);

    const retention = await getTrueRetention({ prisma, userId: user.id, now: NOW });

    expect(retention.overall).toEqual({
      last7Days: { reviews: 3, passed: 1, retention: 1 / 3 },
      last30Days: { reviews: 5, passed: 3, retention: 0.6 },
      last365Days: { reviews: 8, passed: 5, retention: 5 / 8 },
    });
    expect(retention.topics).toEqual([
      {
        topicId: "topic-a",
        last7Days: { reviews: 3, passed: 1, retention: 1 / 3 },
        last30Days: { reviews: 5, passed: 3, retention: 0.6 },
        last365Days: { reviews: 5, passed: 3, retention: 0.6 },
      },
      {
        topicId: "topic-b",
        last7Days: { reviews: 0, passed: 0, retention: null },
        last30Days: { reviews: 0, passed: 0, retention: null },
        last365Days: { reviews: 2, passed: 1, retention: 0.5 },
      },
    ]);
  });

  it("is null everywhere without reviews", async () => {
    const user = await seedUser(db.database.prisma);
    const none = { reviews: 0, passed: 0, retention: null };

    expect(await getTrueRetention({ prisma: db.database.prisma, userId: user.id, now: NOW })).toEqual({
      overall: { last7Days: none, last30Days: none, last365Days: none },
      topics: [],
    });
  });
});
