import { isAvailable } from "./is-due";
import { CARD_STATE, type DayWindow, type QueueCandidate, type QueueResult } from "./types";

export type BuildQueueOptions = {
  now: Date;
  day: DayWindow;
  // Cards in Learning or Relearning.
  learning: QueueCandidate[];
  // Cards in Review.
  reviews: QueueCandidate[];
  // Never-rated cards, already in deck order.
  newCards: Array<{ cardId: string }>;
  doneToday: { newCards: number; reviews: number };
  limits: { newPerDay: number; reviewsPerDay: number };
};

// Learning steps that are up come first, since they are timed in minutes and
// go stale; then today's reviews, most overdue first; then new cards.
export function buildQueue({
  now,
  day,
  learning,
  reviews,
  newCards,
  doneToday,
  limits,
}: BuildQueueOptions): QueueResult {
  const isUp = (card: QueueCandidate) =>
    isAvailable({ state: { state: CARD_STATE.Learning, due: card.due }, now, day });
  const learningToday = learning.filter((card) => card.due.getTime() < day.end.getTime()).sort(byDue);
  const learningUp = learningToday.filter(isUp);
  const learningLater = learningToday.filter((card) => !isUp(card));

  const reviewRoom = Math.max(0, limits.reviewsPerDay - doneToday.reviews);
  const reviewsToday = reviews
    .filter((card) => isAvailable({ state: { state: CARD_STATE.Review, due: card.due }, now, day }))
    .sort(byDue)
    .slice(0, reviewRoom);

  const newRoom = Math.max(0, limits.newPerDay - doneToday.newCards);
  const newToday = newCards.slice(0, newRoom);

  return {
    next: [...learningUp, ...reviewsToday, ...newToday].map((card) => card.cardId),
    remaining: { learning: learningToday.length, review: reviewsToday.length, new: newToday.length },
    nextLearningDue: learningLater[0]?.due ?? null,
  };
}

// Ties go by card id so the order never depends on how the caller listed them.
function byDue(a: QueueCandidate, b: QueueCandidate): number {
  return a.due.getTime() - b.due.getTime() || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0);
}
