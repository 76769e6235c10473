import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { isLeech } from "../srs/is-leech";
import { scheduleReview } from "../srs/schedule-review";
import type { Grade } from "../srs/types";
import type { UserSettings } from "./load-user-settings";
import { type CardStateRow, type StateSnapshot, snapshotOf, srsStateOf, stateSnapshotSchema } from "./state-snapshot";

export type ReviewSource = "review" | "quiz";

export type SubmitReviewInput = {
  prisma: PrismaClient;
  userId: string;
  reviewId: string;
  cardId: string;
  grade: Grade;
  // The state version the client saw; 0 for a card it has never rated.
  expectedVersion: number;
  durationMs: number;
  source: ReviewSource;
  reviewedAt: Date;
};

export type SubmitReviewResult = {
  reviewId: string;
  cardId: string;
  state: StateSnapshot;
  becameLeech: boolean;
  replayed: boolean;
};

// Saves one rating. The write is a single statement that updates the card
// state only if its version is still the one the client saw and the review id
// is unused, and inserts the log in the same statement; no row lock is held
// across round trips. A replayed review id returns the first result.
export async function submitReview(input: SubmitReviewInput): Promise<SubmitReviewResult> {
  const { cardId } = input;
  const { settings, cardExists, current } = await readForReview(input);

  // A replay is recognised where it fails: its card state has moved on since
  // (or its id is taken), so the common path costs no lookup for it.
  const refuse = async (error: AppError) => {
    const earlier = await findEarlierResult(input);

    if (earlier) return earlier;

    throw error;
  };

  if (!cardExists) return refuse(new AppError("not_found", "no such card"));

  const currentVersion = current?.version ?? 0;

  if (currentVersion !== input.expectedVersion) {
    return refuse(new AppError("conflict", "the card changed since it was shown", { data: { currentVersion } }));
  }

  if (current?.suspended)
    return refuse(new AppError("conflict", "the card is suspended", { data: { currentVersion } }));

  const { after, elapsedDays, scheduledDays } = scheduleReview({
    cardId,
    state: current ? srsStateOf(current) : null,
    grade: input.grade,
    now: input.reviewedAt,
    settings: settings.scheduler,
    userDay: settings.day,
  });
  const becameLeech = !current?.leech && isLeech({ lapses: after.lapses, threshold: settings.leechThreshold });
  const next: CardStateRow = {
    ...after,
    suspended: becameLeech,
    leech: Boolean(current?.leech) || becameLeech,
    version: currentVersion + 1,
  };
  const written = await writeReview({ input, before: current, after: next, elapsedDays, scheduledDays });

  if (!written) {
    // Lost a race: either the same review id was saved meanwhile (a replay
    // that arrived twice) or another rating of this card won.
    const latest = await input.prisma.cardState.findUnique({
      where: { userId_cardId: { userId: input.userId, cardId } },
      select: { version: true },
    });

    return refuse(
      new AppError("conflict", "the card changed since it was shown", {
        data: { currentVersion: latest?.version ?? 0 },
      }),
    );
  }

  return { reviewId: input.reviewId, cardId, state: snapshotOf(next), becameLeech, replayed: false };
}

type ReviewReadRow = CardStateColumns & {
  desiredRetention: number;
  learningSteps: string;
  relearningSteps: string;
  maximumInterval: number;
  timeZone: string;
  dayStartHour: number;
  leechThreshold: number;
  cardExists: boolean;
};

type CardStateColumns = {
  stateValue: number | null;
  stateDue: Date | null;
  stability: number | null;
  difficulty: number | null;
  elapsedDays: number | null;
  scheduledDays: number | null;
  stateLearningSteps: number | null;
  reps: number | null;
  lapses: number | null;
  lastReview: Date | null;
  suspended: boolean | null;
  leech: boolean | null;
  version: number | null;
};

// The user's settings, whether the card is live, and the user's state of it,
// in one round trip.
async function readForReview(input: SubmitReviewInput): Promise<{
  settings: Pick<UserSettings, "scheduler" | "day" | "leechThreshold">;
  cardExists: boolean;
  current: CardStateRow | null;
}> {
  const rows = await input.prisma.$queryRaw<ReviewReadRow[]>`
    SELECT u."desiredRetention", u."learningSteps", u."relearningSteps", u."maximumInterval", u."timeZone",
           u."dayStartHour", u."leechThreshold", (c."id" IS NOT NULL) AS "cardExists",
           s."state" AS "stateValue", s."due" AS "stateDue", s."stability", s."difficulty", s."elapsedDays",
           s."scheduledDays", s."learningSteps" AS "stateLearningSteps", s."reps", s."lapses", s."lastReview",
           s."suspended", s."leech", s."version"
    FROM "User" u
    LEFT JOIN "Card" c ON c."id" = ${input.cardId} AND c."retiredAt" IS NULL
    LEFT JOIN "CardState" s ON s."userId" = u."id" AND s."cardId" = ${input.cardId}
    WHERE u."id" = ${input.userId}::uuid`;
  const row = rows[0];

  if (!row) throw new AppError("unauthorized", "the account for this session no longer exists");

  const current: CardStateRow | null =
    row.version === null || row.stateValue === null || row.stateDue === null
      ? null
      : {
          state: row.stateValue,
          due: row.stateDue,
          stability: row.stability ?? 0,
          difficulty: row.difficulty ?? 0,
          elapsedDays: row.elapsedDays ?? 0,
          scheduledDays: row.scheduledDays ?? 0,
          learningSteps: row.stateLearningSteps ?? 0,
          reps: row.reps ?? 0,
          lapses: row.lapses ?? 0,
          lastReview: row.lastReview,
          suspended: row.suspended ?? false,
          leech: row.leech ?? false,
          version: row.version,
        };

  return {
    settings: {
      scheduler: {
        desiredRetention: row.desiredRetention,
        learningSteps: row.learningSteps,
        relearningSteps: row.relearningSteps,
        maximumInterval: row.maximumInterval,
      },
      day: { timeZone: row.timeZone, dayStartHour: row.dayStartHour },
      leechThreshold: row.leechThreshold,
    },
    cardExists: row.cardExists,
    current,
  };
}

