import { computeDecayFactor, default_w } from "ts-fsrs";
import { Prisma } from "../generated/prisma/client";

// FSRS-6 forgetting curve with the default decay (w[20]), exactly as ts-fsrs 5
// computes it in `get_retrievability`: R(t, S) = (1 + FACTOR · t / S)^DECAY
// with DECAY = -w[20] and FACTOR = 0.9^(1 / DECAY) - 1 (so R(S, S) = 0.9).
// Taken from the library rather than copied, so an upgrade carries over.
export const { decay: RECALL_DECAY, factor: RECALL_FACTOR } = computeDecayFactor(default_w);

const SECONDS_PER_DAY = 86_400;

// SQL for the predicted recall at `now` of a card reviewed at `lastReview`
// with `stability` days, matching lib/srs/retrievability.ts: t is whole
// 24-hour periods (floored, never negative), stability rounded to 8 places
// as ts-fsrs does, and the result rounded to 8 places. NULL when lastReview is.
export function recallSql(options: { now: Date; lastReview: Prisma.Sql; stability: Prisma.Sql }): Prisma.Sql {
  const { now, lastReview, stability } = options;
  const elapsedDays = Prisma.sql`greatest(floor(extract(epoch FROM (${now}::timestamptz - ${lastReview})) / ${SECONDS_PER_DAY}::int), 0)::float8`;
  const roundedStability = Prisma.sql`round((${stability})::numeric, 8)::float8`;

  return Prisma.sql`round(power(1 + ${RECALL_FACTOR}::float8 * ${elapsedDays} / ${roundedStability}, ${RECALL_DECAY}::float8)::numeric, 8)::float8`;
}
