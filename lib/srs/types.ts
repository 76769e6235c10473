// New, Learning, Review, Relearning: the same numbers as ts-fsrs `State`.
export type CardStateValue = 0 | 1 | 2 | 3;

export const CARD_STATE = {
  New: 0,
  Learning: 1,
  Review: 2,
  Relearning: 3,
} as const satisfies Record<string, CardStateValue>;

// One card's scheduling state for one user, exactly as the CardState columns hold it.
export type SrsCardState = {
  state: CardStateValue;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
};

// Again, Hard, Good, Easy.
export type Grade = 1 | 2 | 3 | 4;

export const GRADE = {
  Again: 1,
  Hard: 2,
  Good: 3,
  Easy: 4,
} as const satisfies Record<string, Grade>;

export const GRADES: readonly Grade[] = [GRADE.Again, GRADE.Hard, GRADE.Good, GRADE.Easy];

export type SchedulerSettings = {
  // 0.7–0.99
  desiredRetention: number;
  // Space-separated steps such as "1m 10m"; "" for none. See parse-steps.ts.
  learningSteps: string;
  relearningSteps: string;
  // Days.
  maximumInterval: number;
};

// IANA zone and the local hour (0–23) at which the learner's day starts.
export type UserDay = { timeZone: string; dayStartHour: number };

export type DayWindow = {
  start: Date;
  // Exclusive: the start of the next day.
  end: Date;
  // YYYY-MM-DD, the local date on which `start` falls.
  key: string;
};

export type ScheduleResult = {
  after: SrsCardState;
  // Days since the previous review: learner days when scheduleReview was
  // given a userDay, otherwise UTC calendar dates as ts-fsrs counts them.
  elapsedDays: number;
  scheduledDays: number;
};

export type GradePreview = { due: Date; intervalMs: number };

export type QueueCandidate = { cardId: string; due: Date };

export type QueueResult = {
  // Card ids in the order to show them.
  next: string[];
  // What is left today. `learning` also counts learning cards that come up
  // later today, which are not in `next` yet.
  remaining: { learning: number; review: number; new: number };
  nextLearningDue: Date | null;
};
