import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadContent } from "@/lib/content/load-content";
import { launchBrowser, screenshotPath } from "../support/browser";

describe("home page", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("lists every topic from content/ with its card count, in Chinese and in English", async () => {
    const { topics } = await loadContent("content");
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    await page.goto(inject("appUrl"));

    const items = page.locator("[data-topic-id]");

    await expect.poll(() => items.count()).toBe(topics.length);

    for (const topic of topics) {
      const item = page.locator(`[data-topic-id="${topic.id}"]`);

      expect(await item.locator("h2").textContent()).toBe(topic.titleZh);
      expect(await item.textContent()).toContain(`${topic.cards.length} 张卡片`);
    }

    await page.screenshot({ path: screenshotPath("home-zh-phone"), fullPage: true });

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");

    const first = topics[0];

    if (!first) throw new Error("content/ has no topics");
    expect(await page.locator(`[data-topic-id="${first.id}"] h2`).textContent()).toBe(first.titleEn);
    await page.screenshot({ path: screenshotPath("home-en-phone"), fullPage: true });

    await context.close();
  });

  it("follows the browser's language when none was chosen", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();

    await page.goto(inject("appUrl"));

    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Topics");

    await context.close();
  });
});

describe("GET /api/health", () => {
  it("answers 200 with the database up and migrated", async () => {
    const response = await fetch(`${inject("appUrl")}/api/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ app: "ok", status: "ok", database: "up" });
  });
});
