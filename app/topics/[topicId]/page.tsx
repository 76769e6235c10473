import Link from "next/link";
import { notFound } from "next/navigation";
import { CardHtml } from "@/components/card-html";
import { getMessages } from "@/lib/i18n/get-locale";
import { getTopicDeck } from "@/lib/topics/get-topic-deck";

export const dynamic = "force-dynamic";

export default async function TopicPage({ params }: { params: Promise<{ topicId: string }> }) {
  const { topicId } = await params;
  const { locale, t } = await getMessages();
  const deck = await getTopicDeck({ topicId, locale });

  if (!deck) notFound();

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
