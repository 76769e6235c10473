import { createScheduler, fromFsrsCard, toFsrsGrade, toSeededCard } from "./fsrs-boundary";
import { learnerDaysBetween } from "./learner-days-between";
import { type ResolvedSettings, resolveSettings } from "./resolve-settings";
import { DAY } from "./time-units";
import {
  CARD_STATE,
  type Grade,
  type ScheduleResult,
  type SchedulerSettings,
  type SrsCardState,
  type UserDay,
} from "./types";

export type ScheduleReviewOptions = {
  cardId: string;
  // null: the card has never been rated by this user.
  state: SrsCardState | null;
  grade: Grade;
  now: Date;
  settings: SchedulerSettings;
  // Count elapsed days in the learner's days. Without it ts-fsrs counts UTC
  // calendar dates, which for a learner in UTC+8 turn over at 08:00 local.
  userDay?: UserDay;
};

export function scheduleReview({
  cardId,
  state,
  grade,
  now,
  settings,
  userDay,
}: ScheduleReviewOptions): ScheduleResult {
  if (Number.isNaN(now.getTime())) throw new RangeError("now is an invalid date");

  const resolved = resolveSettings(settings);
  const fitted = fitLearningStep(onLearnerDays(state, now, userDay), resolved);
  const card = toSeededCard({ cardId, state: fitted, now });

  const { card: next } = createScheduler(resolved).next(card, now, toFsrsGrade(grade));
  const after = fromFsrsCard(next);

  return { after, elapsedDays: after.elapsedDays, scheduledDays: after.scheduledDays };
}

// When the learner shortens their steps, a card can sit on a step that no
// longer exists. ts-fsrs then graduates it on every grade, Again included;
// treating it as being on the last remaining step keeps Again a failure.
function fitLearningStep(state: SrsCardState | null, settings: ResolvedSettings): SrsCardState | null {
  if (state === null) return null;

  const steps =
    state.state === CARD_STATE.Learning
      ? settings.learningSteps
      : state.state === CARD_STATE.Relearning
        ? settings.relearningSteps
        : [];

  if (steps.length === 0 || state.learningSteps < steps.length) return state;

  return { ...state, learningSteps: steps.length - 1 };
}

// ts-fsrs reads the last review only to count the days since it, between UTC
// dates. Moving it to the same clock time as `now`, as many learner days back
// as really passed, makes that count follow the learner's day boundary.
function onLearnerDays(state: SrsCardState | null, now: Date, userDay: UserDay | undefined): SrsCardState | null {
  if (userDay === undefined || state === null || state.lastReview === null) return state;

  const days = learnerDaysBetween({ from: state.lastReview, to: now, ...userDay });

  return { ...state, lastReview: new Date(now.getTime() - days * DAY) };
}
