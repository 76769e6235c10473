import Link from "next/link";
import { redirect } from "next/navigation";
import { StartQuizForm } from "@/components/quiz/start-quiz-form";
import { currentUserId } from "@/lib/auth/current-user";
import { dateTimeFormat } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/get-locale";
import { listQuizzes } from "@/lib/quiz/list-quizzes";
import { getReadyPrisma } from "@/lib/startup/readiness";
import { listTopics } from "@/lib/topics/list-topics";

export default async function QuizPage() {
  const userId = await currentUserId();

  if (!userId) redirect("/signin?next=/quiz");

  const { locale, t } = await getMessages();
  const [topics, quizzes] = await Promise.all([listTopics(), listQuizzes({ prisma: await getReadyPrisma(), userId })]);
  const titles = new Map(topics.map((topic) => [topic.id, locale === "zh" ? topic.titleZh : topic.titleEn]));
  const dates = dateTimeFormat(locale);

  return (
    <div className="space-y-8">
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">{t.quiz.title}</h1>
        <StartQuizForm
          locale={locale}
          topics={topics.map((topic) => ({
            id: topic.id,
            title: titles.get(topic.id) ?? topic.id,
            cardCount: topic.cardCount,
          }))}
        />
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t.quiz.past}</h2>
        {quizzes.length === 0 && <p className="text-sm text-slate-500">{t.quiz.noPast}</p>}
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {quizzes.map((quiz) => (
            <li key={quiz.id} data-quiz-id={quiz.id}>
              <Link
                href={`/quiz/${quiz.id}`}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm hover:bg-slate-50 dark:hover:bg-slate-800"
              >
                <span>
                  <span className="font-medium">
                    {quiz.mode === "mistakes"
                      ? t.quiz.drill
                      : quiz.topicIds.map((id) => titles.get(id) ?? id).join("、")}
                  </span>
                  <span className="ml-2 text-slate-500">{dates.format(new Date(quiz.startedAt))}</span>
                </span>
                <span className="tabular-nums">
                  {quiz.finishedAt
                    ? `${quiz.summary.firstTimeRight}/${quiz.summary.cards} · ${Math.round(quiz.summary.score * 100)}%`
                    : t.quiz.inProgress}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
