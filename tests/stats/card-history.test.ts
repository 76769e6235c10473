import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { rowOf, srsStateOf, stateSnapshotSchema } from "@/lib/reviews/state-snapshot";
import { type SubmitReviewInput, submitReview } from "@/lib/reviews/submit-review";
import { undoReview } from "@/lib/reviews/undo-review";
import { retrievability } from "@/lib/srs/retrievability";
import type { Grade } from "@/lib/srs/types";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { getCardHistory } from "@/lib/stats/get-card-history";
import { ratingInput } from "../support/learners";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { DAY, MINUTE, seedUser } from "./seed";

const T0 = new Date("2026-03-02T09:00:00Z");
const LATER = new Date("2026-06-01T09:00:00Z");

let db: TestDatabase;
let cardIds: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.database);
  cardIds = (
    await db.database.prisma.card.findMany({
      where: { retiredAt: null },
      orderBy: { deckPosition: "asc" },
      select: { id: true },
      take: 2,
    })
  ).map((card) => card.id);
});

afterAll(async () => {
  await db?.drop();
});

function prisma() {
  return db.database.prisma;
}

function rating(userId: string, cardId: string, overrides: Partial<SubmitReviewInput>): SubmitReviewInput {
  return ratingInput({ prisma: prisma(), userId, cardId, reviewedAt: T0 }, overrides);
}

// Rates a card with each grade in turn, each one at the due date the
// previous rating set (plus `late`), and returns the times used.
async function rateInTurn(userId: string, cardId: string, grades: Grade[], late: number): Promise<Date[]> {
  const times: Date[] = [];
  let version = 0;
  let at = T0;

  for (const grade of grades) {
    const result = await submitReview(rating(userId, cardId, { grade, expectedVersion: version, reviewedAt: at }));

    times.push(at);
    version = result.state.version;
    at = new Date(new Date(result.state.due).getTime() + late);
  }

  return times;
}

describe("getCardHistory", () => {
  it("lists one user's ratings of a card in time order, with intervals and recall from the stored snapshots", async () => {
    const user = await seedUser(prisma());
    const other = await seedUser(prisma());
    const cardId = cardIds[0] as string;
    const times = await rateInTurn(user.id, cardId, [3, 3, 1, 3], DAY);

    await rateInTurn(other.id, cardId, [1, 4], MINUTE);

    const history = await getCardHistory({ prisma: prisma(), userId: user.id, cardId, now: LATER });
    const logs = await prisma().reviewLog.findMany({
      where: { userId: user.id, cardId },
      orderBy: { reviewedAt: "asc" },
    });

    expect(history.card).toMatchObject({ id: cardId });
    expect(history.reviews.map((review) => review.rating)).toEqual([3, 3, 1, 3]);
    expect(history.reviews.map((review) => review.reviewedAt.getTime())).toEqual(times.map((time) => time.getTime()));
    expect(history.reviews.every((review) => review.undoneAt === null && review.source === "review")).toBe(true);
    expect(history.reviews.map((review) => review.reviewId)).toEqual(logs.map((log) => log.id));

    for (const [index, review] of history.reviews.entries()) {
      const log = logs[index];

      if (!log) throw new Error(`no log ${index}`);

      const after = stateSnapshotSchema.parse(log.after);

      expect(review.intervalMs).toBe(new Date(after.due).getTime() - log.reviewedAt.getTime());
      expect(review.scheduledDays).toBe(after.scheduledDays);
      expect(review.stabilityAfter).toBe(after.stability);
      expect(review.difficultyAfter).toBe(after.difficulty);
      expect(review.stateAfter).toBe(after.state);

      if (log.before === null) {
        expect(review.recallBefore).toBeNull();
      } else {
        const before = srsStateOf(rowOf(stateSnapshotSchema.parse(log.before)));

        expect(review.stateBefore).toBe(before.state);
        expect(review.recallBefore).toBe(retrievability({ state: before, now: log.reviewedAt }));
      }
    }

    expect(history.reviews[0]?.recallBefore).toBeNull();
    expect(history.reviews[0]?.stateBefore).toBe(0);
    expect(history.reviews[0]?.intervalMs).toBe(10 * MINUTE);
    expect(history.reviews.slice(1).every((review) => review.recallBefore !== null)).toBe(true);
    expect(history.reviews[2]?.recallBefore).toBeLessThan(1);
    expect(history.reviews[1]?.scheduledDays).toBeGreaterThan(0);
    expect(history.recallNow).toBeGreaterThan(0);
    expect(history.recallNow).toBeLessThan(1);

    const otherHistory = await getCardHistory({ prisma: prisma(), userId: other.id, cardId, now: LATER });

    expect(otherHistory.reviews.map((review) => review.rating)).toEqual([1, 4]);
  });

  it("keeps an undone rating, marked with when it was undone", async () => {
    const user = await seedUser(prisma());
    const cardId = cardIds[1] as string;
    const undoneAt = new Date(T0.getTime() + MINUTE);

    await submitReview(rating(user.id, cardId, { grade: 3 }));
    await undoReview({ prisma: prisma(), userId: user.id, now: undoneAt });
    await submitReview(rating(user.id, cardId, { grade: 1, reviewedAt: new Date(T0.getTime() + 2 * MINUTE) }));

    const history = await getCardHistory({ prisma: prisma(), userId: user.id, cardId, now: LATER });

    expect(history.reviews.map((review) => [review.rating, review.undoneAt?.getTime() ?? null])).toEqual([
      [3, undoneAt.getTime()],
      [1, null],
    ]);
  });

  it("gives an empty history for a card the user never rated and not_found for an unknown card", async () => {
    const user = await seedUser(prisma());
    const history = await getCardHistory({ prisma: prisma(), userId: user.id, cardId: cardIds[0] as string, now: T0 });

    expect(history.reviews).toEqual([]);
    expect(history.recallNow).toBeNull();
    await expect(
      getCardHistory({ prisma: prisma(), userId: user.id, cardId: "no-such-card", now: T0 }),
    ).rejects.toSatisfy((error) => error instanceof AppError && error.code === "not_found");
  });
});
