import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CardInput } from "@/lib/content/card-schema";
import { loadContent } from "@/lib/content/load-content";
import { launchBrowser, screenshotPath } from "../support/browser";

// Answers the question on screen right or wrong, knowing the card from the
// content files, the way a learner would: by clicking and typing.
async function answerOnScreen(page: Page, card: CardInput, correct: boolean) {
  const question = page.getByTestId("quiz-question");

  switch (card.kind) {
    case "choice": {
      const option = correct ? card.answer : (card.answer + 1) % card.options.length;

      await question.locator(`[data-option="${option}"]`).click();
      break;
    }
    case "truefalse":
      await question.locator(`[data-value="${String(correct ? card.answer : !card.answer)}"]`).click();
      break;
    case "typing":
      await question.locator("input[name=typed]").fill(correct ? card.answer : "docker ps");
      await question.locator("button[type=submit]").click();
      break;
    case "spot_error": {
      const line = correct ? card.errorLine : card.errorLine === 1 ? 2 : 1;

      await question.locator(`[data-line="${line}"]`).click();
      break;
    }
    case "order": {
      if (correct) {
        for (let target = 0; target < card.steps.length; target++) {
          for (;;) {
            const indices = await question
              .locator("[data-step]")
              .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-step"))));
            const at = indices.indexOf(target);

            if (at === target) break;
            await question.locator(`[data-step="${target}"] button`).first().click();
          }
        }
      }

      await question.getByRole("button", { name: /提交答案|Check/ }).click();
      break;
    }
    default:
      await question.getByRole("button", { name: /显示答案|Show answer/ }).click();
      await question.getByRole("button", { name: correct ? /我答对了|I got it/ : /我没答对|I missed it/ }).click();
  }

  await page.getByTestId("quiz-feedback").waitFor();
}

describe("quiz in the browser", () => {
  let browser: Browser;
  let cards: Map<string, CardInput>;

  beforeAll(async () => {
    browser = await launchBrowser();
    cards = new Map(
      (await loadContent("content")).topics.flatMap((topic) => topic.cards.map((card) => [card.id, card])),
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("runs a misconception drill where a wrong answer comes back later and is then answered right", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    await page.goto(`${inject("appUrl")}/signup?next=/quiz`);
    await page.fill("input[name=email]", `drill-${randomUUID()}@example.com`);
    await page.fill("input[name=password]", "a long enough password");
    await page.click("main button[type=submit]");
    await page.waitForURL((url) => url.pathname === "/quiz");

    await page.getByLabel(/我的易错点/).check();
    await page.getByRole("button", { name: "开始" }).click();
    await page.waitForURL(/\/quiz\/[0-9a-f-]{36}$/);

    const question = page.getByTestId("quiz-question");

    await question.waitFor();

    const missedId = (await question.getAttribute("data-card-id")) as string;
    const missed = cards.get(missedId);

    if (!missed) throw new Error(`card ${missedId} is not in content/`);

    await answerOnScreen(page, missed, false);
    expect(await page.getByTestId("quiz-feedback").getAttribute("data-correct")).toBe("false");
    expect(await page.locator('[data-grade="1"]').getAttribute("aria-pressed")).toBe("true");
    await page.screenshot({ path: screenshotPath("quiz-feedback-zh-phone"), fullPage: true });

    await page.getByTestId("quiz-next").click();
    await expect.poll(() => question.getAttribute("data-card-id"), { timeout: 20_000 }).not.toBe(missedId);

    const seenBeforeReturn: string[] = [];

    for (let guard = 0; guard < 6; guard++) {
      const id = (await question.getAttribute("data-card-id")) as string;

      if (id === missedId) break;

      seenBeforeReturn.push(id);
      await answerOnScreen(page, cards.get(id) as CardInput, true);
      expect(await page.getByTestId("quiz-feedback").getAttribute("data-correct")).toBe("true");
      await page.getByTestId("quiz-next").click();
      await expect.poll(() => question.getAttribute("data-card-id"), { timeout: 20_000 }).not.toBe(id);
    }

    expect(seenBeforeReturn).toHaveLength(3);
    expect(await question.getAttribute("data-card-id")).toBe(missedId);

    await answerOnScreen(page, missed, true);
    expect(await page.getByTestId("quiz-feedback").getAttribute("data-correct")).toBe("true");
    await page.getByTestId("quiz-next").click();
    await expect.poll(() => question.getAttribute("data-card-id"), { timeout: 20_000 }).not.toBe(missedId);

    // Every graded answer went into the schedule: the cards answered are no
    // longer new, and the missed one is in learning.
    const remaining = await page.evaluate(async () => {
      const response = await fetch("/api/review/queue?limit=1");

      return ((await response.json()) as { remaining: { new: number; learning: number } }).remaining;
    });

    expect(remaining.new).toBe(20 - 4);
    expect(remaining.learning).toBeGreaterThanOrEqual(1);

    await context.close();
  });
});
