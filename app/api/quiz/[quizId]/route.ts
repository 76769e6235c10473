import { userRoute } from "@/lib/http/handle-route";
import { getLocale } from "@/lib/i18n/get-locale";
import { getQuiz } from "@/lib/quiz/get-quiz";
import { quizParamsSchema } from "@/lib/quiz/quiz-schemas";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

export const GET = userRoute<undefined, { quizId: string }>({}, async ({ params, userId }) => {
  const { quizId } = quizParamsSchema.parse(params);

  return getQuiz({ prisma: await getReadyPrisma(), userId, quizId, locale: await getLocale() });
});
