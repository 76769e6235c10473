import { describe, expect, it } from "vitest";
import { DAY, GRADE, type Grade, isLeech, MINUTE, type SrsCardState, scheduleReview } from "@/lib/srs";

const SETTINGS = { desiredRetention: 0.9, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500 };

describe("isLeech", () => {
  it.each([
    [7, 8, false],
    [8, 8, true],
    [9, 8, true],
    [0, 1, false],
    [1, 1, true],
  ])("%i lapses against a threshold of %i: %s", (lapses, threshold, expected) => {
    expect(isLeech({ lapses, threshold })).toBe(expected);
  });

  it("is off with a threshold of 0", () => {
    expect(isLeech({ lapses: 50, threshold: 0 })).toBe(false);
  });

  it("ignores failed learning steps and counts failed reviews", () => {
    let state: SrsCardState | null = null;
    let now = new Date("2026-01-05T09:00:00.000Z");
    const rate = (grade: Grade, wait: number) => {
      now = new Date(now.getTime() + wait);
      state = scheduleReview({ cardId: "leech-card", state, grade, now, settings: SETTINGS }).after;

      return state;
    };

    for (let i = 0; i < 5; i++) rate(GRADE.Again, MINUTE);
    expect(isLeech({ lapses: rate(GRADE.Again, MINUTE).lapses, threshold: 2 })).toBe(false);

    rate(GRADE.Good, MINUTE);
    rate(GRADE.Good, 10 * MINUTE);
    expect(isLeech({ lapses: rate(GRADE.Again, DAY).lapses, threshold: 2 })).toBe(false);

    rate(GRADE.Again, 10 * MINUTE);
    rate(GRADE.Good, 10 * MINUTE);
    expect(isLeech({ lapses: rate(GRADE.Again, DAY).lapses, threshold: 2 })).toBe(true);
  });
});
