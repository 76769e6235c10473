import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getReviewQueue } from "@/lib/reviews/get-review-queue";
import { setCardSuspended } from "@/lib/reviews/set-card-suspended";
import { type SubmitReviewInput, submitReview } from "@/lib/reviews/submit-review";
import { undoReview } from "@/lib/reviews/undo-review";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { createLearner, ratingInput } from "../support/learners";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const T0 = new Date("2026-03-02T09:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let db: TestDatabase;
let cardIds: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.database);
  cardIds = (
    await db.database.prisma.card.findMany({ orderBy: [{ topicId: "asc" }, { position: "asc" }], select: { id: true } })
  ).map((card) => card.id);
});

afterAll(async () => {
  await db?.drop();
});

function prisma() {
  return db.database.prisma;
}

function newUser(settings: Parameters<typeof createLearner>[1] = {}) {
  return createLearner(prisma(), settings);
}

function rating(userId: string, cardId: string, overrides: Partial<SubmitReviewInput> = {}): SubmitReviewInput {
  return ratingInput({ prisma: prisma(), userId, cardId, reviewedAt: T0 }, overrides);
}

async function stateRow(userId: string, cardId: string) {
  return prisma().cardState.findUnique({ where: { userId_cardId: { userId, cardId } } });
}

async function logCount(userId: string) {
  return prisma().reviewLog.count({ where: { userId } });
}

// Takes a card through new → learning → review with Good ratings a step
// apart, returning its latest version.
async function graduate(userId: string, cardId: string): Promise<number> {
  let version = 0;
  let at = T0;

  for (let step = 0; step < 3; step++) {
    const result = await submitReview(rating(userId, cardId, { expectedVersion: version, reviewedAt: at }));

    version = result.state.version;
    at = new Date(new Date(result.state.due).getTime() + MINUTE);
  }

  return version;
}

function expectConflict(promise: Promise<unknown>) {
  return expect(promise).rejects.toSatisfy((error) => error instanceof AppError && error.code === "conflict");
}

describe("submitReview", () => {
  it("saves the new state and one log, in learning after Good on a new card", async () => {
    const user = await newUser();
    const cardId = cardIds[0] as string;
    const result = await submitReview(rating(user.id, cardId));
    const row = await stateRow(user.id, cardId);

    expect(result).toMatchObject({ replayed: false, becameLeech: false, state: { state: 1, version: 1, reps: 1 } });
    expect(row).toMatchObject({ state: 1, version: 1, learningSteps: 1, reps: 1 });
    expect(row?.due.getTime()).toBe(T0.getTime() + 10 * MINUTE);
    expect(await logCount(user.id)).toBe(1);
  });

  it("applies a replayed review id once and returns the first result", async () => {
    const user = await newUser();
    const cardId = cardIds[1] as string;
    const first = rating(user.id, cardId, { grade: 1 });
    const original = await submitReview(first);
    const replay = await submitReview({ ...first, grade: 4, reviewedAt: new Date(T0.getTime() + DAY) });

    expect(replay.replayed).toBe(true);
    expect(replay.state).toEqual(original.state);
    expect(await logCount(user.id)).toBe(1);
    expect((await stateRow(user.id, cardId))?.version).toBe(1);
  });

  it("lets exactly one of two concurrent saves of one card apply; the other conflicts and changes nothing", async () => {
    const user = await newUser();
    const cardId = cardIds[2] as string;
    const version = await graduate(user.id, cardId);
    const before = await stateRow(user.id, cardId);
    const logsBefore = await logCount(user.id);
    const at = new Date(T0.getTime() + 5 * DAY);
    const outcomes = await Promise.allSettled([
      submitReview(rating(user.id, cardId, { expectedVersion: version, grade: 1, reviewedAt: at })),
      submitReview(rating(user.id, cardId, { expectedVersion: version, grade: 4, reviewedAt: at })),
    ]);
    const applied = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");

    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.status === "rejected" && refused[0].reason).toBeInstanceOf(AppError);
    expect(await logCount(user.id)).toBe(logsBefore + 1);

    const after = await stateRow(user.id, cardId);
    const winner = applied[0]?.status === "fulfilled" ? applied[0].value : null;

    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after?.due.toISOString()).toBe(winner?.state.due);
  });

  it("refuses a stale version and leaves the state untouched", async () => {
    const user = await newUser();
    const cardId = cardIds[3] as string;

    await submitReview(rating(user.id, cardId));

    const before = await stateRow(user.id, cardId);

    await expectConflict(submitReview(rating(user.id, cardId, { expectedVersion: 0 })));
    expect(await stateRow(user.id, cardId)).toEqual(before);
    expect(await logCount(user.id)).toBe(1);
  });

  it("refuses an unknown card", async () => {
    const user = await newUser();

    await expect(submitReview(rating(user.id, "no-such-card"))).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "not_found",
    );
  });

  it("flags a leech at the threshold and suspends it", async () => {
    const user = await newUser({ leechThreshold: 2 });
    const cardId = cardIds[4] as string;
    let version = await graduate(user.id, cardId);
    let at = new Date(T0.getTime() + 30 * DAY);
    let last = null;

    // Again in review is a lapse; Good in relearning brings it back.
    for (const grade of [1, 3, 1] as const) {
      last = await submitReview(rating(user.id, cardId, { expectedVersion: version, grade, reviewedAt: at }));
      version = last.state.version;
      at = new Date(new Date(last.state.due).getTime() + MINUTE);
    }

    expect(last).toMatchObject({ becameLeech: true, state: { lapses: 2, leech: true, suspended: true } });
    await expectConflict(submitReview(rating(user.id, cardId, { expectedVersion: version, reviewedAt: at })));
  });
});

