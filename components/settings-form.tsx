"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type Locale, messages } from "@/lib/i18n/messages";
import type { Settings } from "@/lib/settings/settings-schema";

type NumberField =
  | "dayStartHour"
  | "newPerDay"
  | "reviewsPerDay"
  | "desiredRetention"
  | "maximumInterval"
  | "leechThreshold";

const NUMBER_FIELDS: Array<{ name: NumberField; min: number; max: number; step: number }> = [
  { name: "dayStartHour", min: 0, max: 23, step: 1 },
  { name: "newPerDay", min: 0, max: 9999, step: 1 },
  { name: "reviewsPerDay", min: 0, max: 99999, step: 1 },
  { name: "desiredRetention", min: 0.7, max: 0.99, step: 0.01 },
  { name: "maximumInterval", min: 1, max: 36500, step: 1 },
  { name: "leechThreshold", min: 1, max: 99, step: 1 },
];

export function SettingsForm({
  initial,
  locale,
  timeZones,
}: {
  initial: Settings;
  locale: Locale;
  timeZones: string[];
}) {
  const t = messages[locale].settings;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (changes: Partial<Settings>) => {
      const response = await fetch("/api/settings", {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(changes),
      });
      const body = (await response.json()) as Settings & { error?: { message: string } };

      if (!response.ok) throw new Error(body.error?.message ?? `saving failed with ${response.status}`);

      return body;
    },
    onSuccess: () => {
      setError(null);
      router.refresh();
    },
    onError: (failure) => setError(failure.message),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();

    const form = new FormData(event.currentTarget);
    const numbers = Object.fromEntries(NUMBER_FIELDS.map(({ name }) => [name, Number(form.get(name))]));
    const language = String(form.get("language"));

    save.mutate({
      ...numbers,
      timeZone: String(form.get("timeZone")),
      learningSteps: String(form.get("learningSteps")),
      relearningSteps: String(form.get("relearningSteps")),
      language: language === "zh" || language === "en" ? language : null,
    });
  };

  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2">
      <label className="space-y-1 sm:col-span-2">
        <span className="text-sm font-medium">{t.timeZone}</span>
        <select name="timeZone" defaultValue={initial.timeZone} className="field">
          {timeZones.map((zone) => (
            <option key={zone}>{zone}</option>
          ))}
        </select>
      </label>

      {NUMBER_FIELDS.map(({ name, min, max, step }) => (
        <label key={name} className="space-y-1">
          <span className="text-sm font-medium">{t[name]}</span>
          <input
            name={name}
            type="number"
            min={min}
            max={max}
            step={step}
            defaultValue={initial[name]}
            className="field"
            required
          />
        </label>
      ))}

      {(["learningSteps", "relearningSteps"] as const).map((name) => (
        <label key={name} className="space-y-1">
          <span className="text-sm font-medium">{t[name]}</span>
          <input name={name} defaultValue={initial[name]} className="field" />
          <span className="text-xs text-slate-500">{t.stepsHint}</span>
        </label>
      ))}

      <label className="space-y-1">
        <span className="text-sm font-medium">{t.language}</span>
        <select name="language" defaultValue={initial.language ?? ""} className="field">
          <option value="">{t.languageBrowser}</option>
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select>
      </label>

      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {t.save}
        </button>
        <span aria-live="polite" className="text-sm">
          {error ? <span className="text-rose-700 dark:text-rose-300">{error}</span> : save.isSuccess ? t.saved : null}
        </span>
      </div>
    </form>
  );
}
