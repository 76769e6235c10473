import { redirect } from "next/navigation";
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
    </div>
  );
}
