import { redirect } from "next/navigation";
import { CardHtml } from "@/components/card-html";
import { ResumeCardButton } from "@/components/resume-card-button";
import { currentUserId } from "@/lib/auth/current-user";
import { getMessages } from "@/lib/i18n/get-locale";
import { listSuspendedCards } from "@/lib/reviews/list-suspended-cards";
import { getReadyPrisma } from "@/lib/startup/readiness";

export default async function SuspendedPage() {
  const userId = await currentUserId();

  if (!userId) redirect("/signin?next=/suspended");

  const { locale, t } = await getMessages();
  const cards = await listSuspendedCards({ prisma: await getReadyPrisma(), userId, locale });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.suspended.title}</h1>
      {cards.length === 0 && <p>{t.suspended.empty}</p>}
      <ul className="space-y-3">
        {cards.map((card) => (
          <li
            key={card.cardId}
            data-card-id={card.cardId}
            className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
              <span>
                {card.leech && (
                  <span className="mr-2 rounded bg-rose-100 px-1.5 py-0.5 font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
                    {t.suspended.leech}
                  </span>
                )}
                {t.suspended.lapses(card.lapses)}
              </span>
              <ResumeCardButton cardId={card.cardId} label={t.suspended.resume} />
            </div>
            <CardHtml html={card.frontHtml} className="text-sm" />
          </li>
        ))}
      </ul>
    </div>
  );
}
