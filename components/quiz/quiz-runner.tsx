"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CardHtml } from "@/components/card-html";
import { type Locale, messages } from "@/lib/i18n/messages";
import type { QuizFeedback } from "@/lib/quiz/check-quiz-answer";
import type { QuizView } from "@/lib/quiz/get-quiz";
import type { QuizAnswer } from "@/lib/quiz/quiz-answer-schema";
import { summarizeQuiz } from "@/lib/quiz/summarize-quiz";
import { QuizQuestion } from "./quiz-question";

type Feedback = Pick<QuizFeedback, "correct" | "answerHtml" | "explanationHtml" | "section" | "sectionHeading"> & {
  suggestedGrade: number;
};

const GRADES = [1, 2, 3, 4] as const;

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: { message: string } };

  if (!response.ok) throw new Error(json.error?.message ?? `request failed with ${response.status}`);

  return json;
}

export function QuizRunner({ quizId, locale }: { quizId: string; locale: Locale }) {
  const t = messages[locale].quiz;
  const tr = messages[locale].review;
  const queryClient = useQueryClient();
  const quiz = useQuery({
    queryKey: ["quiz", quizId],
    queryFn: async () => {
      const response = await fetch(`/api/quiz/${quizId}`);

      if (!response.ok) throw new Error(`quiz request failed with ${response.status}`);

      return (await response.json()) as QuizView;
    },
  });
  const items = quiz.data?.items ?? [];
  const index = items.findIndex((item) => item.grade === null);
  const current = index >= 0 ? items[index] : undefined;
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [grade, setGrade] = useState<number>(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shownAt = useRef(performance.now());
  // One review id per question, kept across retries so a save that reached
  // the server is never applied twice.
  const reviewIds = useRef(new Map<string, string>());

  useEffect(() => {
    if (!current) return;

    shownAt.current = performance.now();

    // A question checked before a reload comes back with its feedback.
    if (current.checked) {
      setFeedback({ ...current.checked, suggestedGrade: current.checked.correct ? 3 : 1 });
      setGrade(current.checked.correct ? 3 : 1);
    } else {
      setFeedback(null);
    }
  }, [current]);

  const check = async (answer: QuizAnswer) => {
    if (!current) return;

    setBusy(true);
    setError(null);

    try {
      const result = await postJson<QuizFeedback>(`/api/quiz/${quizId}/items/${current.itemId}/check`, {
        answer,
        durationMs: Math.min(Math.round(performance.now() - shownAt.current), 60 * 60 * 1000),
      });

      setFeedback(result);
      setGrade(result.suggestedGrade);
      setNotice(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const saveGrade = async () => {
    if (!current) return;

    const reviewId = reviewIds.current.get(current.itemId) ?? crypto.randomUUID();

    reviewIds.current.set(current.itemId, reviewId);
    setBusy(true);
    setError(null);

    try {
      const saved = await postJson<{ askedAgain: boolean }>(`/api/quiz/${quizId}/items/${current.itemId}/grade`, {
        grade,
        reviewId,
      });

      setNotice(saved.askedAgain ? t.askedAgain : null);
      setFeedback(null);
      await queryClient.invalidateQueries({ queryKey: ["quiz", quizId] });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  if (quiz.isPending) return <p>{tr.loading}</p>;

  if (quiz.isError || !quiz.data) return <p role="alert">{tr.loadFailed}</p>;

  if (!current) return <QuizResult quiz={quiz.data} locale={locale} />;

  const gradeLabels = { 1: tr.again, 2: tr.hard, 3: tr.good, 4: tr.easy } as const;

  return (
    <div className="space-y-4" data-testid="quiz-runner">
      <div className="flex items-center justify-between text-sm text-slate-500">
        <span>{quiz.data.mode === "mistakes" ? t.drill : t.title}</span>
        <span data-testid="quiz-progress">{t.question(index + 1, items.length)}</span>
      </div>

      <div aria-live="polite" className="min-h-5 text-sm text-amber-700 dark:text-amber-300">
        {notice}
      </div>

      <article
        data-testid="quiz-question"
        data-card-id={current.cardId}
        data-kind={current.question.kind}
        className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <QuizQuestion
          key={current.itemId}
          question={current.question}
          locale={locale}
          disabled={busy || feedback !== null}
          onAnswer={check}
        />
      </article>

      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}

      {feedback && (
        <section data-testid="quiz-feedback" data-correct={String(feedback.correct)} className="space-y-3">
          <p
            className={`rounded-lg px-3 py-2 font-semibold ${feedback.correct ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : "bg-rose-50 text-rose-800 dark:bg-rose-950 dark:text-rose-200"}`}
          >
            {feedback.correct ? t.right : t.wrong}
          </p>
          <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <p className="mb-2 text-sm font-medium text-slate-500">{t.correctAnswer}</p>
            <CardHtml html={feedback.answerHtml} />
            <div className="mt-3 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
              <CardHtml html={feedback.explanationHtml} />
            </div>
            <Link href={`/notes#${feedback.section}`} className="mt-2 inline-block text-sm underline">
              {t.readNotes}: {feedback.sectionHeading}
            </Link>
          </div>

          <fieldset className="space-y-2">
            <legend className="text-sm text-slate-600 dark:text-slate-400">{t.gradeHint}</legend>
            <div className="grid grid-cols-4 gap-2">
              {GRADES.map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={grade === value}
                  data-grade={value}
                  onClick={() => setGrade(value)}
                  className="rounded-lg border border-slate-300 px-2 py-2 text-sm aria-pressed:border-slate-900 aria-pressed:bg-slate-900 aria-pressed:text-white dark:border-slate-700 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900"
                >
                  {gradeLabels[value]}
                </button>
              ))}
            </div>
          </fieldset>

          <button
            type="button"
            className="btn-primary w-full py-3"
            disabled={busy}
            onClick={() => void saveGrade()}
            data-testid="quiz-next"
          >
            {t.next}
          </button>
        </section>
      )}
    </div>
  );
}

function QuizResult({ quiz, locale }: { quiz: QuizView; locale: Locale }) {
  const t = messages[locale].quiz;
  const summary = summarizeQuiz(
    quiz.items.map((item, position) => ({
      cardId: item.cardId,
      topicId: item.topicId,
      position,
      correct: item.checked?.correct ?? null,
      durationMs: null,
    })),
  );
  const topicTitles = new Map(quiz.items.map((item) => [item.topicId, item.topicTitle]));
  const missed = new Set(summary.missedCardIds);
  const missedItems = quiz.items.filter(
    (item, index, all) => missed.has(item.cardId) && all.findIndex((other) => other.cardId === item.cardId) === index,
  );
  const minutes = quiz.finishedAt
    ? Math.max(1, Math.round((Date.parse(quiz.finishedAt) - Date.parse(quiz.startedAt)) / 60_000))
    : null;

  return (
    <div className="space-y-5" data-testid="quiz-result">
      <h1 className="text-2xl font-semibold">{t.resultTitle}</h1>
      <dl className="grid grid-cols-2 gap-3">
        <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-sm text-slate-500">{t.score}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="quiz-score">
            {summary.firstTimeRight}/{summary.cards} · {Math.round(summary.score * 100)}%
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-sm text-slate-500">{t.time}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{minutes === null ? "—" : `${minutes} min`}</dd>
        </div>
      </dl>

      <section className="space-y-2">
        <h2 className="font-semibold">{t.perTopic}</h2>
        <ul className="space-y-1 text-sm">
          {summary.perTopic.map((topic) => (
            <li key={topic.topicId} className="flex justify-between">
              <Link href={`/topics/${topic.topicId}`} className="underline">
                {topicTitles.get(topic.topicId) ?? topic.topicId}
              </Link>
              <span className="tabular-nums">
                {topic.firstTimeRight}/{topic.cards}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="space-y-3">
        <h2 className="font-semibold">{t.missed}</h2>
        {missedItems.length === 0 && <p>{t.noneMissed}</p>}
        {missedItems.map((item) => (
          <article
            key={item.itemId}
            data-missed-card={item.cardId}
            className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            {item.checked && (
              <>
                <CardHtml html={item.checked.answerHtml} />
                <CardHtml html={item.checked.explanationHtml} className="text-sm" />
              </>
            )}
          </article>
        ))}
      </section>

      <Link href="/quiz" className="btn-primary">
        {t.again}
      </Link>
    </div>
  );
}
