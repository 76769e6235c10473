import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrationNames } from "@/lib/db/apply-migrations";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type SubmitReviewInput, submitReview } from "@/lib/reviews/submit-review";
import { undoReview } from "@/lib/reviews/undo-review";
import { ratingInput } from "../support/learners";
import { createTestDatabase, MIGRATIONS_DIR, type TestDatabase } from "../support/test-database";
import { seedReview, seedTopic, seedUser } from "./seed";

// ReviewBucket is kept by database triggers. Whatever happens to the review
// log, the buckets must equal the log counted afresh.

type BucketRow = {
  userId: string;
  bucketStart: string;
  topicId: string;
  reviews: number;
  again: number;
  hard: number;
  good: number;
  easy: number;
  durationMs: number;
  matureReviews: number;
  matureAgain: number;
};

const BUCKET_COLUMNS = `"userId"::text AS "userId", to_char("bucketStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS "bucketStart",
  "topicId", "reviews"::int, "again"::int, "hard"::int, "good"::int, "easy"::int, "durationMs"::int,
  "matureReviews"::int, "matureAgain"::int`;

async function storedBuckets(prisma: PrismaClient, userId: string): Promise<BucketRow[]> {
  return prisma.$queryRawUnsafe<BucketRow[]>(
    `SELECT ${BUCKET_COLUMNS} FROM "ReviewBucket" WHERE "userId" = $1::uuid AND "reviews" > 0
     ORDER BY "bucketStart", "topicId"`,
    userId,
  );
}

// The same counts computed from the log directly, written independently of
// the trigger: quarter hours by epoch arithmetic rather than date_bin.
async function bucketsFromLog(prisma: PrismaClient, userId: string): Promise<BucketRow[]> {
  return prisma.$queryRawUnsafe<BucketRow[]>(
    `SELECT ${BUCKET_COLUMNS} FROM (
       SELECT r."userId", to_timestamp(floor(extract(epoch FROM r."reviewedAt") / 900) * 900) AS "bucketStart",
         c."topicId", count(*) AS "reviews",
         count(*) FILTER (WHERE r."rating" = 1) AS "again", count(*) FILTER (WHERE r."rating" = 2) AS "hard",
         count(*) FILTER (WHERE r."rating" = 3) AS "good", count(*) FILTER (WHERE r."rating" = 4) AS "easy",
         sum(r."durationMs") AS "durationMs",
         count(*) FILTER (WHERE r."stateBefore" = 2) AS "matureReviews",
         count(*) FILTER (WHERE r."stateBefore" = 2 AND r."rating" = 1) AS "matureAgain"
       FROM "ReviewLog" r JOIN "Card" c ON c."id" = r."cardId"
       WHERE r."userId" = $1::uuid AND r."undoneAt" IS NULL
       GROUP BY 1, 2, 3
     ) counted
     ORDER BY "bucketStart", "topicId"`,
    userId,
  );
}

let db: TestDatabase;

function prisma() {
  return db.database.prisma;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTopic(prisma(), { id: "topic-a", position: 1, cards: [{ id: "a1" }, { id: "a2" }] });
  await seedTopic(prisma(), { id: "topic-b", position: 2, cards: [{ id: "b1" }] });
});

afterAll(async () => {
  await db?.drop();
});

function rating(userId: string, cardId: string, at: string, overrides: Partial<SubmitReviewInput> = {}) {
  return submitReview(
    ratingInput({ prisma: prisma(), userId, cardId, reviewedAt: new Date(at) }, { durationMs: 2_000, ...overrides }),
  );
}

