import type { CardKind } from "../content/card-schema";
import { SECOND } from "../srs/time-units";
import { GRADE } from "../srs/types";

// A right answer that took longer than this is rated Hard instead of Good:
// the learner got there, but not from ready memory. Clicking an option or
// true/false is quick; reading a snippet, arranging steps or typing a command
// takes longer; revealing a qa or cloze card and judging oneself sits between.
export const HARD_AFTER_MS = {
  choice: 15 * SECOND,
  truefalse: 15 * SECOND,
  qa: 20 * SECOND,
  cloze: 20 * SECOND,
  spot_error: 30 * SECOND,
  order: 30 * SECOND,
  typing: 30 * SECOND,
} as const satisfies Record<CardKind, number>;

// A quiz never rates Easy: answering quickly and rightly is what Good means
// here, and Easy would stretch the interval on a single quick click.
export type QuizGrade = typeof GRADE.Again | typeof GRADE.Hard | typeof GRADE.Good;

export type QuizGradeOptions = { correct: boolean; kind: CardKind; durationMs: number };

// Wrong is Again; right is Good, or Hard when it took strictly longer than
// the kind's threshold (exactly the threshold is still Good).
export function quizGrade(options: QuizGradeOptions): QuizGrade {
  if (!options.correct) return GRADE.Again;

  return options.durationMs > HARD_AFTER_MS[options.kind] ? GRADE.Hard : GRADE.Good;
}
