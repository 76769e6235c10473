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

// Reviews of cards that left the deck (the card or its topic retired) are
// left out of the statistics. Listing those few card ids once is far cheaper
// than joining every review to its card and topic.
export function liveCardReviewSql(review: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${review}."cardId" NOT IN (
    SELECT c."id" FROM "Card" c JOIN "Topic" t ON t."id" = c."topicId"
    WHERE c."retiredAt" IS NOT NULL OR t."retiredAt" IS NOT NULL)`;
}
