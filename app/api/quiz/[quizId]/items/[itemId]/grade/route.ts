import { userRoute } from "@/lib/http/handle-route";
import { quizItemParamsSchema, saveGradeSchema } from "@/lib/quiz/quiz-schemas";
import { saveQuizGrade } from "@/lib/quiz/save-quiz-grade";
import { getReadyPrisma } from "@/lib/startup/readiness";

// Saves the confirmed grade as a review from a quiz.
export const POST = userRoute<typeof saveGradeSchema, { quizId: string; itemId: string }>(
  { body: saveGradeSchema },
  async ({ body, params, userId }) =>
    saveQuizGrade({
      prisma: await getReadyPrisma(),
      userId,
      ...quizItemParamsSchema.parse(params),
      ...body,
      now: new Date(),
    }),
);
