import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { retrievability } from "@/lib/srs";
import { recallSql } from "@/lib/stats/recall-sql";
import { getTopicMastery } from "@/lib/stats/topic-mastery";
import { getWeakestCards } from "@/lib/stats/weakest-cards";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { ago, DAY, HOUR, MINUTE, seedState, seedTopic, seedUser } from "./seed";

const NOW = new Date("2026-03-10T12:00:00Z");

let db: TestDatabase;
let userId: string;

// Hand-computed with R(t, S) = (1 + 0.98034649 · t / S)^-0.1542, rounded to 8 places.
const R_10_OF_10 = 0.9;
const R_1_OF_30 = 0.99505387;
const R_3_OF_2_5 = 0.88699302;
const R_10_OF_5 = 0.84588465;

beforeAll(async () => {
  db = await createTestDatabase();

  const prisma = db.database.prisma;

  await seedTopic(prisma, {
    id: "topic-a",
    position: 1,
    cards: [
      { id: "a1" },
      { id: "a2" },
      { id: "a3" },
      { id: "a4" },
      { id: "a5" },
      { id: "a6" },
      { id: "a7", retired: true },
    ],
  });
  await seedTopic(prisma, { id: "topic-b", position: 2, cards: [{ id: "b1" }, { id: "b2" }] });
  await seedTopic(prisma, { id: "topic-c", position: 3, retired: true, cards: [{ id: "c1" }] });
  await seedTopic(prisma, { id: "topic-d", position: 4, cards: [{ id: "d1", retired: true }] });

  const user = await seedUser(prisma);
  const other = await seedUser(prisma);

  userId = user.id;

  // a1 and b1: never rated, so new.
  await seedState(prisma, userId, "a2", {
    state: 2,
    stability: 10,
    lastReview: ago(NOW, 10 * DAY),
    due: new Date("2026-03-12T09:00:00Z"),
  });
  await seedState(prisma, userId, "a3", {
    state: 2,
    stability: 30,
    lastReview: ago(NOW, DAY + HOUR),
    due: new Date("2026-04-05T09:00:00Z"),
  });
  // Three days and 23 hours ago: still t = 3 whole days.
  await seedState(prisma, userId, "a4", {
    state: 1,
    stability: 2.5,
    lastReview: ago(NOW, 4 * DAY - HOUR),
    due: new Date(NOW.getTime() + 10 * MINUTE),
    lapses: 1,
  });
  await seedState(prisma, userId, "a5", {
    state: 2,
    stability: 50,
    lastReview: ago(NOW, 2 * DAY),
    due: ago(NOW, DAY),
    suspended: true,
  });
  await seedState(prisma, userId, "a6", {
    state: 3,
    stability: 5,
    lastReview: ago(NOW, 10 * DAY),
    due: new Date("2026-03-11T00:00:00Z"),
    lapses: 2,
  });
  await seedState(prisma, userId, "a7", {
    state: 2,
    stability: 100,
    lastReview: ago(NOW, DAY),
    due: ago(NOW, 2 * DAY),
  });
  // Same recall as a2, more lapses.
  await seedState(prisma, userId, "b2", {
    state: 2,
    stability: 10,
    lastReview: ago(NOW, 10 * DAY),
    due: new Date("2026-03-20T09:00:00Z"),
    lapses: 3,
  });
  // Another learner's progress must not leak in.
  await seedState(prisma, other.id, "a1", {
    state: 2,
    stability: 1,
    lastReview: ago(NOW, 50 * DAY),
    due: ago(NOW, DAY),
  });
  await seedState(prisma, other.id, "b1", { state: 2, stability: 40, lastReview: NOW, due: NOW, suspended: true });
});

afterAll(async () => {
  await db?.drop();
});

