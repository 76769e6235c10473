import { z } from "zod";
import type { SrsCardState } from "../srs/types";

// A card state as stored in a review log (before and after a rating): every
// field the scheduler and the undo need, with dates as ISO strings.
export const stateSnapshotSchema = z.object({
  state: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  due: z.iso.datetime(),
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  lastReview: z.iso.datetime().nullable(),
  suspended: z.boolean(),
  leech: z.boolean(),
  version: z.number().int(),
});

export type StateSnapshot = z.infer<typeof stateSnapshotSchema>;

// A CardState row: the scheduler's fields (the state as the database stores
// it, a plain number) plus what the app keeps beside them.
export type CardStateRow = Omit<SrsCardState, "state"> & {
  state: number;
  suspended: boolean;
  leech: boolean;
  version: number;
};

export function snapshotOf(row: CardStateRow): StateSnapshot {
  const scheduled = srsStateOf(row);

  return {
    ...scheduled,
    due: scheduled.due.toISOString(),
    lastReview: scheduled.lastReview?.toISOString() ?? null,
    suspended: row.suspended,
    leech: row.leech,
    version: row.version,
  };
}

export function rowOf(snapshot: StateSnapshot): CardStateRow {
  return {
    ...snapshot,
    due: new Date(snapshot.due),
    lastReview: snapshot.lastReview ? new Date(snapshot.lastReview) : null,
  };
}

export function srsStateOf(row: CardStateRow): SrsCardState {
  return {
    state: toStateValue(row.state),
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.lastReview,
  };
}

function toStateValue(value: number): 0 | 1 | 2 | 3 {
  if (value === 0 || value === 1 || value === 2 || value === 3) return value;

  throw new Error(`card state ${value} is not one of 0–3`);
}
