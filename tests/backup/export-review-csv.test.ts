import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField, REVIEW_CSV_HEADER, reviewCsvChunks } from "@/lib/backup/export-review-csv";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildHistory, DAY, type History, MINUTE, newUser, rate, T0 } from "./review-history";

let db: TestDatabase;
let cardIds: string[];
let userId: string;
let history: History;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.database);

  const prisma = db.database.prisma;

  cardIds = (
    await prisma.card.findMany({ orderBy: [{ topicId: "asc" }, { position: "asc" }], select: { id: true } })
  ).map((card) => card.id);
  userId = (await newUser(prisma)).id;
  history = await buildHistory(prisma, userId, cardIds);

  const stranger = await newUser(prisma);

  await rate({ prisma, userId: stranger.id, cardId: history.cards.again, grade: 2, at: T0, durationMs: 1 });
});

afterAll(async () => {
  await db?.drop();
});

async function csvOf(options: { userId: string; batchSize?: number }): Promise<string> {
  let text = "";

  for await (const chunk of reviewCsvChunks({ prisma: db.database.prisma, ...options })) text += chunk;

  return text;
}

describe("review CSV export", () => {
  it("has exactly the optimizer's header and one row per review that was not undone", async () => {
    const lines = (await csvOf({ userId })).trimEnd().split("\n");
    const counted = await db.database.prisma.reviewLog.count({ where: { userId, undoneAt: null } });

    expect(lines[0]).toBe("card_id,review_time,review_rating,review_state,review_duration");
    expect(lines.slice(1)).toHaveLength(counted);
    expect(counted).toBe(8);
    expect(lines.some((line) => line.includes(`,${history.undoneAt.getTime()},`))).toBe(false);
  });

  it("writes the values of a review as computed by hand: time in ms, rating, state before, duration in ms", async () => {
    const rows = (await csvOf({ userId })).trimEnd().split("\n").slice(1);
    const again = rows.filter((row) => row.startsWith(`${history.cards.again},`));

    // New → Again (first learning step) → Good, on to the second of the
    // default steps (1m 10m) and so still learning → Easy a day later.
    expect(again).toEqual([
      `${history.cards.again},${T0.getTime()},1,0,7250`,
      `${history.cards.again},${T0.getTime() + 10 * MINUTE},3,1,3100`,
      `${history.cards.again},${T0.getTime() + DAY},4,1,2000`,
    ]);
  });

  it("groups rows by card, in time order within a card, and leaves out other users' reviews", async () => {
    const rows = (await csvOf({ userId })).trimEnd().split("\n").slice(1);
    const keys = rows.map((row) => {
      const [cardId, time] = row.split(",");

      return { cardId: cardId ?? "", time: Number(time) };
    });

    // Card order follows the database collation, so only the grouping and
    // the time order inside a group are checked.
    const cardRuns = keys.filter((key, index) => index === 0 || keys[index - 1]?.cardId !== key.cardId);
    const inOrder = keys.every((key, index) => {
      const previous = keys[index - 1];

      return !previous || previous.cardId !== key.cardId || previous.time <= key.time;
    });

    expect(new Set(cardRuns.map((key) => key.cardId)).size).toBe(cardRuns.length);
    expect(inOrder).toBe(true);
    expect(rows.some((row) => row.endsWith(",2,0,1"))).toBe(false);
  });

  it("gives the same file when read in small batches", async () => {
    expect(await csvOf({ userId, batchSize: 2 })).toBe(await csvOf({ userId }));
    expect(await csvOf({ userId, batchSize: 1 })).toBe(await csvOf({ userId }));
  });

  it("writes only the header for a user without reviews", async () => {
    const empty = await newUser(db.database.prisma);

    expect(await csvOf({ userId: empty.id })).toBe(`${REVIEW_CSV_HEADER}\n`);
  });
});

describe("csvField", () => {
  it("quotes fields holding commas, quotes or line breaks and doubles their quotes", () => {
    expect(csvField("plain-id")).toBe("plain-id");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
  });
});