describe("undoReview", () => {
  it("restores every field of the previous state, due included, and marks the log undone", async () => {
    const user = await newUser();
    const cardId = cardIds[5] as string;
    const version = await graduate(user.id, cardId);
    const before = await stateRow(user.id, cardId);
    const rated = await submitReview(
      rating(user.id, cardId, { expectedVersion: version, grade: 1, reviewedAt: new Date(T0.getTime() + 9 * DAY) }),
    );

    expect((await stateRow(user.id, cardId))?.lapses).toBe(1);

    const undone = await undoReview({ prisma: prisma(), userId: user.id, now: T0 });
    const after = await stateRow(user.id, cardId);
    const { version: _v1, updatedAt: _u1, ...restored } = after ?? {};
    const { version: _v2, updatedAt: _u2, ...original } = before ?? {};

    expect(undone).toMatchObject({ reviewId: rated.reviewId, cardId, alreadyUndone: false });
    expect(restored).toEqual(original);
    expect(after?.version).toBe(rated.state.version + 1);
    expect((await prisma().reviewLog.findUnique({ where: { id: rated.reviewId } }))?.undoneAt).toEqual(T0);
  });

  it("makes a new card new again", async () => {
    const user = await newUser();
    const cardId = cardIds[6] as string;

    await submitReview(rating(user.id, cardId));
    await undoReview({ prisma: prisma(), userId: user.id, now: T0 });

    expect(await stateRow(user.id, cardId)).toBeNull();

    const again = await submitReview(rating(user.id, cardId, { expectedVersion: 0 }));

    expect(again.state.version).toBe(1);
  });

  it("walks back through the session in order, one rating per undo", async () => {
    const user = await newUser();
    const ids = cardIds.slice(7, 10);

    for (const [index, cardId] of ids.entries()) {
      await submitReview(rating(user.id, cardId, { reviewedAt: new Date(T0.getTime() + index * MINUTE) }));
    }

    const undone = [];

    for (let i = 0; i < ids.length; i++)
      undone.push((await undoReview({ prisma: prisma(), userId: user.id, now: T0 })).cardId);

    expect(undone).toEqual([...ids].reverse());
    await expect(undoReview({ prisma: prisma(), userId: user.id, now: T0 })).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "not_found",
    );
  });

  it("refuses to undo a rating that is no longer the card's latest", async () => {
    const user = await newUser();
    const cardId = cardIds[10] as string;
    const first = await submitReview(rating(user.id, cardId));

    await submitReview(
      rating(user.id, cardId, { expectedVersion: 1, reviewedAt: new Date(T0.getTime() + 11 * MINUTE) }),
    );
    await expectConflict(undoReview({ prisma: prisma(), userId: user.id, reviewId: first.reviewId, now: T0 }));
  });

  it("answers a repeated undo of the same rating without undoing anything else", async () => {
    const user = await newUser();
    const [a, b] = cardIds.slice(11, 13) as [string, string];

    await submitReview(rating(user.id, a));
    const second = await submitReview(rating(user.id, b, { reviewedAt: new Date(T0.getTime() + MINUTE) }));

    await undoReview({ prisma: prisma(), userId: user.id, reviewId: second.reviewId, now: T0 });
    const repeat = await undoReview({ prisma: prisma(), userId: user.id, reviewId: second.reviewId, now: T0 });

    expect(repeat.alreadyUndone).toBe(true);
    expect((await stateRow(user.id, a))?.version).toBe(1);
  });
});

