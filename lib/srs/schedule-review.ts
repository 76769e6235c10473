import { createScheduler, fromFsrsCard, toFsrsGrade, toSeededCard } from "./fsrs-boundary";
import { type ResolvedSettings, resolveSettings } from "./resolve-settings";
import { CARD_STATE, type Grade, type ScheduleResult, type SchedulerSettings, type SrsCardState } from "./types";

export type ScheduleReviewOptions = {
  cardId: string;
  // null: the card has never been rated by this user.
  state: SrsCardState | null;
  grade: Grade;
  now: Date;
  settings: SchedulerSettings;
};

export function scheduleReview({ cardId, state, grade, now, settings }: ScheduleReviewOptions): ScheduleResult {
  if (Number.isNaN(now.getTime())) throw new RangeError("now is an invalid date");

  const resolved = resolveSettings(settings);
  const card = toSeededCard({ cardId, state: fitLearningStep(state, resolved), now });

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
