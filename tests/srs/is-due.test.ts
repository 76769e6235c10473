import { describe, expect, it } from "vitest";
import { CARD_STATE, dayWindow, isAvailable, SECOND } from "@/lib/srs";

// Asia/Shanghai, day from 04:00: the day of 10 March runs 2026-03-09T20:00Z to 2026-03-10T20:00Z.
const userDay = { timeZone: "Asia/Shanghai", dayStartHour: 4 };
const dayStart = new Date("2026-03-09T20:00:00.000Z");
const day = dayWindow({ now: dayStart, ...userDay });

describe("isAvailable", () => {
  it("shows a review due at 18:00 local from the very start of that day", () => {
    const due = new Date("2026-03-10T10:00:00.000Z");

    expect(isAvailable({ state: { state: CARD_STATE.Review, due }, now: dayStart, day })).toBe(true);
  });

  it("keeps back a review due at the start of tomorrow", () => {
    expect(isAvailable({ state: { state: CARD_STATE.Review, due: day.end }, now: dayStart, day })).toBe(false);
    expect(
      isAvailable({ state: { state: CARD_STATE.Review, due: new Date(day.end.getTime() - 1) }, now: dayStart, day }),
    ).toBe(true);
  });

  it("shows an overdue review", () => {
    const due = new Date("2026-03-01T00:00:00.000Z");

    expect(isAvailable({ state: { state: CARD_STATE.Review, due }, now: dayStart, day })).toBe(true);
  });

  it.each([CARD_STATE.Learning, CARD_STATE.Relearning])(
    "holds a (re)learning card (state %i) until its exact due time",
    (state) => {
      const due = new Date("2026-03-10T02:10:00.000Z");

      expect(isAvailable({ state: { state, due }, now: new Date(due.getTime() - SECOND), day })).toBe(false);
      expect(isAvailable({ state: { state, due }, now: due, day })).toBe(true);
    },
  );

  it("leaves new cards to the daily limit", () => {
    expect(isAvailable({ state: { state: CARD_STATE.New, due: day.end }, now: dayStart, day })).toBe(true);
  });
});