describe("getReviewQueue", () => {
  const shanghai = { timeZone: "Asia/Shanghai", dayStartHour: 4, newPerDay: 3, reviewsPerDay: 200 };
  // 2026-03-10 03:00 in Shanghai is still the learner's 2026-03-09.
  const beforeFour = new Date("2026-03-09T19:00:00Z");
  const afterFour = new Date("2026-03-09T20:00:00Z");

  it("counts the daily new-card limit in the learner's day", async () => {
    const user = await newUser(shanghai);
    const first = await getReviewQueue({ prisma: prisma(), userId: user.id, now: beforeFour, locale: "zh", limit: 10 });

    expect(first.dayKey).toBe("2026-03-09");
    expect(first.remaining.new).toBe(3);
    expect(first.cards.map((card) => card.stage)).toEqual(["new", "new", "new"]);

    for (const card of first.cards) {
      await submitReview(rating(user.id, card.id, { grade: 4, reviewedAt: beforeFour }));
    }

    const sameDay = await getReviewQueue({
      prisma: prisma(),
      userId: user.id,
      now: new Date(beforeFour.getTime() + 30 * MINUTE),
      locale: "zh",
      limit: 10,
    });

    expect(sameDay.remaining.new).toBe(0);
    expect(sameDay.cards).toEqual([]);
    expect(sameDay.nextDue).toBe(afterFour.toISOString());

    const nextDay = await getReviewQueue({
      prisma: prisma(),
      userId: user.id,
      now: afterFour,
      locale: "zh",
      limit: 10,
    });

    expect(nextDay.dayKey).toBe("2026-03-10");
    expect(nextDay.remaining.new).toBe(3);
    expect(nextDay.cards.map((card) => card.id)).not.toContain(first.cards[0]?.id);
  });

  it("puts learning cards whose step is up first, then reviews, then new cards", async () => {
    const user = await newUser({ newPerDay: 2 });
    const [learningCard, reviewCard] = cardIds.slice(20, 22) as [string, string];

    await graduate(user.id, reviewCard);
    await submitReview(rating(user.id, learningCard, { grade: 1 }));

    const reviewDue = (await stateRow(user.id, reviewCard))?.due as Date;
    const queue = await getReviewQueue({
      prisma: prisma(),
      userId: user.id,
      now: new Date(reviewDue.getTime() + DAY),
      locale: "en",
      limit: 10,
    });

    expect(queue.cards.slice(0, 2).map((card) => [card.id, card.stage])).toEqual([
      [learningCard, "learning"],
      [reviewCard, "review"],
    ]);
    expect(queue.cards.slice(2).map((card) => card.stage)).toEqual(["new", "new"]);
    expect(queue.cards[1]?.previews[3].label).toMatch(/^\d+(\.\d)?(d|mo)$/);
  });

  it("leaves suspended cards out and brings them back when resumed", async () => {
    const user = await newUser({ newPerDay: 1 });
    const first = await getReviewQueue({ prisma: prisma(), userId: user.id, now: T0, locale: "en", limit: 1 });
    const cardId = first.cards[0]?.id as string;

    await setCardSuspended({ prisma: prisma(), userId: user.id, cardId, suspended: true, now: T0 });
    expect(
      (await getReviewQueue({ prisma: prisma(), userId: user.id, now: T0, locale: "en", limit: 1 })).cards[0]?.id,
    ).not.toBe(cardId);

    await setCardSuspended({ prisma: prisma(), userId: user.id, cardId, suspended: false, now: T0 });
    expect(
      (await getReviewQueue({ prisma: prisma(), userId: user.id, now: T0, locale: "en", limit: 1 })).cards[0]?.id,
    ).toBe(cardId);
  });
});
