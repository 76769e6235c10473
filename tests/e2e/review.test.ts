import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "../support/browser";

type Remaining = { new: number; learning: number; review: number };

async function remaining(page: Page): Promise<Remaining> {
  return page.evaluate(async () => {
    const response = await fetch("/api/review/queue?limit=1");

    return ((await response.json()) as { remaining: Remaining }).remaining;
  });
}

describe("daily review in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("signs up, reviews five cards by keyboard, undoes one, and finds the progress after a reload", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    await page.goto(`${inject("appUrl")}/signup`);
    await page.fill("input[name=email]", `reviewer-${randomUUID()}@example.com`);
    await page.fill("input[name=password]", "a long enough password");
    await page.click("main button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/review");

    const card = page.getByTestId("review-card");

    await card.waitFor();

    const start = await remaining(page);
    const seen: string[] = [];

    expect(start.new).toBe(20);

    for (let i = 0; i < 5; i++) {
      const id = await card.getAttribute("data-card-id");

      expect(id).toBeTruthy();
      expect(seen).not.toContain(id);
      seen.push(id as string);

      await page.keyboard.press(i % 2 === 0 ? "Space" : "Enter");
      await page.getByTestId("answer").waitFor();

      if (i === 0) await page.screenshot({ path: screenshotPath("review-answer-zh-phone"), fullPage: true });

      await page.keyboard.press("3");
      await expect.poll(() => card.getAttribute("data-card-id")).not.toBe(id);
    }

    await page.keyboard.press("z");
    await expect.poll(() => card.getAttribute("data-card-id")).toBe(seen[4]);
    expect(await page.getByTestId("counts").textContent()).toContain("学习中 4");
    await expect.poll(() => page.getByTestId("pending").count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: screenshotPath("review-after-undo-zh-phone"), fullPage: true });

    await page.reload();
    await card.waitFor();

    // Four Good ratings on new cards moved them into learning (10 minutes);
    // the undone one is new again and comes first.
    expect(await remaining(page)).toEqual({ new: 16, learning: 4, review: 0 });
    expect(await card.getAttribute("data-card-id")).toBe(seen[4]);
    expect(await page.getByTestId("counts").textContent()).toContain("新卡片 16");

    await context.close();
  });

  it("keeps a rating made while the server is unreachable and saves it after a reload", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();

    await page.goto(`${inject("appUrl")}/signup`);
    await page.fill("input[name=email]", `offline-${randomUUID()}@example.com`);
    await page.fill("input[name=password]", "a long enough password");
    await page.click("main button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/review");
    await page.getByTestId("review-card").waitFor();

    await page.route("**/api/review", (route) => route.abort("connectionfailed"));
    await page.keyboard.press("Space");
    await page.keyboard.press("4");
    await expect.poll(() => page.getByTestId("pending").textContent()).toMatch(/retrying|waiting/);
    await page.screenshot({ path: screenshotPath("review-pending-en"), fullPage: true });

    await page.unroute("**/api/review");
    await page.reload();
    await page.getByTestId("review-card").waitFor();
    await expect.poll(() => page.getByTestId("pending").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(async () => (await remaining(page)).new, { timeout: 20_000 }).toBe(19);

    await context.close();
  });
});
