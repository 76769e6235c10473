import Link from "next/link";
import { getMessages } from "@/lib/i18n/get-locale";
import { logger } from "@/lib/log";
import { listTopics } from "@/lib/topics/list-topics";

// Reads the database on every request; nothing here can be prerendered.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { locale, t } = await getMessages();
  const topics = await listTopics().catch((error: unknown) => {
    logger.error("home page could not list topics", { error });

    return null;
  });

  return (
    <div className="space-y-6">
      <section>
        <p className="text-slate-600 dark:text-slate-400">{t.tagline}</p>
      </section>

      <section aria-labelledby="topics-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h1 id="topics-heading" className="text-2xl font-semibold">
            {t.home.topicsHeading}
          </h1>
          {topics && topics.length > 0 && (
            <p className="text-sm text-slate-500">
              {t.home.totalCards(
                topics.reduce((sum, topic) => sum + topic.cardCount, 0),
                topics.length,
              )}
            </p>
          )}
        </div>

        {topics === null && <p role="alert">{t.home.unavailable}</p>}
        {topics?.length === 0 && <p>{t.home.empty}</p>}

        <ul className="grid gap-3 sm:grid-cols-2" data-testid="topic-list">
          {topics?.map((topic) => (
            <li
              key={topic.id}
              data-topic-id={topic.id}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <h2 className="font-medium">
                <Link href={`/topics/${topic.id}`} className="hover:underline">
                  {locale === "zh" ? topic.titleZh : topic.titleEn}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {locale === "zh" ? topic.summaryZh : topic.summaryEn}
              </p>
              <p className="mt-2 text-xs font-medium text-slate-500">{t.home.cards(topic.cardCount)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
