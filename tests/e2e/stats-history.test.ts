import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createBackup } from "@/lib/backup/create-backup";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { submitReview } from "@/lib/reviews/submit-review";
import type { Grade } from "@/lib/srs/types";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { launchBrowser, screenshotPath } from "../support/browser";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DAYS_OF_HISTORY = 21;
// No sitting this many days ago, so the streak is the days after it.
const MISSED_DAY = 9;
const NEW_PER_DAY = 10;

type Simulated = { backupJson: string; ratings: number; activeDays: number; busiestTopic: string };

// Three weeks of a learner in Shanghai, played through the real scheduler on
// a scratch database: each day one sitting that reviews what is due, learns
// ten new cards and repeats the learning ones a quarter of an hour later.
async function simulateLearner(prisma: PrismaClient, now: Date): Promise<Simulated> {
  const user = await prisma.user.create({
    data: { email: `${randomUUID()}@example.com`, passwordHash: "unused", timeZone: "Asia/Shanghai" },
  });
  const deck = await prisma.card.findMany({
    where: { retiredAt: null },
    orderBy: { deckPosition: "asc" },
    select: { id: true, topicId: true },
  });
  const topicOf = new Map(deck.map((card) => [card.id, card.topicId]));
  const perTopic = new Map<string, number>();
  let ratings = 0;
  let introduced = 0;

  const rate = async (cardId: string, at: Date) => {
    const state = await prisma.cardState.findUnique({ where: { userId_cardId: { userId: user.id, cardId } } });
    const grade: Grade = ratings % 7 === 3 ? 1 : ratings % 11 === 5 ? 2 : ratings % 13 === 8 ? 4 : 3;

    await submitReview({
      prisma,
      userId: user.id,
      cardId,
      reviewId: randomUUID(),
      grade,
      expectedVersion: state?.version ?? 0,
      durationMs: 3_000 + (ratings % 9) * 1_000,
      source: "review",
      reviewedAt: at,
    });
    ratings += 1;

    const topic = topicOf.get(cardId) ?? "";

    perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
  };

  const dueAt = async (at: Date) =>
    prisma.cardState.findMany({
      where: { userId: user.id, suspended: false, due: { lte: at } },
      orderBy: { due: "asc" },
      select: { cardId: true },
    });

  for (let daysAgo = DAYS_OF_HISTORY - 1; daysAgo >= 0; daysAgo -= 1) {
    if (daysAgo === MISSED_DAY) continue;

    let at = new Date(now.getTime() - daysAgo * DAY - 40 * MINUTE);

    for (const { cardId } of await dueAt(at)) {
      await rate(cardId, at);
      at = new Date(at.getTime() + 20_000);
    }

    for (const card of deck.slice(introduced, introduced + NEW_PER_DAY)) {
      await rate(card.id, at);
      at = new Date(at.getTime() + 20_000);
    }

    introduced += NEW_PER_DAY;
    at = new Date(at.getTime() + 15 * MINUTE);

    for (const { cardId } of await dueAt(at)) {
      await rate(cardId, at);
      at = new Date(at.getTime() + 20_000);
    }
  }

  const backup = await createBackup({ prisma, userId: user.id, now });
  const busiestTopic = [...perTopic.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";

  return { backupJson: JSON.stringify(backup), ratings, activeDays: DAYS_OF_HISTORY - 1, busiestTopic };
}

describe("statistics of a learner with three weeks of history", () => {
  let browser: Browser;
  let scratch: TestDatabase;
  let simulated: Simulated;
  let backupDir: string;

  beforeAll(async () => {
    scratch = await createTestDatabase();
    await prepareDatabase(scratch.database);
    simulated = await simulateLearner(scratch.database.prisma, new Date());
    backupDir = await mkdtemp(path.join(tmpdir(), "ebb-history-"));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await scratch?.drop();
    if (backupDir) await rm(backupDir, { recursive: true, force: true });
  });

  it("restores the history from the settings page and shows it on the dashboard and a topic page", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const backupFile = path.join(backupDir, "ebb-backup.json");

    await writeFile(backupFile, simulated.backupJson);

    await page.goto(`${inject("appUrl")}/signup?next=/settings`);
    await page.fill("input[name=email]", `history-${randomUUID()}@example.com`);
    await page.fill("input[name=password]", "a long enough password");
    await page.click("main button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/settings");

    await page.setInputFiles("input[type=file]", backupFile);
    await page.getByText(String(simulated.ratings), { exact: false }).first().waitFor({ timeout: 60_000 });

    await page.goto(`${inject("appUrl")}/stats`);

    // The days after the missed one, counted in Shanghai's learner days.
    expect(await page.getByTestId("streak").textContent()).toContain(String(MISSED_DAY));

    const activeCells = page.locator("rect[data-count]:not([data-count='0'])");

    expect(await activeCells.count()).toBe(simulated.activeDays);

    const counted = await activeCells.evaluateAll((cells) =>
      cells.reduce((sum, cell) => sum + Number(cell.getAttribute("data-count")), 0),
    );

    expect(counted).toBe(simulated.ratings);
    await page.screenshot({ path: screenshotPath("stats-history-zh-desktop"), fullPage: true });

    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("stats-history-zh-phone-dark"), fullPage: true });

    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`${inject("appUrl")}/topics/${simulated.busiestTopic}`);

    const progress = page.getByTestId("topic-progress");

    await progress.waitFor();
    expect(await page.getByTestId("weakest").locator("li").count()).toBeGreaterThan(0);
    await progress.screenshot({ path: screenshotPath("topic-history-zh-desktop") });

    await context.close();
  });
});
