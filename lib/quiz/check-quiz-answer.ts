import { parseCardFields } from "../cards/card-fields";
import { renderCard } from "../cards/render-card";
import { sectionHeadings } from "../content/section-headings";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import type { Locale } from "../i18n/messages";
import { findQuizItem } from "./find-quiz-item";
import { gradeAnswer } from "./grade-answer";
import { quizGrade } from "./grade-rating";
import type { QuizAnswer } from "./quiz-answer-schema";

export type QuizFeedback = {
  itemId: string;
  correct: boolean;
  // The grade the answer suggests; the learner may change it before saving.
  suggestedGrade: 1 | 2 | 3;
  answerHtml: string;
  explanationHtml: string;
  section: string;
  sectionHeading: string;
};

// Grades an answer and records it on the quiz item. Nothing reaches the
// scheduler yet: that happens when the learner confirms the grade.
export async function checkQuizAnswer(options: {
  prisma: PrismaClient;
  userId: string;
  quizId: string;
  itemId: string;
  answer: QuizAnswer;
  durationMs: number;
  locale: Locale;
}): Promise<QuizFeedback> {
  const { prisma } = options;
  const item = await findQuizItem(options);

  if (item.reviewId) throw new AppError("conflict", "this question is already graded");

  const fields = parseCardFields(item.card.kind, item.card.fields);
  const { correct } = gradeAnswer(fields, options.answer);

  await prisma.quizItem.update({
    where: { id: item.id },
    data: { answer: options.answer, correct, durationMs: options.durationMs },
  });

  const rendered = renderCard(item.card, options.locale);

  return {
    itemId: item.id,
    correct,
    suggestedGrade: quizGrade({ correct, kind: fields.kind, durationMs: options.durationMs }),
    answerHtml: rendered.backHtml,
    explanationHtml: rendered.explanationHtml,
    section: item.card.section,
    sectionHeading: sectionHeadings().get(item.card.section) ?? item.card.section,
  };
}
