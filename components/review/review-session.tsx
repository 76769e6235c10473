"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { CardHtml } from "@/components/card-html";
import { dateTimeFormat } from "@/lib/i18n/format";
import { type Locale, messages } from "@/lib/i18n/messages";
import type { QueueCard, ReviewQueue } from "@/lib/reviews/get-review-queue";
import { type OutboxEntry, type SaveOutcome, useReviewOutbox } from "./use-review-outbox";

const BATCH = 8;
const REFILL_BELOW = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

// A rating of this session, kept for undo with the change it made to the
// counts, so undo can reverse exactly that change.
type Rated = { entry: OutboxEntry; card: QueueCard; delta: Counts };
type Counts = ReviewQueue["remaining"];

const GRADE_STYLES: Record<1 | 2 | 3 | 4, string> = {
  1: "bg-rose-600 hover:bg-rose-500",
  2: "bg-amber-600 hover:bg-amber-500",
  3: "bg-emerald-600 hover:bg-emerald-500",
  4: "bg-sky-600 hover:bg-sky-500",
};

export function ReviewSession({ userId, locale }: { userId: string; locale: Locale }) {
  const t = messages[locale].review;
  const tc = messages[locale].card;
  const queryClient = useQueryClient();
  const [cards, setCards] = useState<QueueCard[]>([]);
  const [counts, setCounts] = useState<Counts>({ new: 0, learning: 0, review: 0 });
  const [nextDue, setNextDue] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const history = useRef<Rated[]>([]);
  const shownAt = useRef(performance.now());
  const fetching = useRef(false);
  const cardsRef = useRef<QueueCard[]>([]);

  cardsRef.current = cards;

  const onOutcome = useCallback(
    (outcome: SaveOutcome) => {
      if (outcome.kind === "rejected") {
        history.current = history.current.filter((rated) => rated.entry.reviewId !== outcome.entry.reviewId);
        setNotice(outcome.code === "conflict" ? t.conflict : t.saveFailed);
      } else if (outcome.becameLeech) {
        setNotice(t.leech);
      }
    },
    [t],
  );

  const outbox = useReviewOutbox(`ebb-outbox:${userId}`, onOutcome);
  const pendingRef = useRef(outbox.pending);

  pendingRef.current = outbox.pending;

  const refill = useCallback(
    async (replace = false) => {
      if (fetching.current) return;

      fetching.current = true;

      try {
        const held = replace ? [] : cardsRef.current.map((card) => card.id);
        const exclude = [...held, ...pendingRef.current.map((entry) => entry.cardId)];
        const queue = await queryClient.fetchQuery({
          queryKey: ["review-queue", exclude],
          staleTime: 0,
          queryFn: async () => {
            const response = await fetch(
              `/api/review/queue?limit=${BATCH}&exclude=${encodeURIComponent(exclude.join(","))}`,
            );

            if (!response.ok) throw new Error(`queue request failed with ${response.status}`);

            return (await response.json()) as ReviewQueue;
          },
        });

        setCards((current) => {
          const base = replace ? [] : current;
          const known = new Set(base.map((card) => card.id));

          return [...base, ...queue.cards.filter((card) => !known.has(card.id))];
        });
        setCounts(queue.remaining);
        setNextDue(queue.nextDue);
        setLoadFailed(false);
      } catch {
        setLoadFailed(true);
      } finally {
        fetching.current = false;
        setLoaded(true);
      }
    },
    [queryClient],
  );

  useEffect(() => {
    void refill(true);
  }, [refill]);

  useEffect(() => {
    if (loaded && cards.length < REFILL_BELOW) void refill();
  }, [cards.length, loaded, refill]);

  const current = cards[0];

  useEffect(() => {
    if (current) shownAt.current = performance.now();
  }, [current]);

  const rate = useCallback(
    (grade: 1 | 2 | 3 | 4) => {
      const card = cardsRef.current[0];

      if (!card) return;

      const entry: OutboxEntry = {
        reviewId: crypto.randomUUID(),
        cardId: card.id,
        grade,
        expectedVersion: card.version,
        durationMs: Math.min(Math.round(performance.now() - shownAt.current), 60 * 60 * 1000),
        reviewedAt: new Date().toISOString(),
      };

      // A step shorter than a day brings the card back today, in learning.
      const comesBackToday = new Date(card.previews[grade].due).getTime() - Date.now() < DAY_MS;
      const delta: Counts = { new: 0, learning: 0, review: 0 };

      delta[stageKey(card.stage)] -= 1;
      if (comesBackToday) delta.learning += 1;

      // The next card shows at once; the save goes out in the background.
      history.current.push({ entry, card, delta });
      outbox.enqueue(entry);
      setCards((list) => list.slice(1));
      setCounts((c) => addCounts(c, delta, 1));
      setRevealed(false);
      setNotice(null);
    },
    [outbox],
  );

  const undo = useCallback(async () => {
    const last = history.current.pop();

    if (!last) {
      const response = await fetch("/api/review/undo", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });

      setNotice(response.ok ? t.undone : t.nothingToUndo);

      if (response.ok) await refill(true);

      return;
    }

    const putBack = (version: number) => {
      setCards((list) => [{ ...last.card, version }, ...list.filter((card) => card.id !== last.card.id)]);
      setCounts((c) => addCounts(c, last.delta, -1));
      setRevealed(false);
      setNotice(t.undone);
    };

    // Not sent yet: taking it back is enough.
    if (outbox.withdraw(last.entry.reviewId)) {
      putBack(last.entry.expectedVersion);
      return;
    }

    const settled = outbox.whenSettled(last.entry.reviewId);

    if (settled && (await settled).kind === "rejected") return;

    const response = await fetch("/api/review/undo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reviewId: last.entry.reviewId }),
    });

    if (!response.ok) {
      setNotice(t.nothingToUndo);
      return;
    }

    const body = (await response.json()) as { version: number };

    putBack(body.version);
  }, [outbox, refill, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;

      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;

      if (event.key === "z" || event.key === "Z") {
        event.preventDefault();
        void undo();
        return;
      }

      if (event.ctrlKey || event.metaKey || event.altKey) return;

      if (!revealed && (event.key === " " || event.key === "Enter")) {
        event.preventDefault();
        setRevealed(true);
        return;
      }

      if (revealed && ["1", "2", "3", "4"].includes(event.key)) {
        event.preventDefault();
        rate(Number(event.key) as 1 | 2 | 3 | 4);
      }
    };

    window.addEventListener("keydown", onKey);

    return () => window.removeEventListener("keydown", onKey);
  }, [rate, revealed, undo]);

  const gradeLabels = { 1: t.again, 2: t.hard, 3: t.good, 4: t.easy } as const;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <h1 className="text-xl font-semibold">{t.title}</h1>
        <p className="flex gap-3 tabular-nums" data-testid="counts">
          <span className="sr-only">{t.remaining}:</span>
          <span className="text-sky-700 dark:text-sky-300" data-count="new">
            {t.newCards} {counts.new}
          </span>
          <span className="text-rose-700 dark:text-rose-300" data-count="learning">
            {t.learning} {counts.learning}
          </span>
          <span className="text-emerald-700 dark:text-emerald-300" data-count="review">
            {t.reviews} {counts.review}
          </span>
        </p>
      </div>

      <div aria-live="polite" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {outbox.pending.length > 0 && (
          <span data-testid="pending" className={outbox.retrying ? "text-amber-700 dark:text-amber-300" : ""}>
            {outbox.retrying ? t.saveFailed : t.pending(outbox.pending.length)}
          </span>
        )}
        {notice && <span className="ml-2">{notice}</span>}
      </div>

      {!loaded && <p>{t.loading}</p>}
      {loaded && loadFailed && !current && <p role="alert">{t.loadFailed}</p>}

      {loaded && !current && !loadFailed && (
        <section
          data-testid="done"
          className="rounded-2xl border border-slate-200 bg-white p-6 text-center dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="text-lg font-semibold">{t.doneTitle}</h2>
          <p className="mt-2 text-slate-600 dark:text-slate-400">
            {nextDue ? t.nextDue(formatWhen(nextDue, locale)) : t.nothingScheduled}
          </p>
        </section>
      )}

      {current && (
        <article
          data-testid="review-card"
          data-card-id={current.id}
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <CardHtml html={current.frontHtml} />

          {revealed ? (
            <div className="mt-4 space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800" data-testid="answer">
              <CardHtml html={current.backHtml} />
              <details open className="rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
                <summary className="cursor-pointer font-medium">{tc.explanation}</summary>
                <CardHtml html={current.explanationHtml} className="mt-2" />
              </details>
              <p className="text-xs text-slate-500">
                {tc.source}: {current.sectionHeading}
              </p>
            </div>
          ) : null}
        </article>
      )}

      {current &&
        (revealed ? (
          <fieldset className="grid grid-cols-4 gap-2" aria-label={t.title}>
            {([1, 2, 3, 4] as const).map((grade) => (
              <button
                key={grade}
                type="button"
                onClick={() => rate(grade)}
                className={`flex flex-col items-center rounded-xl px-2 py-3 text-white ${GRADE_STYLES[grade]}`}
              >
                <span className="text-xs opacity-90">{current.previews[grade].label}</span>
                <span className="font-semibold">{gradeLabels[grade]}</span>
                <kbd className="text-[10px] opacity-75">{grade}</kbd>
              </button>
            ))}
          </fieldset>
        ) : (
          <button type="button" onClick={() => setRevealed(true)} className="btn-primary w-full py-3">
            {t.show} <kbd className="ml-2 text-xs opacity-75">Space</kbd>
          </button>
        ))}

      <div className="flex items-center justify-between text-xs text-slate-500">
        <span className="hidden sm:inline">{t.keys}</span>
        <button type="button" onClick={() => void undo()} className="btn-secondary">
          {t.undo} <kbd className="ml-1 opacity-70">Z</kbd>
        </button>
      </div>
    </div>
  );
}

function addCounts(counts: Counts, delta: Counts, sign: 1 | -1): Counts {
  return {
    new: Math.max(0, counts.new + sign * delta.new),
    learning: Math.max(0, counts.learning + sign * delta.learning),
    review: Math.max(0, counts.review + sign * delta.review),
  };
}

function stageKey(stage: QueueCard["stage"]): keyof Counts {
  return stage === "new" ? "new" : stage === "learning" ? "learning" : "review";
}

function formatWhen(iso: string, locale: Locale): string {
  return dateTimeFormat(locale).format(new Date(iso));
}
