import { userRoute } from "@/lib/http/handle-route";
import { getLocale } from "@/lib/i18n/get-locale";
import { checkQuizAnswer } from "@/lib/quiz/check-quiz-answer";
import { checkAnswerSchema, quizItemParamsSchema } from "@/lib/quiz/quiz-schemas";
import { getReadyPrisma } from "@/lib/startup/readiness";

// Grades an answer; the grade reaches the scheduler only when confirmed.
export const POST = userRoute<typeof checkAnswerSchema, { quizId: string; itemId: string }>(
  { body: checkAnswerSchema },
  async ({ body, params, userId }) =>
    checkQuizAnswer({
      prisma: await getReadyPrisma(),
      userId,
      ...quizItemParamsSchema.parse(params),
      ...body,
      locale: await getLocale(),
    }),
);