async function findEarlierResult(input: SubmitReviewInput): Promise<SubmitReviewResult | null> {
  const log = await input.prisma.reviewLog.findUnique({
    where: { id: input.reviewId },
    select: { userId: true, cardId: true, after: true },
  });

  if (!log) return null;

  // Another user's review id: refuse without saying anything about it.
  if (log.userId !== input.userId) throw new AppError("conflict", "this review id is already used");

  const state = stateSnapshotSchema.parse(log.after);

  return { reviewId: input.reviewId, cardId: log.cardId, state, becameLeech: false, replayed: true };
}

async function writeReview(options: {
  input: SubmitReviewInput;
  before: CardStateRow | null;
  after: CardStateRow;
  elapsedDays: number;
  scheduledDays: number;
}): Promise<boolean> {
  const { input, before, after, elapsedDays, scheduledDays } = options;
  const { prisma, userId, cardId, reviewId } = input;
  const beforeJson = before ? JSON.stringify(snapshotOf(before)) : null;
  const afterJson = JSON.stringify(snapshotOf(after));
  const stateBefore = before?.state ?? 0;

  const rows = before
    ? await prisma.$queryRaw<{ version: number | null }[]>`
        WITH written AS (
          UPDATE "CardState" SET
            "state" = ${after.state}, "due" = ${after.due}::timestamptz, "stability" = ${after.stability},
            "difficulty" = ${after.difficulty}, "elapsedDays" = ${after.elapsedDays},
            "scheduledDays" = ${after.scheduledDays}, "learningSteps" = ${after.learningSteps},
            "reps" = ${after.reps}, "lapses" = ${after.lapses}, "lastReview" = ${after.lastReview}::timestamptz,
            "suspended" = ${after.suspended}, "leech" = ${after.leech}, "version" = ${after.version},
            "updatedAt" = now()
          WHERE "userId" = ${userId}::uuid AND "cardId" = ${cardId} AND "version" = ${before.version}
            AND NOT EXISTS (SELECT 1 FROM "ReviewLog" WHERE "id" = ${reviewId}::uuid)
          RETURNING "version"
        ), logged AS (
          INSERT INTO "ReviewLog" ("id", "userId", "cardId", "rating", "source", "reviewedAt", "durationMs",
            "before", "after", "stateBefore", "stateAfter", "stabilityAfter", "difficultyAfter",
            "scheduledDays", "elapsedDays")
          SELECT ${reviewId}::uuid, ${userId}::uuid, ${cardId}, ${input.grade}, ${input.source}::"ReviewSource",
            ${input.reviewedAt}::timestamptz, ${input.durationMs}, ${beforeJson}::jsonb, ${afterJson}::jsonb,
            ${stateBefore}, ${after.state}, ${after.stability}, ${after.difficulty}, ${scheduledDays}, ${elapsedDays}
          FROM written
          RETURNING "id"
        )
        SELECT (SELECT "version" FROM written) AS version, (SELECT count(*) FROM logged) AS logged`
    : await prisma.$queryRaw<{ version: number | null }[]>`
        WITH written AS (
          INSERT INTO "CardState" ("id", "userId", "cardId", "state", "due", "stability", "difficulty",
            "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "lastReview", "suspended",
            "leech", "version", "updatedAt")
          SELECT ${randomUUID()}::uuid, ${userId}::uuid, ${cardId}, ${after.state}, ${after.due}::timestamptz,
            ${after.stability}, ${after.difficulty}, ${after.elapsedDays}, ${after.scheduledDays},
            ${after.learningSteps}, ${after.reps}, ${after.lapses}, ${after.lastReview}::timestamptz,
            ${after.suspended}, ${after.leech}, ${after.version}, now()
          WHERE NOT EXISTS (SELECT 1 FROM "ReviewLog" WHERE "id" = ${reviewId}::uuid)
          ON CONFLICT ("userId", "cardId") DO NOTHING
          RETURNING "version"
        ), logged AS (
          INSERT INTO "ReviewLog" ("id", "userId", "cardId", "rating", "source", "reviewedAt", "durationMs",
            "before", "after", "stateBefore", "stateAfter", "stabilityAfter", "difficultyAfter",
            "scheduledDays", "elapsedDays")
          SELECT ${reviewId}::uuid, ${userId}::uuid, ${cardId}, ${input.grade}, ${input.source}::"ReviewSource",
            ${input.reviewedAt}::timestamptz, ${input.durationMs}, NULL, ${afterJson}::jsonb,
            ${stateBefore}, ${after.state}, ${after.stability}, ${after.difficulty}, ${scheduledDays}, ${elapsedDays}
          FROM written
          RETURNING "id"
        )
        SELECT (SELECT "version" FROM written) AS version, (SELECT count(*) FROM logged) AS logged`;

  return rows[0]?.version !== null && rows[0]?.version !== undefined;
}
