import { parseCardFields } from "../cards/card-fields";
import { RENDERABLE_CARD_SELECT, renderCard } from "../cards/render-card";
import { sectionHeadings } from "../content/section-headings";
import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import type { Locale } from "../i18n/messages";
import { type QuizQuestion, renderQuestion } from "./render-question";

export type QuizItemView = {
  itemId: string;
  cardId: string;
  topicId: string;
  // In the quiz's language.
  topicTitle: string;
  question: QuizQuestion;
  // Present once the answer was checked.
  checked: null | {
    correct: boolean;
    answerHtml: string;
    explanationHtml: string;
    section: string;
    sectionHeading: string;
  };
  grade: number | null;
};

export type QuizView = {
  id: string;
  mode: "topics" | "mistakes";
  startedAt: string;
  finishedAt: string | null;
  items: QuizItemView[];
};

export async function getQuiz(options: {
  prisma: PrismaClient;
  userId: string;
  quizId: string;
  locale: Locale;
}): Promise<QuizView> {
  const quiz = await options.prisma.quiz.findFirst({
    where: { id: options.quizId, userId: options.userId },
    include: {
      items: {
        orderBy: { position: "asc" },
        include: {
          card: {
            select: { ...RENDERABLE_CARD_SELECT, topic: { select: { titleZh: true, titleEn: true } } },
          },
        },
      },
    },
  });

  if (!quiz) throw new AppError("not_found", "no such quiz");

  const headings = sectionHeadings();

  return {
    id: quiz.id,
    mode: quiz.mode,
    startedAt: quiz.startedAt.toISOString(),
    finishedAt: quiz.finishedAt?.toISOString() ?? null,
    items: quiz.items.map((item) => {
      const fields = parseCardFields(item.card.kind, item.card.fields);
      const rendered = item.correct === null ? null : renderCard(item.card, options.locale);

      return {
        itemId: item.id,
        cardId: item.cardId,
        topicId: item.card.topicId,
        topicTitle: options.locale === "zh" ? item.card.topic.titleZh : item.card.topic.titleEn,
        question: renderQuestion({ card: item.card, fields, locale: options.locale }),
        checked:
          item.correct === null || !rendered
            ? null
            : {
                correct: item.correct,
                answerHtml: rendered.backHtml,
                explanationHtml: rendered.explanationHtml,
                section: item.card.section,
                sectionHeading: headings.get(item.card.section) ?? item.card.section,
              },
        grade: item.grade,
      };
    }),
  };
}
