import { NextResponse } from "next/server";
import { userRoute } from "@/lib/http/handle-route";
import { listQuizzes } from "@/lib/quiz/list-quizzes";
import { startQuizSchema } from "@/lib/quiz/quiz-schemas";
import { startQuiz } from "@/lib/quiz/start-quiz";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

export const GET = userRoute({}, async ({ userId }) => ({
  quizzes: await listQuizzes({ prisma: await getReadyPrisma(), userId }),
}));

export const POST = userRoute({ body: startQuizSchema }, async ({ body, userId }) =>
  NextResponse.json(await startQuiz({ prisma: await getReadyPrisma(), userId, input: body, now: new Date() }), {
    status: 201,
  }),
);
