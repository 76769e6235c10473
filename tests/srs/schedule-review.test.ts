import { describe, expect, it } from "vitest";
import {
  CARD_STATE,
  DAY,
  GRADE,
  GRADES,
  type Grade,
  MINUTE,
  previewGrades,
  type SchedulerSettings,
  type SrsCardState,
  scheduleReview,
} from "@/lib/srs";

const SETTINGS: SchedulerSettings = {
  desiredRetention: 0.9,
  learningSteps: "1m 10m",
  relearningSteps: "10m",
  maximumInterval: 36500,
};

const T0 = new Date("2026-01-05T09:00:00.000Z");

const at = (offset: number) => new Date(T0.getTime() + offset);

// What the database keeps between two requests: plain columns, dates as text.
function throughDatabase(state: SrsCardState): SrsCardState {
  const row = JSON.parse(JSON.stringify(state)) as Record<keyof SrsCardState, unknown>;

  return {
    state: row.state as SrsCardState["state"],
    due: new Date(row.due as string),
    stability: row.stability as number,
    difficulty: row.difficulty as number,
    elapsedDays: row.elapsedDays as number,
    scheduledDays: row.scheduledDays as number,
    learningSteps: row.learningSteps as number,
    reps: row.reps as number,
    lapses: row.lapses as number,
    lastReview: row.lastReview === null ? null : new Date(row.lastReview as string),
  };
}

type Step = { at: Date; grade: Grade };

// Rates one card through `steps`, one request each, and records what matters.
function replay(steps: Step[], { cardId = "card-a", settings = SETTINGS } = {}) {
  let state: SrsCardState | null = null;
  const history = [];

  for (const step of steps) {
    const { after, scheduledDays } = scheduleReview({ cardId, state, grade: step.grade, now: step.at, settings });

    history.push({
      state: after.state,
      learningSteps: after.learningSteps,
      due: after.due.toISOString(),
      scheduledDays,
      reps: after.reps,
      lapses: after.lapses,
    });
    state = throughDatabase(after);
  }

  return { history, state };
}

const { New, Learning, Review, Relearning } = CARD_STATE;

