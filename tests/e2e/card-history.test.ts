import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";

type QueueCard = { id: string; version: number };

describe("a card's review history in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("sends a visitor without a session to sign in first", async () => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();

    await page.goto(`${inject("appUrl")}/cards/some-card/history`);
    await page.waitForURL((url) => url.pathname === "/signin");

    expect(new URL(page.url()).searchParams.get("next")).toBe("/cards/some-card/history");
    await context.close();
  });

  it("shows both ratings of a card, oldest first, on a phone", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    await page.goto(`${inject("appUrl")}/signup?next=/stats`);
    await page.fill("input[name=email]", `history-${randomUUID()}@example.com`);
    await page.fill("input[name=password]", "a long enough password");
    await page.click("main button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/stats");

    // Again two minutes ago, then Good now, through the same API the review page uses.
    const cardId = await page.evaluate(async () => {
      const queue = (await (await fetch("/api/review/queue?limit=1")).json()) as { cards: QueueCard[] };
      const card = queue.cards[0];

      if (!card) throw new Error("the queue is empty");

      const rate = async (grade: number, expectedVersion: number, reviewedAt?: string) => {
        const response = await fetch("/api/review", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            reviewId: crypto.randomUUID(),
            cardId: card.id,
            grade,
            expectedVersion,
            durationMs: 4_000,
            reviewedAt,
          }),
        });

        if (!response.ok) throw new Error(`rating failed with ${response.status}`);

        return ((await response.json()) as { state: { version: number } }).state.version;
      };
      const version = await rate(1, card.version, new Date(Date.now() - 2 * 60_000).toISOString());

      await rate(3, version);

      return card.id;
    });

    await page.goto(`${inject("appUrl")}/cards/${encodeURIComponent(cardId)}/history`);

    const rows = page.locator("[data-testid=card-history-table] tbody tr");

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("复习记录");
    expect(await rows.count()).toBe(2);
    expect(await rows.locator("[data-field=rating]").allTextContents()).toEqual(["重来", "良好"]);
    expect(await rows.first().locator("[data-field=recall]").textContent()).toBe("—");
    expect(await page.locator(".card-body").first().textContent()).not.toBe("");

    await page.screenshot({ path: screenshotPath("card-history-zh-phone"), fullPage: true });

    const missing = await page.goto(`${inject("appUrl")}/cards/no-such-card/history`);

    expect(missing?.status()).toBe(404);
    await context.close();
  });
});
