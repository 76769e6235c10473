import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDueForecast } from "@/lib/stats/due-forecast";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { seedState, seedTopic, seedUser } from "./seed";

// Shanghai, 4 o'clock start: today is 2026-03-10, ending at 2026-03-10T20:00Z.
const NOW = new Date("2026-03-10T12:00:00Z");

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();

  const ids = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];

  await seedTopic(db.database.prisma, {
    id: "topic",
    position: 1,
    cards: [...ids.map((id) => ({ id })), { id: "gone", retired: true }, { id: "fresh" }],
  });
});

afterAll(async () => {
  await db?.drop();
});

describe("getDueForecast", () => {
  it("counts due cards on each of the next 30 learner days, overdue on today", async () => {
    const prisma = db.database.prisma;
    const user = await seedUser(prisma, { timeZone: "Asia/Shanghai", dayStartHour: 4 });
    const other = await seedUser(prisma, { timeZone: "Asia/Shanghai", dayStartHour: 4 });
    const due = (cardId: string, at: string, extra: { state?: number; suspended?: boolean } = {}) =>
      seedState(prisma, user.id, cardId, {
        state: extra.state ?? 2,
        stability: 10,
        lastReview: new Date("2026-02-01T00:00:00Z"),
        due: new Date(at),
        suspended: extra.suspended,
      });

    // Overdue, 03:59 local on 03-11 (still today), and a learning step later today.
    await due("c1", "2026-03-01T00:00:00Z");
    await due("c2", "2026-03-10T19:59:00Z");
    await due("c4", "2026-03-10T12:30:00Z", { state: 1 });
    // 04:00 local on 03-11: tomorrow.
    await due("c3", "2026-03-10T20:00:00Z");
    // 03:00 local on 04-09 is the learner's 04-08, the last day shown; 04:00 is past it.
    await due("c5", "2026-04-08T19:00:00Z");
    await due("c6", "2026-04-08T20:00:00Z");
    // Left out: suspended, retired, another learner's.
    await due("c7", "2026-03-10T10:00:00Z", { suspended: true });
    await due("gone", "2026-03-10T10:00:00Z");
    await seedState(prisma, other.id, "fresh", { state: 2, stability: 1, lastReview: NOW, due: NOW });

    const forecast = await getDueForecast({ prisma, userId: user.id, now: NOW });

    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ day: "2026-03-10", count: 3 });
    expect(forecast[1]).toEqual({ day: "2026-03-11", count: 1 });
    expect(forecast[21]).toEqual({ day: "2026-03-31", count: 0 });
    expect(forecast[29]).toEqual({ day: "2026-04-08", count: 1 });
    expect(forecast.reduce((sum, day) => sum + day.count, 0)).toBe(5);
  });

  it("lists 30 empty days for a learner with nothing studied", async () => {
    const user = await seedUser(db.database.prisma);
    const forecast = await getDueForecast({ prisma: db.database.prisma, userId: user.id, now: NOW });

    expect(forecast.map((day) => day.count)).toEqual(new Array(30).fill(0));
    // UTC, 4 o'clock start: 12:00 is on 03-10.
    expect([forecast[0]?.day, forecast[29]?.day]).toEqual(["2026-03-10", "2026-04-08"]);
  });
});
