import { RENDERABLE_CARD_SELECT, renderCard } from "../cards/render-card";
import { sectionHeadings } from "../content/section-headings";
import type { PrismaClient } from "../generated/prisma/client";
import type { Locale } from "../i18n/messages";
import { buildQueue } from "../srs/build-queue";
import { formatInterval } from "../srs/format-interval";
import { previewGrades } from "../srs/preview-grades";
import { CARD_STATE, GRADES, type Grade, type UserDay } from "../srs/types";
import { dayWindow } from "../srs/user-day";
import { loadUserSettings } from "./load-user-settings";
import { srsStateOf } from "./state-snapshot";

export type QueueCard = {
  id: string;
  topicId: string;
  kind: string;
  stage: "new" | "learning" | "review";
  version: number;
  frontHtml: string;
  backHtml: string;
  explanationHtml: string;
  section: string;
  sectionHeading: string;
  previews: Record<Grade, { due: string; label: string }>;
};

export type ReviewQueue = {
  cards: QueueCard[];
  remaining: { new: number; learning: number; review: number };
  // When the first card after today's queue comes up; null if none is scheduled.
  nextDue: string | null;
  dayKey: string;
};

const LEARNING_STATES = [CARD_STATE.Learning, CARD_STATE.Relearning];

// The next few cards to show (not the whole queue) with their rendered faces
// and the interval each grade would give, plus what is left today.
export async function getReviewQueue(options: {
  prisma: PrismaClient;
  userId: string;
  now: Date;
  locale: Locale;
  limit: number;
  exclude?: string[];
}): Promise<ReviewQueue> {
  const { prisma, userId, now, locale } = options;
  const settings = await loadUserSettings({ prisma, userId });
  const day = dayWindow({ now, ...settings.day });
  const doneToday = await countDoneToday({ prisma, userId, since: day.start });
  const reviewRoom = Math.max(0, settings.limits.reviewsPerDay - doneToday.reviews);
  const newRoom = Math.max(0, settings.limits.newPerDay - doneToday.newCards);
  const exclude = options.exclude ?? [];
  // Only the first few of each kind are fetched; the counts come from one
  // aggregate, so a learner with thousands of due cards costs the same.
  const take = options.limit + exclude.length;

  const [counts, learning, reviews, newCards] = await Promise.all([
    prisma.$queryRaw<{ learning: bigint; reviews: bigint; nextLearning: Date | null }[]>`
      SELECT count(*) FILTER (WHERE cs."state" IN (1, 3)) AS "learning",
             count(*) FILTER (WHERE cs."state" = 2) AS "reviews",
             min(cs."due") FILTER (WHERE cs."state" IN (1, 3) AND cs."due" > ${now}::timestamptz) AS "nextLearning"
      FROM "CardState" cs
      WHERE cs."userId" = ${userId}::uuid AND NOT cs."suspended" AND cs."state" IN (1, 2, 3)
        AND cs."due" < ${day.end}::timestamptz
        AND cs."cardId" NOT IN (SELECT c."id" FROM "Card" c WHERE c."retiredAt" IS NOT NULL)
        AND NOT (cs."cardId" = ANY(${exclude}::text[]))`,
    prisma.cardState.findMany({
      where: {
        userId,
        suspended: false,
        state: { in: LEARNING_STATES },
        due: { lte: now },
        cardId: { notIn: exclude },
        card: { retiredAt: null },
      },
      select: { cardId: true, due: true },
      orderBy: { due: "asc" },
      take,
    }),
    prisma.cardState.findMany({
      where: {
        userId,
        suspended: false,
        state: CARD_STATE.Review,
        due: { lt: day.end },
        cardId: { notIn: exclude },
        card: { retiredAt: null },
      },
      select: { cardId: true, due: true },
      orderBy: { due: "asc" },
      take: Math.min(reviewRoom, take),
    }),
    prisma.card.findMany({
      where: {
        retiredAt: null,
        id: { notIn: exclude },
        // A card is new for the user while they have no state row for it.
        states: { none: { userId } },
      },
      select: { id: true },
      orderBy: { deckPosition: "asc" },
      take: newRoom,
    }),
  ]);

  const queue = buildQueue({
    now,
    day,
    learning,
    reviews,
    newCards: newCards.map((card) => ({ cardId: card.id })),
    doneToday,
    limits: settings.limits,
  });
  const aggregate = counts[0];
  const remaining = {
    learning: Number(aggregate?.learning ?? 0),
    review: Math.min(Number(aggregate?.reviews ?? 0), reviewRoom),
    new: queue.remaining.new,
  };
  const nextIds = queue.next.slice(0, options.limit);
  const cards = await loadQueueCards({
    prisma,
    userId,
    ids: nextIds,
    now,
    locale,
    settings: settings.scheduler,
    userDay: settings.day,
  });
  const nextDue =
    nextIds.length > 0
      ? null
      : await findNextDue({
          prisma,
          userId,
          day,
          queueLearningDue: aggregate?.nextLearning ?? null,
          newBlocked: newRoom === 0,
          settings: settings.day,
        });

  return { cards, remaining, nextDue: nextDue?.toISOString() ?? null, dayKey: day.key };
}

