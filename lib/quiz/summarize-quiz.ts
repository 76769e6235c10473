// Pure: a quiz's result from its items. The score counts each card once, by
// its first answer, so asking a missed card again cannot raise the score.
export type QuizItemResult = {
  cardId: string;
  topicId: string;
  position: number;
  correct: boolean | null;
  durationMs: number | null;
};

export type QuizSummary = {
  cards: number;
  answered: number;
  firstTimeRight: number;
  score: number;
  timeMs: number;
  perTopic: Array<{ topicId: string; cards: number; firstTimeRight: number }>;
  missedCardIds: string[];
};

export function summarizeQuiz(items: QuizItemResult[]): QuizSummary {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  const first = new Map<string, QuizItemResult>();
  const missed = new Set<string>();

  for (const item of ordered) {
    if (!first.has(item.cardId)) first.set(item.cardId, item);
    if (item.correct === false) missed.add(item.cardId);
  }

  const firsts = [...first.values()];
  const answered = firsts.filter((item) => item.correct !== null);
  const right = answered.filter((item) => item.correct === true);
  const topics = new Map<string, { topicId: string; cards: number; firstTimeRight: number }>();

  for (const item of firsts) {
    const entry = topics.get(item.topicId) ?? { topicId: item.topicId, cards: 0, firstTimeRight: 0 };

    entry.cards++;
    if (item.correct === true) entry.firstTimeRight++;
    topics.set(item.topicId, entry);
  }

  return {
    cards: firsts.length,
    answered: answered.length,
    firstTimeRight: right.length,
    score: firsts.length === 0 ? 0 : right.length / firsts.length,
    timeMs: items.reduce((sum, item) => sum + (item.durationMs ?? 0), 0),
    perTopic: [...topics.values()].sort((a, b) => a.topicId.localeCompare(b.topicId)),
    missedCardIds: [...missed],
  };
}