describe("ReviewBucket", () => {
  it("counts saved reviews per topic and UTC quarter hour, exactly at the quarter's edge", async () => {
    const user = await seedUser(prisma());

    const first = await rating(user.id, "a1", "2026-03-10T10:14:59.999Z", { grade: 1 });
    await rating(user.id, "a2", "2026-03-10T10:15:00.000Z", { grade: 4, durationMs: 500 });
    await rating(user.id, "b1", "2026-03-10T10:20:00.000Z");
    await rating(user.id, "a1", "2026-03-10T10:29:00.000Z", { expectedVersion: first.state.version });

    expect(await storedBuckets(prisma(), user.id)).toEqual([
      {
        userId: user.id,
        bucketStart: "2026-03-10T10:00",
        topicId: "topic-a",
        reviews: 1,
        again: 1,
        hard: 0,
        good: 0,
        easy: 0,
        durationMs: 2_000,
        matureReviews: 0,
        matureAgain: 0,
      },
      {
        userId: user.id,
        bucketStart: "2026-03-10T10:15",
        topicId: "topic-a",
        reviews: 2,
        again: 0,
        hard: 0,
        good: 1,
        easy: 1,
        durationMs: 2_500,
        matureReviews: 0,
        matureAgain: 0,
      },
      {
        userId: user.id,
        bucketStart: "2026-03-10T10:15",
        topicId: "topic-b",
        reviews: 1,
        again: 0,
        hard: 0,
        good: 1,
        easy: 0,
        durationMs: 2_000,
        matureReviews: 0,
        matureAgain: 0,
      },
    ]);
  });

  it("follows undo, bulk inserts, deletes and a card moving to another topic", async () => {
    const user = await seedUser(prisma());
    const other = await seedUser(prisma());
    const expectInStep = async () => {
      expect(await storedBuckets(prisma(), user.id)).toEqual(await bucketsFromLog(prisma(), user.id));
    };

    await rating(user.id, "a1", "2026-03-10T10:00:00Z");
    await rating(user.id, "a2", "2026-03-10T10:01:00Z", { grade: 2 });
    await rating(other.id, "a2", "2026-03-10T10:01:00Z");
    await expectInStep();

    // Undo takes the latest rating back; the bucket keeps the other one.
    await undoReview({ prisma: prisma(), userId: user.id, now: new Date("2026-03-10T10:02:00Z") });
    expect((await storedBuckets(prisma(), user.id)).map((row) => row.reviews)).toEqual([1]);
    await expectInStep();

    // A bulk insert (what a restore does), undone rows included.
    await prisma().reviewLog.createMany({
      data: [0, 1, 2, 3, 4, 5].map((n) => ({
        id: randomUUID(),
        userId: user.id,
        cardId: n % 2 === 0 ? "a2" : "b1",
        rating: (n % 4) + 1,
        source: "review" as const,
        reviewedAt: new Date(Date.parse("2026-03-01T08:00:00Z") + n * 10 * 60_000),
        durationMs: 1_000 + n,
        after: {},
        stateBefore: n % 3 === 0 ? 2 : 1,
        stateAfter: 2,
        stabilityAfter: 3,
        difficultyAfter: 5,
        scheduledDays: 3,
        elapsedDays: 1,
        undoneAt: n === 5 ? new Date("2026-03-01T09:00:00Z") : null,
      })),
    });
    await expectInStep();

    // An undone review restored by clearing undoneAt counts again.
    await prisma().reviewLog.updateMany({
      where: { userId: user.id, NOT: { undoneAt: null } },
      data: { undoneAt: null },
    });
    await expectInStep();

    await prisma().reviewLog.deleteMany({ where: { userId: user.id, cardId: "b1" } });
    await expectInStep();

    // Content moves a2 from topic-a to topic-b; its reviews move with it.
    await prisma().card.update({ where: { id: "a2" }, data: { topicId: "topic-b" } });
    await expectInStep();
    expect(await storedBuckets(prisma(), other.id)).toEqual(await bucketsFromLog(prisma(), other.id));
    await prisma().card.update({ where: { id: "a2" }, data: { topicId: "topic-a" } });
    await expectInStep();
  });

  it("goes with a deleted account, which deletes without error", async () => {
    const user = await seedUser(prisma());

    await seedReview(prisma(), user.id, { cardId: "a1", reviewedAt: new Date("2026-03-10T10:00:00Z") });
    expect(await storedBuckets(prisma(), user.id)).toHaveLength(1);

    await prisma().user.delete({ where: { id: user.id } });

    expect(await prisma().reviewBucket.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("the review_buckets migration", () => {
  it("counts the reviews saved before it", async () => {
    const older = await createTestDatabase({ migrate: false });
    const dir = await mkdtemp(path.join(tmpdir(), "ebb-buckets-"));

    try {
      const names = await listMigrationNames(MIGRATIONS_DIR);
      const bucketsMigration = names.findIndex((name) => name.endsWith("_review_buckets"));

      expect(bucketsMigration).toBeGreaterThan(0);

      // Migrate up to just before the buckets, save history, then migrate on.
      await cp(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));

      for (const name of names.slice(0, bucketsMigration)) {
        await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
      }

      await older.database.withExecutor((executor) => applyMigrations(executor, dir));

      const client = older.database.prisma;
      const userId = randomUUID();

      await client.$executeRawUnsafe(
        `INSERT INTO "User" ("id", "email", "passwordHash") VALUES ($1::uuid, 'before@example.com', 'unused')`,
        userId,
      );
      await client.$executeRawUnsafe(
        `INSERT INTO "Topic" ("id", "titleZh", "titleEn", "position", "contentHash", "updatedAt")
         VALUES ('t', 't', 't', 1, 'x', now())`,
      );
      await client.$executeRawUnsafe(
        `INSERT INTO "Card" ("id", "topicId", "kind", "fields", "explanation", "section", "position", "contentHash", "updatedAt")
         VALUES ('c', 't', 'qa', '{}', '', '', 1, 'x', now())`,
      );

      for (const [at, ratingValue, undone] of [
        ["2026-03-10T10:00:00Z", 1, false],
        ["2026-03-10T10:05:00Z", 3, false],
        ["2026-03-10T10:06:00Z", 3, true],
        ["2026-03-11T07:00:00Z", 4, false],
      ] as const) {
        await client.$executeRawUnsafe(
          `INSERT INTO "ReviewLog" ("id", "userId", "cardId", "rating", "source", "reviewedAt", "durationMs", "after",
             "stateBefore", "stateAfter", "stabilityAfter", "difficultyAfter", "scheduledDays", "elapsedDays", "undoneAt")
           VALUES ($1::uuid, $2::uuid, 'c', $3, 'review', $4::timestamptz, 1000, '{}', 2, 2, 1, 5, 1, 1,
             CASE WHEN $5 THEN now() END)`,
          randomUUID(),
          userId,
          ratingValue,
          at,
          undone,
        );
      }

      await older.database.withExecutor((executor) => applyMigrations(executor, MIGRATIONS_DIR));

      const buckets = await storedBuckets(client, userId);

      expect(
        buckets.map(({ bucketStart, reviews, again, matureAgain }) => ({ bucketStart, reviews, again, matureAgain })),
      ).toEqual([
        { bucketStart: "2026-03-10T10:00", reviews: 2, again: 1, matureAgain: 1 },
        { bucketStart: "2026-03-11T07:00", reviews: 1, again: 0, matureAgain: 0 },
      ]);
      expect(buckets).toEqual(await bucketsFromLog(client, userId));
    } finally {
      await rm(dir, { recursive: true, force: true });
      await older.drop();
    }
  });
});