// Ratings today, in the user's day, by what the card was before: new cards
// introduced and reviews of cards in review count against the daily limits.
async function countDoneToday(options: { prisma: PrismaClient; userId: string; since: Date }) {
  const groups = await options.prisma.reviewLog.groupBy({
    by: ["stateBefore"],
    where: { userId: options.userId, reviewedAt: { gte: options.since }, undoneAt: null },
    _count: { _all: true },
  });
  const count = (state: number) => groups.find((group) => group.stateBefore === state)?._count._all ?? 0;

  return { newCards: count(CARD_STATE.New), reviews: count(CARD_STATE.Review) };
}

async function loadQueueCards(options: {
  prisma: PrismaClient;
  userId: string;
  ids: string[];
  now: Date;
  locale: Locale;
  settings: Parameters<typeof previewGrades>[0]["settings"];
  userDay: UserDay;
}): Promise<QueueCard[]> {
  if (options.ids.length === 0) return [];

  const rows = await options.prisma.card.findMany({
    where: { id: { in: options.ids } },
    select: { ...RENDERABLE_CARD_SELECT, states: { where: { userId: options.userId } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const headings = sectionHeadings();

  return options.ids.flatMap((id) => {
    const row = byId.get(id);

    if (!row) return [];

    const state = row.states[0] ?? null;
    const srsState = state && state.state !== CARD_STATE.New ? srsStateOf(state) : null;
    const previews = previewGrades({
      cardId: id,
      state: srsState,
      now: options.now,
      settings: options.settings,
      userDay: options.userDay,
    });
    const rendered = renderCard(row, options.locale);

    return [
      {
        id,
        topicId: row.topicId,
        kind: row.kind,
        stage: !srsState ? "new" : srsState.state === CARD_STATE.Review ? "review" : "learning",
        version: state?.version ?? 0,
        ...rendered,
        section: row.section,
        sectionHeading: headings.get(row.section) ?? row.section,
        previews: Object.fromEntries(
          GRADES.map((grade) => [
            grade,
            {
              due: previews[grade].due.toISOString(),
              label: formatInterval(previews[grade].intervalMs, options.locale),
            },
          ]),
        ) as QueueCard["previews"],
      },
    ];
  });
}

async function findNextDue(options: {
  prisma: PrismaClient;
  userId: string;
  day: { end: Date };
  queueLearningDue: Date | null;
  newBlocked: boolean;
  settings: { timeZone: string; dayStartHour: number };
}): Promise<Date | null> {
  const upcoming = await options.prisma.cardState.findFirst({
    where: {
      userId: options.userId,
      suspended: false,
      state: { not: CARD_STATE.New },
      due: { gte: options.day.end },
      card: { retiredAt: null },
    },
    select: { due: true, state: true },
    orderBy: { due: "asc" },
  });
  const candidates: Date[] = [];

  if (options.queueLearningDue) candidates.push(options.queueLearningDue);

  if (upcoming) {
    // A review card comes up at the start of the day it is due on.
    candidates.push(
      upcoming.state === CARD_STATE.Review ? dayWindow({ now: upcoming.due, ...options.settings }).start : upcoming.due,
    );
  }

  if (options.newBlocked) candidates.push(options.day.end);

  return candidates.length > 0 ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
}