describe("recallSql", () => {
  const cases = [
    { stability: 10, elapsed: 10 * DAY },
    { stability: 3.123456789, elapsed: 2.9 * DAY },
    { stability: 0.4, elapsed: 17 * DAY + 5 * MINUTE },
    { stability: 250.5, elapsed: 400 * DAY },
    { stability: 7, elapsed: 23 * HOUR },
    // A review stamped after `now` (clock skew): t is clamped to 0.
    { stability: 7, elapsed: -2 * DAY },
  ];

  it.each(cases)(
    "matches lib/srs/retrievability within 1e-6 (S=$stability, $elapsed ms)",
    async ({ stability, elapsed }) => {
      const lastReview = ago(NOW, elapsed);
      const sql = recallSql({
        now: NOW,
        lastReview: Prisma.sql`${lastReview}::timestamptz`,
        stability: Prisma.sql`${stability}::float8`,
      });
      const rows = await db.database.prisma.$queryRaw<{ recall: number }[]>`SELECT ${sql} AS recall`;
      const expected = retrievability({
        state: {
          state: 2,
          due: NOW,
          stability,
          difficulty: 5,
          elapsedDays: 0,
          scheduledDays: 0,
          learningSteps: 0,
          reps: 1,
          lapses: 0,
          lastReview,
        },
        now: NOW,
      });

      expect(Math.abs((rows[0]?.recall ?? Number.NaN) - expected)).toBeLessThan(1e-6);
    },
  );

  it("gives the hand-computed values", async () => {
    const at = (elapsed: number, stability: number) =>
      recallSql({
        now: NOW,
        lastReview: Prisma.sql`${ago(NOW, elapsed)}::timestamptz`,
        stability: Prisma.sql`${stability}::float8`,
      });
    const rows = await db.database.prisma.$queryRaw<{ r1: number; r2: number; r3: number }[]>`
      SELECT ${at(DAY + HOUR, 30)} AS r1, ${at(4 * DAY - HOUR, 2.5)} AS r2, ${at(10 * DAY, 5)} AS r3`;

    expect(rows[0]).toEqual({ r1: R_1_OF_30, r2: R_3_OF_2_5, r3: R_10_OF_5 });
  });
});

describe("getTopicMastery", () => {
  it("counts, averages recall and mature share per live topic, in deck order", async () => {
    const topics = await getTopicMastery({ prisma: db.database.prisma, userId, now: NOW });

    expect(topics.map((topic) => topic.topicId)).toEqual(["topic-a", "topic-b", "topic-d"]);

    const [a, b, d] = topics;

    expect(a).toMatchObject({
      totalCards: 6,
      newCards: 1,
      learningCards: 2,
      reviewCards: 2,
      suspendedCards: 1,
      nextDue: new Date("2026-03-10T12:10:00Z"),
    });
    // a2, a3, a4, a6; a5 is suspended and a7 retired.
    expect(a?.recallNow).toBeCloseTo((R_10_OF_10 + R_1_OF_30 + R_3_OF_2_5 + R_10_OF_5) / 4, 8);
    expect(a?.recallNow).toBeCloseTo(0.906982885, 8);
    // a3 (30 days) and the suspended a5 (50 days) out of six live cards.
    expect(a?.matureShare).toBeCloseTo(2 / 6, 12);

    expect(b).toMatchObject({
      totalCards: 2,
      newCards: 1,
      learningCards: 0,
      reviewCards: 1,
      suspendedCards: 0,
      recallNow: R_10_OF_10,
      matureShare: 0,
      nextDue: new Date("2026-03-20T09:00:00Z"),
    });
    expect(d).toMatchObject({
      totalCards: 0,
      newCards: 0,
      recallNow: null,
      matureShare: null,
      nextDue: null,
    });
  });

  it("shows everything as new to a learner without progress", async () => {
    const fresh = await seedUser(db.database.prisma);
    const topics = await getTopicMastery({ prisma: db.database.prisma, userId: fresh.id, now: NOW });

    expect(topics.map((topic) => [topic.topicId, topic.newCards, topic.recallNow, topic.matureShare])).toEqual([
      ["topic-a", 6, null, 0],
      ["topic-b", 2, null, 0],
      ["topic-d", 0, null, null],
    ]);
  });
});

describe("getWeakestCards", () => {
  it("orders every topic's studied cards by recall, then by lapses", async () => {
    const cards = await getWeakestCards({ prisma: db.database.prisma, userId, now: NOW, limit: 4 });

    expect(cards.map((card) => [card.cardId, card.recallNow, card.lapses])).toEqual([
      ["a6", R_10_OF_5, 2],
      ["a4", R_3_OF_2_5, 1],
      ["b2", R_10_OF_10, 3],
      ["a2", R_10_OF_10, 0],
    ]);
  });

  it("keeps to one topic and leaves out suspended and retired cards", async () => {
    const cards = await getWeakestCards({
      prisma: db.database.prisma,
      userId,
      now: NOW,
      topicId: "topic-a",
      limit: 10,
    });

    expect(cards.map((card) => card.cardId)).toEqual(["a6", "a4", "a2", "a3"]);
  });
});
