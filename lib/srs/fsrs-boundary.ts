// The one place that speaks ts-fsrs's snake_case shapes. Everything else in
// the project uses SrsCardState and the camelCase settings.
import {
  type Card,
  createEmptyCard,
  type FSRS,
  type Grade as FsrsGrade,
  fsrs,
  GenSeedStrategyWithCardId,
  Rating,
  State,
  StrategyMode,
} from "ts-fsrs";
import type { ResolvedSettings } from "./resolve-settings";
import { CARD_STATE, type CardStateValue, type Grade, type SrsCardState } from "./types";

// ts-fsrs reads the card id from this field of the card it is given.
const CARD_ID_FIELD = "card_id";

export type FsrsCard = Card & { [CARD_ID_FIELD]: string };

const TO_FSRS_STATE: Record<CardStateValue, State> = {
  [CARD_STATE.New]: State.New,
  [CARD_STATE.Learning]: State.Learning,
  [CARD_STATE.Review]: State.Review,
  [CARD_STATE.Relearning]: State.Relearning,
};

const FROM_FSRS_STATE: Record<State, CardStateValue> = {
  [State.New]: CARD_STATE.New,
  [State.Learning]: CARD_STATE.Learning,
  [State.Review]: CARD_STATE.Review,
  [State.Relearning]: CARD_STATE.Relearning,
};

const TO_FSRS_GRADE: Record<Grade, FsrsGrade> = {
  1: Rating.Again,
  2: Rating.Hard,
  3: Rating.Good,
  4: Rating.Easy,
};

// Fuzz is on, but its seed is the card id plus the card's review count, never
// the clock: the same card in the same state rated the same way gets the same
// interval however often the request is retried.
export function createScheduler(settings: ResolvedSettings): FSRS {
  const scheduler = fsrs({
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumInterval,
    enable_fuzz: true,
    enable_short_term: true,
    learning_steps: settings.learningSteps,
    relearning_steps: settings.relearningSteps,
  });

  // biome-ignore lint/correctness/useHookAtTopLevel: a ts-fsrs method named like a React hook, not a hook.
  return scheduler.useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId(CARD_ID_FIELD));
}

// A card without saved state is new, due from `now`. The id rides along for the seed.
export function toSeededCard({
  cardId,
  state,
  now,
}: {
  cardId: string;
  state: SrsCardState | null;
  now: Date;
}): FsrsCard {
  const card = state === null ? createEmptyCard(now) : toFsrsCard(state);

  return { ...card, [CARD_ID_FIELD]: cardId };
}

export function toFsrsCard(state: SrsCardState): Card {
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: TO_FSRS_STATE[state.state],
    last_review: state.lastReview ?? undefined,
  };
}

export function fromFsrsCard(card: Card): SrsCardState {
  return {
    state: FROM_FSRS_STATE[card.state],
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    // ts-fsrs hands back the caller's own `now` object as the last review.
    lastReview: card.last_review ? new Date(card.last_review) : null,
  };
}

export function toFsrsGrade(grade: Grade): FsrsGrade {
  return TO_FSRS_GRADE[grade];
}
