import Link from "next/link";
import { redirect } from "next/navigation";
import { BarChart } from "@/components/stats/bar-chart";
import { ReviewHeatmap } from "@/components/stats/review-heatmap";
import { currentUserId } from "@/lib/auth/current-user";
import { dateTimeFormat, formatPercent } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/get-locale";
import { getSettings } from "@/lib/settings/get-settings";
import { dayKeyOf } from "@/lib/srs/user-day";
import { getReadyPrisma } from "@/lib/startup/readiness";
import { getDashboard } from "@/lib/stats/get-dashboard";
import { HEATMAP_DAYS } from "@/lib/stats/review-heatmap";
import { MASTERY_DEFINITION } from "@/lib/stats/topic-mastery";

export const dynamic = "force-dynamic";

export default async function StatsPage() {
  const userId = await currentUserId();

  if (!userId) redirect("/signin?next=/stats");

  const { locale, t } = await getMessages();
  const prisma = await getReadyPrisma();
  const now = new Date();
  const [dashboard, settings] = await Promise.all([
    getDashboard({ prisma, userId, now }),
    getSettings({ prisma, userId }),
  ]);
  const today = dayKeyOf({ at: now, timeZone: settings.timeZone, dayStartHour: settings.dayStartHour });
  const s = t.stats;
  const { retention, habit } = dashboard;
  const dates = dateTimeFormat(locale);
  const topicTitles = new Map(
    dashboard.mastery.map((topic) => [topic.topicId, locale === "zh" ? topic.titleZh : topic.titleEn]),
  );

  return (
    <div className="space-y-8" data-testid="stats">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{s.title}</h1>
        <p className="font-medium" data-testid="streak">
          {s.streak(habit.streakDays)}
        </p>
      </div>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{s.topics}</h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm tabular-nums">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="p-2">{s.topic}</th>
                <th className="p-2 text-right">{s.recallNow}</th>
                <th className="p-2 text-right">{s.mature}</th>
                <th className="p-2 text-right">{s.counts}</th>
                <th className="p-2 text-right">{s.nextDue}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.mastery.map((topic) => (
                <tr
                  key={topic.topicId}
                  data-topic-id={topic.topicId}
                  className="border-t border-slate-100 dark:border-slate-800"
                >
                  <td className="p-2">
                    <Link href={`/topics/${topic.topicId}`} className="hover:underline">
                      {locale === "zh" ? topic.titleZh : topic.titleEn}
                    </Link>
                  </td>
                  <td className="p-2 text-right" data-field="recall">
                    {formatPercent(topic.recallNow)}
                  </td>
                  <td className="p-2 text-right">{formatPercent(topic.matureShare)}</td>
                  <td className="p-2 text-right whitespace-nowrap">
                    {topic.newCards} / {topic.learningCards} / {topic.reviewCards} / {topic.suspendedCards}
                  </td>
                  <td className="p-2 text-right whitespace-nowrap">
                    {topic.nextDue ? dates.format(topic.nextDue) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          {s.definition}: {MASTERY_DEFINITION[locale]}
        </p>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{s.heatmap}</h2>
        <ReviewHeatmap
          days={dashboard.heatmap}
          today={today}
          windowDays={HEATMAP_DAYS}
          locale={locale}
          labels={{
            label: s.heatmap,
            countLabel: s.reviews,
            month: s.month,
            reviews: s.reviewCount,
            activeDays: s.activeDays,
          }}
        />
      </section>

      <section className="grid gap-6 sm:grid-cols-2">
        <div className="space-y-2">
          <h2 className="font-semibold">{s.forecast}</h2>
          <BarChart
            label={s.forecast}
            bars={dashboard.forecast.map((entry) => ({
              key: entry.day,
              label: entry.day,
              tick: entry.day.slice(5),
              value: entry.count,
            }))}
          />
        </div>
        <div className="space-y-2">
          <h2 className="font-semibold">{s.time}</h2>
          <BarChart
            label={s.time}
            bars={habit.timePerDay.map((entry) => ({
              key: entry.day,
              label: entry.day,
              tick: entry.day.slice(5),
              // Tenths of a minute: a short day still shows.
              value: Math.round(entry.durationMs / 6_000) / 10,
            }))}
            format={s.minutes}
          />
        </div>
      </section>

      <section className="grid gap-6 sm:grid-cols-2">
        <div className="space-y-2">
          <h2 className="font-semibold">{s.retention}</h2>
          <table className="w-full text-sm tabular-nums" data-testid="retention">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th />
                <th className="pl-2 text-right">{s.window(7)}</th>
                <th className="pl-2 text-right">{s.window(30)}</th>
                <th className="pl-2 text-right">{s.window(365)}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{s.overall}</td>
                <td className="text-right">{formatPercent(retention.overall.last7Days.retention)}</td>
                <td className="text-right">{formatPercent(retention.overall.last30Days.retention)}</td>
                <td className="text-right">{formatPercent(retention.overall.last365Days.retention)}</td>
              </tr>
              {retention.topics.map((topic) => (
                <tr key={topic.topicId} data-topic-id={topic.topicId}>
                  <td className="py-0.5 pr-2 text-xs">{topicTitles.get(topic.topicId) ?? topic.topicId}</td>
                  <td className="text-right">{formatPercent(topic.last7Days.retention)}</td>
                  <td className="text-right">{formatPercent(topic.last30Days.retention)}</td>
                  <td className="text-right">{formatPercent(topic.last365Days.retention)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-xs text-slate-500">
            {s.definition}: {s.retentionDefinition}
          </p>
        </div>
        <div className="space-y-2">
          <h2 className="font-semibold">{s.buttons}</h2>
          <BarChart
            label={s.buttons}
            bars={([1, 2, 3, 4] as const).map((grade) => ({
              key: String(grade),
              label: [t.review.again, t.review.hard, t.review.good, t.review.easy][grade - 1] ?? String(grade),
              value: habit.ratings[grade],
            }))}
          />
        </div>
      </section>
    </div>
  );
}
