import { fsrs } from "ts-fsrs";
import { toFsrsCard } from "./fsrs-boundary";
import { CARD_STATE, type SrsCardState } from "./types";

// Only the weights matter for recall, and every learner has the defaults.
const scheduler = fsrs();

export type RetrievabilityOptions = { state: SrsCardState | null; now: Date };

// Predicted probability of recall at `now`, 0 to 1; 0 for a card never studied.
// ts-fsrs counts the elapsed time here in whole 24-hour periods.
export function retrievability({ state, now }: RetrievabilityOptions): number {
  if (state === null || state.state === CARD_STATE.New) return 0;

  if (state.lastReview === null) throw new RangeError("a studied card must have a lastReview");

  return scheduler.get_retrievability(toFsrsCard(state), now, false);
}
