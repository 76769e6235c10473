import Link from "next/link";
import { notFound } from "next/navigation";
import { CardHtml } from "@/components/card-html";
import { currentUserId } from "@/lib/auth/current-user";
import { summarizeHtml } from "@/lib/cards/summarize-html";
import { dateTimeFormat, formatPercent } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/get-locale";
import { getReadyPrisma } from "@/lib/startup/readiness";
import { getTopicMastery, MASTERY_DEFINITION } from "@/lib/stats/topic-mastery";
import { getWeakestCards } from "@/lib/stats/weakest-cards";
import { getTopicDeck } from "@/lib/topics/get-topic-deck";

export const dynamic = "force-dynamic";

const WEAK_CARD_CHARS = 48;

export default async function TopicPage({ params }: { params: Promise<{ topicId: string }> }) {
  const { topicId } = await params;
  const { locale, t } = await getMessages();
  const deck = await getTopicDeck({ topicId, locale });

  if (!deck) notFound();

  const userId = await currentUserId();
  const progress = userId ? await topicProgress(userId, topicId) : null;
  const dates = dateTimeFormat(locale);
  const questions = new Map(deck.cards.map((card) => [card.id, summarizeHtml(card.frontHtml, WEAK_CARD_CHARS)]));

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <Link href="/" className="text-sm text-slate-500 hover:underline">
          ← {t.nav.home}
        </Link>
        <h1 className="text-2xl font-semibold">{deck.title}</h1>
        <p className="text-slate-600 dark:text-slate-400">{deck.summary}</p>
        <p className="text-xs text-slate-500">{t.home.cards(deck.cards.length)}</p>
      </div>

      {progress?.mastery && (
        <section
          data-testid="topic-progress"
          className="space-y-3 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="font-semibold">{t.stats.yourProgress}</h2>
          <dl className="grid grid-cols-2 gap-3 text-sm tabular-nums sm:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">{t.stats.recallNow}</dt>
              <dd className="text-xl font-semibold" data-field="recall">
                {formatPercent(progress.mastery.recallNow)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.stats.mature}</dt>
              <dd className="text-xl font-semibold">{formatPercent(progress.mastery.matureShare)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.stats.counts}</dt>
              <dd data-field="counts">
                {progress.mastery.newCards} / {progress.mastery.learningCards} / {progress.mastery.reviewCards} /{" "}
                {progress.mastery.suspendedCards}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.stats.nextDue}</dt>
              <dd>{progress.mastery.nextDue ? dates.format(progress.mastery.nextDue) : "—"}</dd>
            </div>
          </dl>
          <p className="text-xs text-slate-500">
            {t.stats.definition}: {MASTERY_DEFINITION[locale]}
          </p>
          {progress.weakest.length > 0 && (
            <div>
              <h3 className="text-sm font-medium">{t.stats.weakest}</h3>
              <ul className="mt-1 space-y-1 text-sm" data-testid="weakest">
                {progress.weakest.map((card) => (
                  <li key={card.cardId} className="flex justify-between gap-2 tabular-nums">
                    <a href={`#${card.cardId}`} className="truncate hover:underline" title={card.cardId}>
                      {questions.get(card.cardId) ?? card.cardId}
                    </a>
                    <span className="whitespace-nowrap text-slate-500">
                      {formatPercent(card.recallNow)} · {t.stats.lapses} {card.lapses} ·{" "}
                      <Link href={`/cards/${card.cardId}/history`} className="underline">
                        {t.stats.history}
                      </Link>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}

      <ol className="space-y-4">
        {deck.cards.map((card) => (
          <li
            key={card.id}
            id={card.id}
            data-card-id={card.id}
            data-kind={card.kind}
            className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <p className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">
              {t.topic.kinds[card.kind as keyof typeof t.topic.kinds] ?? card.kind}
            </p>
            <CardHtml html={card.frontHtml} />
            <details className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
              <summary className="cursor-pointer text-sm font-medium">{t.topic.showAnswer}</summary>
              <div className="mt-2 space-y-3">
                <CardHtml html={card.backHtml} />
                <div className="rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
                  <CardHtml html={card.explanationHtml} />
                </div>
              </div>
            </details>
            <p className="mt-2 text-xs text-slate-500">
              {t.card.source}: {card.sectionHeading}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

async function topicProgress(userId: string, topicId: string) {
  const prisma = await getReadyPrisma();
  const now = new Date();
  const [mastery, weakest] = await Promise.all([
    getTopicMastery({ prisma, userId, now }),
    getWeakestCards({ prisma, userId, now, topicId, limit: 5 }),
  ]);

  return { mastery: mastery.find((topic) => topic.topicId === topicId) ?? null, weakest };
}
