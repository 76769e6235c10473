import { redirect } from "next/navigation";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { currentUserId } from "@/lib/auth/current-user";
import { getLocale } from "@/lib/i18n/get-locale";

export default async function QuizRunPage({ params }: { params: Promise<{ quizId: string }> }) {
  const { quizId } = await params;

  if (!(await currentUserId())) redirect(`/signin?next=/quiz/${quizId}`);

  return <QuizRunner quizId={quizId} locale={await getLocale()} />;
}
