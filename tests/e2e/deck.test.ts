import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cardKinds } from "@/lib/content/card-schema";
import { loadContent } from "@/lib/content/load-content";
import { launchBrowser, screenshotPath } from "../support/browser";

describe("the deck on a phone", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows every card of every topic, highlighted, without sideways scrolling", async () => {
    const { topics } = await loadContent("content");
    const context = await browser.newContext({
      locale: "zh-CN",
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const shotKinds = new Set<string>();

    for (const topic of topics) {
      await page.goto(`${inject("appUrl")}/topics/${topic.id}`);

      const cards = page.locator("[data-card-id]");

      expect(await cards.count()).toBe(topic.cards.length);

      await page.evaluate(() => {
        for (const details of document.querySelectorAll("details")) details.open = true;
      });

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

      expect(overflow, `${topic.id} scrolls sideways`).toBeLessThanOrEqual(0);

      // Fenced code with a language comes out with highlighted tokens.
      const fenced = topic.cards.filter((card) =>
        /```(yaml|dockerfile|shell|bash|sh)\b/.test(JSON.stringify(card)),
      ).length;

      if (fenced > 0) expect(await page.locator("pre.code code.hljs span[class^='hljs-']").count()).toBeGreaterThan(0);

      for (const card of topic.cards) {
        if (shotKinds.has(card.kind)) continue;

        shotKinds.add(card.kind);
        await page
          .locator(`[data-card-id="${card.id}"]`)
          .screenshot({ path: screenshotPath(`deck-${card.kind}-zh-phone`) });
      }
    }

    expect([...shotKinds].sort()).toEqual([...cardKinds].sort());

    await context.close();
  });
});

describe("the notes view", () => {
  it("shows every section of the notes with its text, reachable by the section id", async () => {
    const { sections } = await loadContent("content");
    const ids = sections.parts.flatMap((part) => part.sections.map((section) => section.id));
    const browser = await launchBrowser();
    const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 390, height: 844 } });

    try {
      await page.goto(`${inject("appUrl")}/notes#volume-postgres`);

      for (const id of ids) expect(await page.locator(`article[id="${id}"] .card-body`).count(), id).toBe(1);

      await page.locator("#volume-postgres").screenshot({ path: screenshotPath("notes-section-zh-phone") });
    } finally {
      await browser.close();
    }
  });
});
