import { notFound, redirect } from "next/navigation";
import { CardHtml } from "@/components/card-html";
import { currentUserId } from "@/lib/auth/current-user";
import { renderCard } from "@/lib/cards/render-card";
import { AppError } from "@/lib/errors";
import { dateTimeFormat, formatPercent } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/get-locale";
import type { Locale } from "@/lib/i18n/messages";
import { formatInterval } from "@/lib/srs/format-interval";
import type { CardStateValue } from "@/lib/srs/types";
import { getReadyPrisma } from "@/lib/startup/readiness";
import { type CardHistory, type CardHistoryEntry, getCardHistory } from "@/lib/stats/get-card-history";

export const dynamic = "force-dynamic";

type Labels = {
  title: string;
  empty: string;
  recallNow: string;
  reviewedAt: string;
  rating: string;
  source: string;
  duration: string;
  state: string;
  interval: string;
  stability: string;
  difficulty: string;
  recallBefore: string;
  undone: string;
  ratings: Record<number, string>;
  sources: Record<CardHistoryEntry["source"], string>;
  states: Record<CardStateValue, string>;
  seconds: (value: number) => string;
  days: (value: number) => string;
};

const LABELS: Record<Locale, Labels> = {
  zh: {
    title: "复习记录",
    empty: "还没有复习过这张卡片。",
    recallNow: "当前预测记忆率",
    reviewedAt: "时间",
    rating: "评分",
    source: "来源",
    duration: "用时",
    state: "状态",
    interval: "间隔",
    stability: "稳定性",
    difficulty: "难度",
    recallBefore: "评分前记忆率",
    undone: "已撤销",
    ratings: { 1: "重来", 2: "困难", 3: "良好", 4: "简单" },
    sources: { review: "复习", quiz: "测验" },
    states: { 0: "新卡", 1: "学习中", 2: "复习", 3: "重学" },
    seconds: (value) => `${value}秒`,
    days: (value) => `${value}天`,
  },
  en: {
    title: "Review history",
    empty: "This card has not been reviewed yet.",
    recallNow: "Predicted recall now",
    reviewedAt: "When",
    rating: "Rating",
    source: "Source",
    duration: "Time",
    state: "State",
    interval: "Interval",
    stability: "Stability",
    difficulty: "Difficulty",
    recallBefore: "Recall before",
    undone: "Undone",
    ratings: { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" },
    sources: { review: "Review", quiz: "Quiz" },
    states: { 0: "New", 1: "Learning", 2: "Review", 3: "Relearning" },
    seconds: (value) => `${value}s`,
    days: (value) => `${value}d`,
  },
};

export default async function CardHistoryPage({ params }: { params: Promise<{ cardId: string }> }) {
  const { cardId } = await params;
  const userId = await currentUserId();

  if (!userId) redirect(`/signin?next=${encodeURIComponent(`/cards/${encodeURIComponent(cardId)}/history`)}`);

  const { locale } = await getMessages();
  const history = await loadHistory({ userId, cardId });
  const l = LABELS[locale];
  const { frontHtml } = renderCard(history.card, locale);
  const dates = dateTimeFormat(locale);

  return (
    <div className="space-y-6" data-testid="card-history" data-card-id={history.card.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{l.title}</h1>
        <p className="text-sm text-slate-500" data-testid="recall-now">
          {l.recallNow}: {formatPercent(history.recallNow)}
        </p>
      </div>

      <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <p className="mb-2 text-xs text-slate-500">{history.card.topicId}</p>
        <CardHtml html={frontHtml} className="text-sm" />
      </div>

      {history.reviews.length === 0 ? (
        <p>{l.empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm tabular-nums" data-testid="card-history-table">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="p-2 whitespace-nowrap">{l.reviewedAt}</th>
                <th className="p-2 whitespace-nowrap">{l.rating}</th>
                <th className="p-2 whitespace-nowrap">{l.source}</th>
                <th className="p-2 text-right whitespace-nowrap">{l.duration}</th>
                <th className="p-2 whitespace-nowrap">{l.state}</th>
                <th className="p-2 text-right whitespace-nowrap">{l.interval}</th>
                <th className="p-2 text-right whitespace-nowrap">{l.stability}</th>
                <th className="p-2 text-right whitespace-nowrap">{l.difficulty}</th>
                <th className="p-2 text-right whitespace-nowrap">{l.recallBefore}</th>
              </tr>
            </thead>
            <tbody>
              {history.reviews.map((review) => (
                <tr
                  key={review.reviewId}
                  data-review-id={review.reviewId}
                  data-undone={review.undoneAt ? "true" : undefined}
                  className={`border-t border-slate-100 dark:border-slate-800 ${review.undoneAt ? "text-slate-400" : ""}`}
                >
                  <td className="p-2 whitespace-nowrap">{dates.format(review.reviewedAt)}</td>
                  <td className="p-2 whitespace-nowrap" data-field="rating">
                    <span className={review.undoneAt ? "line-through" : ""}>
                      {l.ratings[review.rating] ?? String(review.rating)}
                    </span>
                    {review.undoneAt && (
                      <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                        {l.undone}
                      </span>
                    )}
                  </td>
                  <td className="p-2 whitespace-nowrap">{l.sources[review.source]}</td>
                  <td className="p-2 text-right whitespace-nowrap">
                    {l.seconds(Math.round(review.durationMs / 1000))}
                  </td>
                  <td className="p-2 whitespace-nowrap">
                    {l.states[review.stateBefore]} → {l.states[review.stateAfter]}
                  </td>
                  <td className="p-2 text-right whitespace-nowrap" data-field="interval">
                    {review.scheduledDays > 0
                      ? l.days(review.scheduledDays)
                      : formatInterval(Math.max(0, review.intervalMs), locale)}
                  </td>
                  <td className="p-2 text-right whitespace-nowrap">{review.stabilityAfter.toFixed(2)}</td>
                  <td className="p-2 text-right whitespace-nowrap">{review.difficultyAfter.toFixed(2)}</td>
                  <td className="p-2 text-right whitespace-nowrap" data-field="recall">
                    {formatPercent(review.recallBefore)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

async function loadHistory({ userId, cardId }: { userId: string; cardId: string }): Promise<CardHistory> {
  try {
    return await getCardHistory({ prisma: await getReadyPrisma(), userId, cardId, now: new Date() });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();

    throw error;
  }
}
