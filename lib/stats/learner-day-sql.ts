import { Prisma } from "../generated/prisma/client";

// SQL for the learner's calendar day (a `date`) that contains `at`, as
// lib/srs/user-day.ts defines it: the local wall time in `timeZone`, shifted
// back by dayStartHour so that 03:30 with a 4 o'clock start is still the
// previous day. The columns are passed in so the caller names its user alias.
export function learnerDaySql(options: { at: Prisma.Sql; timeZone: Prisma.Sql; dayStartHour: Prisma.Sql }): Prisma.Sql {
  const { at, timeZone, dayStartHour } = options;

  return Prisma.sql`((${at} AT TIME ZONE ${timeZone}) - make_interval(hours => ${dayStartHour}))::date`;
}

// The user's columns, for queries that alias "User" as u.
export const USER_TIME_ZONE = Prisma.sql`u."timeZone"`;
export const USER_DAY_START_HOUR = Prisma.sql`u."dayStartHour"`;

export function userLearnerDaySql(at: Prisma.Sql): Prisma.Sql {
  return learnerDaySql({ at, timeZone: USER_TIME_ZONE, dayStartHour: USER_DAY_START_HOUR });
}

// YYYY-MM-DD text, so no driver turns the date into a midnight-UTC Date.
export function dayKeySql(day: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${day}, 'YYYY-MM-DD')`;
}

// The user's review buckets (see ReviewBucket in the schema), each with the
// learner day it falls in and today's, from the last `days` learner days up
// to and including today; without `days`, every day up to today. Reviews of
// cards that later left the deck still count here: they were studied.
export function learnerDayBucketsSql(options: { userId: string; now: Date; days?: number }): Prisma.Sql {
  const { userId, now, days } = options;
  const day = userLearnerDaySql(Prisma.sql`b."bucketStart"`);
  const today = userLearnerDaySql(Prisma.sql`${now}::timestamptz`);

  // The bound on bucketStart only narrows the index scan: a learner day
  // starts at most a day and a time-zone offset before its UTC date, so two
  // spare days cover it. The day filter outside decides.
  const scan =
    days === undefined
      ? Prisma.empty
      : Prisma.sql`AND b."bucketStart" > ${now}::timestamptz - make_interval(days => ${days + 2}::int)`;
  const window = days === undefined ? Prisma.empty : Prisma.sql`AND x."day" > x."today" - ${days}::int`;

  return Prisma.sql`
    SELECT * FROM (
      SELECT b."topicId", b."reviews", b."again", b."hard", b."good", b."easy", b."durationMs",
        b."matureReviews", b."matureAgain", ${day} AS "day", ${today} AS "today"
      FROM "ReviewBucket" b
      JOIN "User" u ON u."id" = b."userId"
      WHERE b."userId" = ${userId}::uuid AND b."bucketStart" <= ${now}::timestamptz ${scan}
    ) x
    WHERE x."day" <= x."today" ${window}`;
}
