import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";

type QueueCard = { id: string; version: number; topicId: string };

describe("statistics in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the day's reviews in the streak, the topic counts and the heatmap", async () => {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    await page.goto(`${inject("appUrl")}/signup?next=/stats`);
    await page.fill("input[name=email]", `stats-${randomUUID()}@example.com`);
    await page.fill("input[name=password]", "a long enough password");
    await page.click("main button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/stats");

    // Six ratings through the same API the review page uses.
    const rated = await page.evaluate(async () => {
      const queue = (await (await fetch("/api/review/queue?limit=6")).json()) as { cards: QueueCard[] };

      for (const [index, card] of queue.cards.entries()) {
        await fetch("/api/review", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            reviewId: crypto.randomUUID(),
            cardId: card.id,
            grade: index % 2 === 0 ? 3 : 1,
            expectedVersion: card.version,
            durationMs: 4_000,
          }),
        });
      }

      return queue.cards.map((card) => card.topicId);
    });

    await page.reload();

    expect(await page.getByTestId("streak").textContent()).toBe("1-day streak");

    const topicId = rated[0] as string;
    const row = page.locator(`tr[data-topic-id="${topicId}"]`);
    const learningHere = rated.filter((id) => id === topicId).length;

    expect(await row.locator("td").nth(3).textContent()).toMatch(new RegExp(`^\\d+ / ${learningHere} / 0 / 0$`));
    expect(await page.locator("rect[data-count]:not([data-count='0'])").count()).toBe(1);
    expect(Number(await page.locator("rect[data-count]:not([data-count='0'])").getAttribute("data-count"))).toBe(6);

    await page.screenshot({ path: screenshotPath("stats-en-phone"), fullPage: true });

    await page.goto(`${inject("appUrl")}/topics/${topicId}`);

    const progress = page.getByTestId("topic-progress");

    expect(await progress.locator('[data-field="counts"]').textContent()).toMatch(
      new RegExp(`^\\d+ / ${learningHere} / 0 / 0$`),
    );
    expect(await page.getByTestId("weakest").locator("li").count()).toBe(Math.min(5, learningHere));
    await progress.screenshot({ path: screenshotPath("topic-progress-en-phone") });

    const csv = await page.evaluate(async () => (await fetch("/api/export/reviews.csv")).text());
    const lines = csv.trim().split("\n");

    expect(lines[0]).toBe("card_id,review_time,review_rating,review_state,review_duration");
    expect(lines).toHaveLength(1 + rated.length);

    await context.close();
  });
});
