import { DAY } from "./time-units";
import type { UserDay } from "./types";
import { dayKeyOf } from "./user-day";

export type LearnerDaysBetweenOptions = UserDay & { from: Date; to: Date };

// How many of the learner's day boundaries lie between two instants: 0 within
// one learner day, negative when `to` comes first.
export function learnerDaysBetween({ from, to, timeZone, dayStartHour }: LearnerDaysBetweenOptions): number {
  const fromKey = dayKeyOf({ at: from, timeZone, dayStartHour });
  const toKey = dayKeyOf({ at: to, timeZone, dayStartHour });

  return Math.round((keyToUtc(toKey) - keyToUtc(fromKey)) / DAY);
}

function keyToUtc(key: string): number {
  return Date.parse(`${key}T00:00:00Z`);
}
