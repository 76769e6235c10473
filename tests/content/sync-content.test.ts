import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/content-error";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const topic = (cards: string) => `topic:
  id: sync-sample
  position: 1
  title: { zh: 同步, en: Sync }
  summary: { zh: 同步测试, en: Sync test }
cards:
${cards}`;

const cardOne = (answer: string) => `  - id: sync-one
    kind: qa
    section: dockerfile-purpose
    prompt: Dockerfile 的产物？
    answer: ${answer}
    explanation: 构建得到镜像。
`;

const cardTwo = `  - id: sync-two
    kind: truefalse
    section: dockerfile-purpose
    statement: RUN 在容器启动时执行。
    answer: false
    correction: RUN 在构建镜像时执行。
    explanation: CMD 才在容器启动时执行。
`;

const dirs: string[] = [];

async function contentDir(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ebb-sync-"));

  dirs.push(dir);
  await copyFile("content/sections.yaml", path.join(dir, "sections.yaml"));
  await writeFile(path.join(dir, "sync-sample.yaml"), text);

  return dir;
}

describe("content sync", () => {
  let db: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function snapshot() {
    const prisma = db.database.prisma;

    return {
      topics: await prisma.topic.findMany({ orderBy: { id: "asc" } }),
      cards: await prisma.card.findMany({ orderBy: { id: "asc" } }),
      states: await prisma.cardState.findMany({ orderBy: { cardId: "asc" } }),
    };
  }

  it("creates topics and cards on the first sync", async () => {
    const { sync } = await prepareDatabase(db.database, {
      contentDir: await contentDir(topic(cardOne("镜像") + cardTwo)),
    });

    expect(sync).toMatchObject({ cardsCreated: 2, cardsUpdated: 0, cardsRetired: 0, topicsUpserted: 1 });

    const user = await db.database.prisma.user.create({ data: { email: "sync@example.com", passwordHash: "x" } });

    userId = user.id;

    for (const cardId of ["sync-one", "sync-two"]) {
      await db.database.prisma.cardState.create({
        data: {
          userId,
          cardId,
          state: 2,
          due: new Date("2026-12-10T00:00:00Z"),
          stability: 12.5,
          difficulty: 4.2,
          elapsedDays: 3,
          scheduledDays: 12,
          learningSteps: 0,
          reps: 4,
          lapses: 1,
          lastReview: new Date("2026-11-28T00:00:00Z"),
          version: 5,
        },
      });
    }
  });

  it("changes nothing when the files did not change", async () => {
    const before = await snapshot();
    const { sync } = await prepareDatabase(db.database, {
      contentDir: await contentDir(topic(cardOne("镜像") + cardTwo)),
    });

    expect(sync).toMatchObject({ cardsCreated: 0, cardsUpdated: 0, cardsRetired: 0, unchanged: 2, topicsUpserted: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps every user's progress when a card is edited, and retires a removed card", async () => {
    const before = await snapshot();
    const { sync } = await prepareDatabase(db.database, { contentDir: await contentDir(topic(cardOne("一个镜像"))) });
    const after = await snapshot();

    expect(sync).toMatchObject({ cardsUpdated: 1, cardsRetired: 1 });
    expect(after.states).toEqual(before.states);

    const one = after.cards.find((card) => card.id === "sync-one");
    const two = after.cards.find((card) => card.id === "sync-two");

    expect(one?.fields).toMatchObject({ answer: "一个镜像" });
    expect(one?.retiredAt).toBeNull();
    expect(two?.retiredAt).toBeInstanceOf(Date);
  });

  it("restores a retired card that comes back, with its progress", async () => {
    const { sync } = await prepareDatabase(db.database, {
      contentDir: await contentDir(topic(cardOne("一个镜像") + cardTwo)),
    });
    const two = await db.database.prisma.card.findUnique({ where: { id: "sync-two" }, include: { states: true } });

    expect(sync.cardsRestored).toBe(1);
    expect(two?.retiredAt).toBeNull();
    expect(two?.states[0]).toMatchObject({ userId, version: 5, reps: 4 });
  });

  it("leaves the database unchanged when a file is malformed", async () => {
    const before = await snapshot();
    const broken = topic(cardOne("改了") + cardTwo.replace("answer: false", "answer: maybe"));

    await expect(prepareDatabase(db.database, { contentDir: await contentDir(broken) })).rejects.toBeInstanceOf(
      ContentError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("syncs the shipped content", async () => {
    const { sync } = await prepareDatabase(db.database);
    const cards = await db.database.prisma.card.count({ where: { retiredAt: null } });

    expect(sync.cardsCreated).toBeGreaterThan(0);
    expect(cards).toBe(sync.cardsCreated);
  });
});
