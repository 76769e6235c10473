import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backup, backupSchema } from "@/lib/backup/backup-schema";
import { createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/get-settings";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { getDashboard } from "@/lib/stats/get-dashboard";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildHistory, CUSTOM_SETTINGS, DAY, type History, newUser, rate, T0 } from "./review-history";

let db: TestDatabase;
let cardIds: string[];
let sourceId: string;
let history: History;
let backup: Backup;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.database);
  cardIds = (
    await prisma().card.findMany({ orderBy: [{ topicId: "asc" }, { position: "asc" }], select: { id: true } })
  ).map((card) => card.id);
  sourceId = (await newUser(prisma(), CUSTOM_SETTINGS)).id;
  history = await buildHistory(prisma(), sourceId, cardIds);

  // Through JSON and back, as a downloaded file would travel.
  backup = JSON.parse(JSON.stringify(await createBackup({ prisma: prisma(), userId: sourceId, now: T0 })));
});

afterAll(async () => {
  await db?.drop();
});

function prisma() {
  return db.database.prisma;
}

async function progressOf(userId: string) {
  const settings = await getSettings({ prisma: prisma(), userId });
  const states = await prisma().cardState.findMany({
    where: { userId },
    orderBy: { cardId: "asc" },
    omit: { id: true, userId: true, updatedAt: true },
  });
  const logs = await prisma().reviewLog.findMany({
    where: { userId },
    orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }],
  });
  const quizzes = await prisma().quiz.findMany({
    where: { userId },
    orderBy: { startedAt: "asc" },
    include: { items: { orderBy: { position: "asc" } } },
  });

  // Ids differ between accounts by design; a quiz item is compared by the
  // review it points at instead.
  const logById = new Map(logs.map((log) => [log.id, log]));

  return {
    settings,
    states,
    logs: logs.map(({ id: _id, userId: _userId, ...log }) => log),
    quizzes: quizzes.map(({ id: _id, userId: _userId, items, ...quiz }) => ({
      ...quiz,
      items: items.map(({ id: _itemId, quizId: _quizId, reviewId, ...item }) => {
        const review = reviewId ? logById.get(reviewId) : undefined;

        return { ...item, review: review ? { cardId: review.cardId, reviewedAt: review.reviewedAt } : null };
      }),
    })),
  };
}

async function expectRefused(promise: Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );

  expect(error).toBeInstanceOf(AppError);
  expect(error instanceof AppError && error.code).toBe(code);

  if (message) expect(error instanceof AppError && error.publicMessage).toMatch(message);
}

describe("createBackup", () => {
  it("holds the format, version, export time and every kind of progress", () => {
    expect(backupSchema.safeParse(backup).success).toBe(true);
    expect(backup).toMatchObject({ format: "ebb-backup", version: 1, exportedAt: T0.toISOString() });
    expect(backup.settings).toEqual(CUSTOM_SETTINGS);
    expect(backup.reviewLogs).toHaveLength(9);
    expect(backup.reviewLogs.filter((log) => log.undoneAt !== null)).toHaveLength(1);
    expect(backup.cardStates.find((state) => state.cardId === history.cards.suspendedNew)).toMatchObject({
      state: 0,
      suspended: true,
    });
    expect(backup.quizzes).toHaveLength(1);
    expect(backup.quizzes[0]?.items.filter((item) => item.reviewId !== null)).toHaveLength(1);
  });
});

