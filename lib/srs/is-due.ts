import { CARD_STATE, type DayWindow, type SrsCardState } from "./types";

export type IsAvailableOptions = {
  state: Pick<SrsCardState, "state" | "due">;
  now: Date;
  day: DayWindow;
};

// A review counts in whole days: due at any time today means it can be shown
// from the start of today. A (re)learning step is minutes long, so it waits
// for its exact time. New cards are gated by the daily limit, not by a date.
export function isAvailable({ state, now, day }: IsAvailableOptions): boolean {
  switch (state.state) {
    case CARD_STATE.New:
      return true;
    case CARD_STATE.Review:
      return state.due.getTime() < day.end.getTime();
    case CARD_STATE.Learning:
    case CARD_STATE.Relearning:
      return state.due.getTime() <= now.getTime();
  }
}
