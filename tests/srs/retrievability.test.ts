import { describe, expect, it } from "vitest";
import { CARD_STATE, DAY, retrievability, type SrsCardState } from "@/lib/srs";

const lastReview = new Date("2026-01-05T09:00:00.000Z");

const reviewed: SrsCardState = {
  state: CARD_STATE.Review,
  due: new Date(lastReview.getTime() + 10 * DAY),
  stability: 10,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: 10,
  learningSteps: 0,
  reps: 3,
  lapses: 0,
  lastReview,
};

describe("retrievability", () => {
  it("is 0 for a card never studied", () => {
    expect(retrievability({ state: null, now: lastReview })).toBe(0);
    expect(retrievability({ state: { ...reviewed, state: CARD_STATE.New, lastReview: null }, now: lastReview })).toBe(
      0,
    );
  });

  it("is 1 right after a review", () => {
    expect(retrievability({ state: reviewed, now: lastReview })).toBe(1);
  });

  it("is 0.9 once as many days have passed as the stability (its definition)", () => {
    expect(retrievability({ state: reviewed, now: reviewed.due })).toBeCloseTo(0.9, 6);
  });

  it("keeps falling after that", () => {
    const later = retrievability({ state: reviewed, now: new Date(lastReview.getTime() + 30 * DAY) });

    expect(later).toBeLessThan(0.9);
    expect(later).toBeGreaterThan(0);
  });

  it("refuses a studied card without a last review", () => {
    expect(() => retrievability({ state: { ...reviewed, lastReview: null }, now: lastReview })).toThrow(RangeError);
  });
});
