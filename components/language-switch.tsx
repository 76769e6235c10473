import { setLanguage } from "@/app/actions/set-language";
import type { Locale } from "@/lib/i18n/messages";

const LABELS: Record<Locale, string> = { zh: "中文", en: "English" };

export function LanguageSwitch({ current, label }: { current: Locale; label: string }) {
  return (
    <form action={setLanguage} aria-label={label} className="flex gap-1 text-sm">
      {(Object.keys(LABELS) as Locale[]).map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="rounded-md px-2 py-1 aria-pressed:bg-slate-900 aria-pressed:text-white hover:bg-slate-200 aria-pressed:hover:bg-slate-900 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900 dark:hover:bg-slate-800"
        >
          {LABELS[locale]}
        </button>
      ))}
    </form>
  );
}
