"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type Locale, messages } from "@/lib/i18n/messages";

type TopicOption = { id: string; title: string; cardCount: number };

export function StartQuizForm({ topics, locale }: { topics: TopicOption[]; locale: Locale }) {
  const t = messages[locale].quiz;
  const router = useRouter();
  const [mode, setMode] = useState<"topics" | "mistakes">("topics");
  const [error, setError] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: async (body: { mode: string; topicIds: string[]; length: number }) => {
      const response = await fetch("/api/quiz", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { quizId?: string; error?: { message: string } };

      if (!response.ok || !json.quizId)
        throw new Error(json.error?.message ?? `starting failed with ${response.status}`);

      return json.quizId;
    },
    onSuccess: (quizId) => router.push(`/quiz/${quizId}`),
    onError: (failure) => setError(failure.message),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();

    const form = new FormData(event.currentTarget);
    const topicIds = form.getAll("topic").map(String);

    if (mode === "topics" && topicIds.length === 0) {
      setError(t.needTopic);
      return;
    }

    start.mutate({ mode, topicIds: mode === "topics" ? topicIds : [], length: Number(form.get("length")) });
  };

  return (
    <form onSubmit={submit} className="space-y-5">
      <fieldset className="space-y-2">
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={mode === "topics"} onChange={() => setMode("topics")} />
          <span className="font-medium">{t.topicsMode}</span>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            value="mistakes"
            checked={mode === "mistakes"}
            onChange={() => setMode("mistakes")}
          />
          <span className="font-medium">{t.mistakesMode}</span>
        </label>
      </fieldset>

      {mode === "topics" && (
        <fieldset className="grid gap-2 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium">{t.chooseTopics}</legend>
          {topics.map((topic) => (
            <label
              key={topic.id}
              className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <input type="checkbox" name="topic" value={topic.id} />
              <span className="flex-1">{topic.title}</span>
              <span className="text-xs text-slate-500">{topic.cardCount}</span>
            </label>
          ))}
        </fieldset>
      )}

      <fieldset className="flex items-center gap-4">
        <legend className="mb-2 text-sm font-medium">{t.length}</legend>
        {[10, 20, 0].map((length) => (
          <label key={length} className="flex items-center gap-1">
            <input type="radio" name="length" value={length} defaultChecked={length === 10} />
            {length === 0 ? t.all : length}
          </label>
        ))}
      </fieldset>

      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}

      <button type="submit" className="btn-primary" disabled={start.isPending}>
        {start.isPending ? t.starting : t.start}
      </button>
    </form>
  );
}