describe("restoreBackup", () => {
  it("restores identical settings, card states, review logs and quizzes into a fresh account", async () => {
    const target = await newUser(prisma());
    const result = await restoreBackup({ prisma: prisma(), userId: target.id, backup });
    const original = await progressOf(sourceId);
    const restored = await progressOf(target.id);

    expect(result).toEqual({ cardStates: 6, reviewLogs: 9, quizzes: 1 });
    expect(restored.settings).toEqual(original.settings);
    expect(restored.states).toEqual(original.states);
    expect(restored.logs).toEqual(original.logs);
    expect(restored.quizzes).toEqual(original.quizzes);
    expect(restored.quizzes[0]?.items.some((item) => item.review !== null)).toBe(true);
  });

  it("gives the restored account the same statistics", async () => {
    const target = await newUser(prisma());

    await restoreBackup({ prisma: prisma(), userId: target.id, backup });

    const now = new Date(T0.getTime() + 3 * DAY);
    const original = await getDashboard({ prisma: prisma(), userId: sourceId, now });
    const restored = await getDashboard({ prisma: prisma(), userId: target.id, now });

    expect(original.heatmap.reduce((sum, day) => sum + day.count, 0)).toBe(8);
    expect(restored).toEqual(original);
  });

  it("gives restored reviews, quizzes and items new ids and keeps the item → review links", async () => {
    const target = await newUser(prisma());

    await restoreBackup({ prisma: prisma(), userId: target.id, backup });

    const oldIds = new Set(backup.reviewLogs.map((log) => log.id));
    const logs = await prisma().reviewLog.findMany({ where: { userId: target.id }, select: { id: true } });
    const quiz = await prisma().quiz.findFirstOrThrow({ where: { userId: target.id }, include: { items: true } });
    const linked = quiz.items.filter((item) => item.reviewId !== null);

    expect(logs.some((log) => oldIds.has(log.id))).toBe(false);
    expect(quiz.id).not.toBe(history.quizId);
    expect(linked).toHaveLength(1);
    expect(logs.map((log) => log.id)).toContain(linked[0]?.reviewId);

    const again = await createBackup({ prisma: prisma(), userId: target.id, now: T0 });
    const withoutIds = (copy: Backup) => ({
      ...copy,
      reviewLogs: copy.reviewLogs.map((log) => ({ ...log, id: "" })),
      quizzes: copy.quizzes.map((item) => ({
        ...item,
        items: item.items.map((entry) => ({ ...entry, reviewId: entry.reviewId && "" })),
      })),
    });

    expect(withoutIds(JSON.parse(JSON.stringify(again)))).toEqual(withoutIds(backup));
  });

  it("schedules the next rating exactly as the original account does", async () => {
    const target = await newUser(prisma());

    await restoreBackup({ prisma: prisma(), userId: target.id, backup });

    const at = new Date(T0.getTime() + 9 * DAY);

    for (const cardId of [history.cards.again, history.cards.hard, history.cards.undone]) {
      for (const grade of [1, 3] as const) {
        const original = await rate({ prisma: prisma(), userId: sourceId, cardId, grade, at });
        const restored = await rate({ prisma: prisma(), userId: target.id, cardId, grade, at });

        expect(restored.state).toEqual(original.state);
        expect(restored.becameLeech).toBe(original.becameLeech);
      }
    }

    const suspended = history.cards.suspendedSeen;

    await expectRefused(rate({ prisma: prisma(), userId: target.id, cardId: suspended, grade: 3, at }), "conflict");
  });

  it("refuses an account that already has progress and changes nothing", async () => {
    const target = await newUser(prisma(), { dayStartHour: 6 });

    await rate({ prisma: prisma(), userId: target.id, cardId: history.cards.again, grade: 3, at: T0 });

    const before = await progressOf(target.id);

    await expectRefused(restoreBackup({ prisma: prisma(), userId: target.id, backup }), "conflict", /without progress/);
    expect(await progressOf(target.id)).toEqual(before);
  });

  it("refuses malformed backups with a clear message and writes nothing", async () => {
    const target = await newUser(prisma());
    const before = await progressOf(target.id);
    const firstLog = backup.reviewLogs[0];
    const quizReviewId = backup.quizzes[0]?.items.find((item) => item.reviewId !== null)?.reviewId;

    if (!firstLog || !quizReviewId) throw new Error("the backup has no reviews");

    const broken: [unknown, RegExp][] = [
      ["not a backup", /not a valid Ebb backup/],
      [{ ...backup, version: 2 }, /version/],
      [{ ...backup, reviewLogs: [{ ...firstLog, rating: 5 }, ...backup.reviewLogs.slice(1)] }, /reviewLogs\.0\.rating/],
      [{ ...backup, reviewLogs: [...backup.reviewLogs, firstLog] }, /review id appears twice/],
      [
        { ...backup, reviewLogs: backup.reviewLogs.filter((log) => log.id !== quizReviewId) },
        /quizzes\.0\.items\.\d+\.reviewId: names a review that is not in the backup/,
      ],
      [{ ...backup, settings: { ...backup.settings, timeZone: "Mars/Olympus" } }, /settings\.timeZone/],
    ];

    for (const [input, message] of broken) {
      await expectRefused(
        restoreBackup({ prisma: prisma(), userId: target.id, backup: input }),
        "bad_request",
        message,
      );
    }

    expect(await progressOf(target.id)).toEqual(before);
  });

  it("refuses a backup naming cards the deck does not have, listing them", async () => {
    const target = await newUser(prisma());
    const before = await progressOf(target.id);
    const [firstState, ...otherStates] = backup.cardStates;

    if (!firstState) throw new Error("the backup has no card states");

    const input = { ...backup, cardStates: [{ ...firstState, cardId: "no-such-card" }, ...otherStates] };

    await expectRefused(
      restoreBackup({ prisma: prisma(), userId: target.id, backup: input }),
      "bad_request",
      /does not have: no-such-card$/,
    );
    expect(await progressOf(target.id)).toEqual(before);
  });
});
