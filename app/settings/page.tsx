import { redirect } from "next/navigation";
import { RestoreBackupForm } from "@/components/restore-backup-form";
import { SettingsForm } from "@/components/settings-form";
import { currentUserId } from "@/lib/auth/current-user";
import { getMessages } from "@/lib/i18n/get-locale";
import { getSettings } from "@/lib/settings/get-settings";
import { getReadyPrisma } from "@/lib/startup/readiness";

export default async function SettingsPage() {
  const userId = await currentUserId();

  if (!userId) redirect("/signin?next=/settings");

  const { locale, t } = await getMessages();
  const settings = await getSettings({ prisma: await getReadyPrisma(), userId });
  const zones = Intl.supportedValuesOf("timeZone");

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.settings.title}</h1>
      <SettingsForm
        initial={settings}
        locale={locale}
        timeZones={zones.includes(settings.timeZone) ? zones : [settings.timeZone, ...zones]}
      />

      <section className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800">
        <h2 className="text-lg font-semibold">{t.settings.data}</h2>
        <ul className="space-y-1 text-sm">
          <li>
            <a href="/api/export/reviews.csv" className="underline" download>
              {t.settings.exportCsv}
            </a>
          </li>
          <li>
            <a href="/api/backup" className="underline" download>
              {t.settings.downloadBackup}
            </a>
          </li>
        </ul>
        <RestoreBackupForm locale={locale} />
      </section>
    </div>
  );
}