describe("scheduleReview: golden sequences (1m 10m learning, 10m relearning, retention 0.9)", () => {
  it("Again on a new card: first learning step, back in 1 minute", () => {
    expect(replay([{ at: T0, grade: GRADE.Again }]).history).toEqual([
      { state: Learning, learningSteps: 0, due: "2026-01-05T09:01:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
    ]);
  });

  it("Hard on a new card: stays on the first step, back halfway between 1m and 10m (6m)", () => {
    expect(replay([{ at: T0, grade: GRADE.Hard }]).history).toEqual([
      { state: Learning, learningSteps: 0, due: "2026-01-05T09:06:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
    ]);
  });

  it("Good on a new card: moves to the 10m step", () => {
    expect(replay([{ at: T0, grade: GRADE.Good }]).history).toEqual([
      { state: Learning, learningSteps: 1, due: "2026-01-05T09:10:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
    ]);
  });

  it("Easy on a new card: skips the steps straight to review, about 8 days out", () => {
    expect(replay([{ at: T0, grade: GRADE.Easy }]).history).toEqual([
      { state: Review, learningSteps: 0, due: "2026-01-13T09:00:00.000Z", scheduledDays: 8, reps: 1, lapses: 0 },
    ]);
  });

  it("Good, Good: the step is kept between requests and the card graduates for 2 days", () => {
    const { history, state } = replay([
      { at: T0, grade: GRADE.Good },
      { at: at(10 * MINUTE), grade: GRADE.Good },
    ]);

    expect(history).toEqual([
      { state: Learning, learningSteps: 1, due: "2026-01-05T09:10:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
      { state: Review, learningSteps: 0, due: "2026-01-07T09:10:00.000Z", scheduledDays: 2, reps: 2, lapses: 0 },
    ]);
    expect(state?.lastReview?.toISOString()).toBe("2026-01-05T09:10:00.000Z");
  });

  it("Again, Good, Good: restarts at 1m, then 10m, then graduates for 1 day", () => {
    expect(
      replay([
        { at: T0, grade: GRADE.Again },
        { at: at(MINUTE), grade: GRADE.Good },
        { at: at(11 * MINUTE), grade: GRADE.Good },
      ]).history,
    ).toEqual([
      { state: Learning, learningSteps: 0, due: "2026-01-05T09:01:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
      { state: Learning, learningSteps: 1, due: "2026-01-05T09:11:00.000Z", scheduledDays: 0, reps: 2, lapses: 0 },
      { state: Review, learningSteps: 0, due: "2026-01-06T09:11:00.000Z", scheduledDays: 1, reps: 3, lapses: 0 },
    ]);
  });

  it("Hard on the second step repeats it at 6m, not 10m (ts-fsrs averages the first two steps)", () => {
    expect(
      replay([
        { at: T0, grade: GRADE.Good },
        { at: at(10 * MINUTE), grade: GRADE.Hard },
      ]).history,
    ).toEqual([
      { state: Learning, learningSteps: 1, due: "2026-01-05T09:10:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
      { state: Learning, learningSteps: 1, due: "2026-01-05T09:16:00.000Z", scheduledDays: 0, reps: 2, lapses: 0 },
    ]);
  });

  it("graduates, grows, lapses into relearning, and comes back to review", () => {
    const graduated = 10 * MINUTE;
    const firstReview = graduated + 2 * DAY;
    const lapse = firstReview + 12 * DAY;
    const relearned = lapse + 10 * MINUTE;

    expect(
      replay([
        { at: T0, grade: GRADE.Good },
        { at: at(graduated), grade: GRADE.Good },
        { at: at(firstReview), grade: GRADE.Good },
        { at: at(lapse), grade: GRADE.Again },
        { at: at(relearned), grade: GRADE.Good },
      ]).history,
    ).toEqual([
      { state: Learning, learningSteps: 1, due: "2026-01-05T09:10:00.000Z", scheduledDays: 0, reps: 1, lapses: 0 },
      { state: Review, learningSteps: 0, due: "2026-01-07T09:10:00.000Z", scheduledDays: 2, reps: 2, lapses: 0 },
      { state: Review, learningSteps: 0, due: "2026-01-16T09:10:00.000Z", scheduledDays: 9, reps: 3, lapses: 0 },
      { state: Relearning, learningSteps: 0, due: "2026-01-19T09:20:00.000Z", scheduledDays: 0, reps: 4, lapses: 1 },
      { state: Review, learningSteps: 0, due: "2026-01-21T09:20:00.000Z", scheduledDays: 2, reps: 5, lapses: 1 },
    ]);
  });

  it("counts a lapse only for Again in review, not for failing a (re)learning step", () => {
    const lapse = 10 * MINUTE + 2 * DAY;

    expect(
      replay([
        { at: T0, grade: GRADE.Again },
        { at: at(MINUTE), grade: GRADE.Good },
        { at: at(10 * MINUTE), grade: GRADE.Good },
        { at: at(lapse), grade: GRADE.Again },
        { at: at(lapse + 10 * MINUTE), grade: GRADE.Again },
        { at: at(lapse + 20 * MINUTE), grade: GRADE.Hard },
        { at: at(lapse + 35 * MINUTE), grade: GRADE.Good },
      ]).history.map(({ state, due, lapses }) => ({ state, due, lapses })),
    ).toEqual([
      { state: Learning, due: "2026-01-05T09:01:00.000Z", lapses: 0 },
      { state: Learning, due: "2026-01-05T09:11:00.000Z", lapses: 0 },
      { state: Review, due: "2026-01-06T09:10:00.000Z", lapses: 0 },
      { state: Relearning, due: "2026-01-07T09:20:00.000Z", lapses: 1 },
      { state: Relearning, due: "2026-01-07T09:30:00.000Z", lapses: 1 },
      { state: Relearning, due: "2026-01-07T09:45:00.000Z", lapses: 1 },
      { state: Review, due: "2026-01-08T09:45:00.000Z", lapses: 1 },
    ]);
  });
});

describe("scheduleReview: fuzz seeded by card id", () => {
  const twoDaysIntoReview = (cardId: string) =>
    replay(
      [
        { at: T0, grade: GRADE.Good },
        { at: at(10 * MINUTE), grade: GRADE.Good },
      ],
      { cardId },
    ).state;

  it("gives the same card in the same state, rated the same way at the same time, the same interval", () => {
    const state = twoDaysIntoReview("card-a");
    const now = at(10 * MINUTE + 2 * DAY);
    const first = scheduleReview({ cardId: "card-a", state, grade: GRADE.Good, now, settings: SETTINGS });

    for (const other of ["card-b", "card-c", "card-d"]) {
      scheduleReview({ cardId: other, state, grade: GRADE.Good, now, settings: SETTINGS });
    }
    const again = scheduleReview({ cardId: "card-a", state, grade: GRADE.Good, now, settings: SETTINGS });

    expect(again).toEqual(first);
    expect(first.scheduledDays).toBe(9);
  });

  it("spreads cards that are otherwise identical over the fuzz range (base interval 11 days)", () => {
    const now = at(10 * MINUTE + 2 * DAY);
    const intervals = ["card-a", "card-b", "card-c", "card-d"].map(
      (cardId) =>
        scheduleReview({ cardId, state: twoDaysIntoReview(cardId), grade: GRADE.Good, now, settings: SETTINGS })
          .scheduledDays,
    );

    expect(intervals).toEqual([9, 10, 11, 13]);
  });

  it("does not fuzz by the clock: an Easy first rating an hour later lands an hour later", () => {
    const rate = (now: Date) =>
      scheduleReview({ cardId: "card-b", state: null, grade: GRADE.Easy, now, settings: SETTINGS }).after;

    expect(rate(T0).scheduledDays).toBe(7);
    expect(rate(at(60 * MINUTE)).scheduledDays).toBe(7);
  });
});

describe("previewGrades", () => {
  const states: Array<[string, SrsCardState | null]> = [
    ["new", null],
    ["learning", replay([{ at: T0, grade: GRADE.Good }]).state],
    [
      "review",
      replay([
        { at: T0, grade: GRADE.Good },
        { at: at(10 * MINUTE), grade: GRADE.Good },
      ]).state,
    ],
  ];

  it.each(states)("equals what scheduleReview gives for each grade (%s card)", (_, state) => {
    const now = at(3 * DAY);
    const preview = previewGrades({ cardId: "card-c", state, now, settings: SETTINGS });

    for (const grade of GRADES) {
      const { after } = scheduleReview({ cardId: "card-c", state, grade, now, settings: SETTINGS });

      expect(preview[grade]).toEqual({ due: after.due, intervalMs: after.due.getTime() - now.getTime() });
    }
  });

  it("shows 1m, 6m, 10m and 8 days for a new card", () => {
    const preview = previewGrades({ cardId: "card-a", state: null, now: T0, settings: SETTINGS });

    expect(GRADES.map((grade) => preview[grade].intervalMs)).toEqual([MINUTE, 6 * MINUTE, 10 * MINUTE, 8 * DAY]);
  });
});

describe("scheduleReview: settings", () => {
  it("uses the learner's steps", () => {
    const settings = { ...SETTINGS, learningSteps: "5m 1h 1d" };

    expect(
      replay(
        [
          { at: T0, grade: GRADE.Good },
          { at: at(60 * MINUTE), grade: GRADE.Good },
        ],
        { settings },
      ).history.map(({ state, learningSteps, due }) => ({ state, learningSteps, due })),
    ).toEqual([
      { state: Learning, learningSteps: 1, due: "2026-01-05T10:00:00.000Z" },
      // A step of a day or more hands the card to review, on the step's schedule.
      { state: Review, learningSteps: 2, due: "2026-01-06T10:00:00.000Z" },
    ]);
  });

  it("lets FSRS schedule from the first rating when there are no learning steps", () => {
    const { after } = scheduleReview({
      cardId: "card-a",
      state: null,
      grade: GRADE.Good,
      now: T0,
      settings: { ...SETTINGS, learningSteps: "" },
    });

    expect({ state: after.state, scheduledDays: after.scheduledDays }).toEqual({ state: Review, scheduledDays: 2 });
  });

  it("keeps Again a failure when the learner has since removed the step the card was on", () => {
    const onSecondStep = replay([{ at: T0, grade: GRADE.Good }]).state;
    const { after } = scheduleReview({
      cardId: "card-a",
      state: onSecondStep,
      grade: GRADE.Again,
      now: at(10 * MINUTE),
      settings: { ...SETTINGS, learningSteps: "5m" },
    });

    expect({ state: after.state, learningSteps: after.learningSteps, due: after.due.toISOString() }).toEqual({
      state: Learning,
      learningSteps: 0,
      due: "2026-01-05T09:15:00.000Z",
    });
  });

  it("caps intervals at the maximum interval", () => {
    const { after } = scheduleReview({
      cardId: "card-a",
      state: null,
      grade: GRADE.Easy,
      now: T0,
      settings: { ...SETTINGS, maximumInterval: 3 },
    });

    expect(after.scheduledDays).toBe(3);
  });

  it("gives longer intervals at lower desired retention", () => {
    const easyDays = (desiredRetention: number) =>
      scheduleReview({
        cardId: "card-a",
        state: null,
        grade: GRADE.Easy,
        now: T0,
        settings: { ...SETTINGS, desiredRetention },
      }).scheduledDays;

    expect(easyDays(0.8)).toBeGreaterThan(easyDays(0.9));
    expect(easyDays(0.95)).toBeLessThan(easyDays(0.9));
  });

  it.each([
    ["a retention of 0", { desiredRetention: 0 }],
    ["a retention above 0.99", { desiredRetention: 1 }],
    ["a maximum interval of 0", { maximumInterval: 0 }],
    ["steps in seconds", { learningSteps: "30s" }],
    ["malformed relearning steps", { relearningSteps: "ten minutes" }],
  ])("refuses %s instead of falling back to a default", (_, change) => {
    expect(() =>
      scheduleReview({
        cardId: "card-a",
        state: null,
        grade: GRADE.Good,
        now: T0,
        settings: { ...SETTINGS, ...change },
      }),
    ).toThrow(RangeError);
  });

  it("starts a never-rated card from an empty New card", () => {
    const { after, elapsedDays } = scheduleReview({
      cardId: "card-a",
      state: null,
      grade: GRADE.Good,
      now: T0,
      settings: SETTINGS,
    });

    expect(after.state).not.toBe(New);
    expect(after.lastReview).toEqual(T0);
    expect(elapsedDays).toBe(0);
  });
});

describe("scheduleReview: elapsed days", () => {
  const shanghai = { timeZone: "Asia/Shanghai", dayStartHour: 4 };
  const reviewedAt = (lastReview: Date): SrsCardState => ({
    state: Review,
    due: lastReview,
    stability: 10,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    lastReview,
  });
  const elapsed = (lastReview: string, now: string, userDay?: typeof shanghai) =>
    scheduleReview({
      cardId: "card-a",
      state: reviewedAt(new Date(lastReview)),
      grade: GRADE.Good,
      now: new Date(now),
      settings: SETTINGS,
      userDay,
    }).elapsedDays;

  // 07:30 and 08:30 on the same Shanghai morning, either side of UTC midnight.
  it("counts the learner's days when given them, where ts-fsrs alone counts UTC dates", () => {
    expect(elapsed("2026-03-09T23:30:00.000Z", "2026-03-10T00:30:00.000Z")).toBe(1);
    expect(elapsed("2026-03-09T23:30:00.000Z", "2026-03-10T00:30:00.000Z", shanghai)).toBe(0);
  });

  // 03:00 and 05:00 local on the 10th: the same UTC date, but the learner's day turned at 04:00.
  it("counts the day that turns at dayStartHour", () => {
    expect(elapsed("2026-03-09T19:00:00.000Z", "2026-03-09T21:00:00.000Z")).toBe(0);
    expect(elapsed("2026-03-09T19:00:00.000Z", "2026-03-09T21:00:00.000Z", shanghai)).toBe(1);
  });

  it("grows stability only when a learner day has passed", () => {
    const stabilityAfter = (userDay?: typeof shanghai) =>
      scheduleReview({
        cardId: "card-a",
        state: reviewedAt(new Date("2026-03-09T23:30:00.000Z")),
        grade: GRADE.Good,
        now: new Date("2026-03-10T00:30:00.000Z"),
        settings: SETTINGS,
        userDay,
      }).after.stability;

    expect(stabilityAfter(shanghai)).toBe(10);
    expect(stabilityAfter()).toBeGreaterThan(10);
  });

  it("keeps the real review time as the new last review and leaves the input alone", () => {
    const state = reviewedAt(new Date("2026-03-09T23:30:00.000Z"));
    const before = JSON.stringify(state);
    const now = new Date("2026-03-12T00:30:00.000Z");
    const { after, elapsedDays } = scheduleReview({
      cardId: "card-a",
      state,
      grade: GRADE.Good,
      now,
      settings: SETTINGS,
      userDay: shanghai,
    });

    expect(elapsedDays).toBe(2);
    expect(after.lastReview).toEqual(now);
    expect(after.lastReview).not.toBe(now);
    expect(JSON.stringify(state)).toBe(before);
  });

  it("previews with the learner's days exactly as it schedules with them", () => {
    const state = reviewedAt(new Date("2026-03-09T23:30:00.000Z"));
    const now = new Date("2026-03-10T00:30:00.000Z");
    const preview = previewGrades({ cardId: "card-a", state, now, settings: SETTINGS, userDay: shanghai });

    for (const grade of GRADES) {
      const { after } = scheduleReview({ cardId: "card-a", state, grade, now, settings: SETTINGS, userDay: shanghai });

      expect(preview[grade].due).toEqual(after.due);
    }
  });
});
