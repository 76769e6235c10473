"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type OutboxEntry = {
  reviewId: string;
  cardId: string;
  grade: 1 | 2 | 3 | 4;
  expectedVersion: number;
  durationMs: number;
  reviewedAt: string;
};

export type SaveOutcome =
  | { kind: "saved"; entry: OutboxEntry; version: number; becameLeech: boolean }
  | { kind: "rejected"; entry: OutboxEntry; status: number; code: string };

const MAX_BACKOFF_MS = 30_000;

// Ratings waiting to be saved, kept in localStorage so a reload or a dropped
// connection loses nothing. They are sent one at a time, in order, each with
// its own review id, so a retry of a save that did reach the server is
// recognised there and applied once.
export function useReviewOutbox(storageKey: string, onOutcome: (outcome: SaveOutcome) => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [retrying, setRetrying] = useState(false);
  const entriesRef = useRef<OutboxEntry[]>([]);
  const inFlight = useRef<string | null>(null);
  const waiters = useRef(new Map<string, Array<(outcome: SaveOutcome) => void>>());
  const onOutcomeRef = useRef(onOutcome);

  onOutcomeRef.current = onOutcome;

  const commit = useCallback(
    (next: OutboxEntry[]) => {
      entriesRef.current = next;
      setEntries(next);

      try {
        if (next.length > 0) localStorage.setItem(storageKey, JSON.stringify(next));
        else localStorage.removeItem(storageKey);
      } catch {
        // Storage full or disabled: the ratings still go out from memory.
      }
    },
    [storageKey],
  );

  const settle = useCallback((outcome: SaveOutcome) => {
    for (const resolve of waiters.current.get(outcome.entry.reviewId) ?? []) resolve(outcome);
    waiters.current.delete(outcome.entry.reviewId);
    onOutcomeRef.current(outcome);
  }, []);

  const pump = useCallback(async () => {
    if (inFlight.current) return;

    let attempt = 0;

    while (entriesRef.current.length > 0) {
      const entry = entriesRef.current[0] as OutboxEntry;

      inFlight.current = entry.reviewId;

      const result = await send(entry);

      if (result.kind === "retry") {
        attempt++;
        setRetrying(true);
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt)));
        continue;
      }

      attempt = 0;
      setRetrying(false);
      commit(entriesRef.current.filter((e) => e.reviewId !== entry.reviewId));
      inFlight.current = null;
      settle(result.outcome);
    }

    inFlight.current = null;
  }, [commit, settle]);

  // Ratings left over from before a reload go out first.
  useEffect(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey) ?? "[]") as OutboxEntry[];

      if (Array.isArray(stored) && stored.length > 0) {
        commit(stored);
        void pump();
      }
    } catch {
      localStorage.removeItem(storageKey);
    }
  }, [storageKey, commit, pump]);

  const enqueue = useCallback(
    (entry: OutboxEntry) => {
      commit([...entriesRef.current, entry]);
      void pump();
    },
    [commit, pump],
  );

  // Takes back a rating that has not left yet; false if it is being sent or
  // already saved.
  const withdraw = useCallback(
    (reviewId: string): boolean => {
      if (inFlight.current === reviewId || !entriesRef.current.some((e) => e.reviewId === reviewId)) return false;

      commit(entriesRef.current.filter((e) => e.reviewId !== reviewId));

      return true;
    },
    [commit],
  );

  const whenSettled = useCallback((reviewId: string): Promise<SaveOutcome> | null => {
    if (!entriesRef.current.some((e) => e.reviewId === reviewId)) return null;

    return new Promise((resolve) => {
      waiters.current.set(reviewId, [...(waiters.current.get(reviewId) ?? []), resolve]);
    });
  }, []);

  return { pending: entries, retrying, enqueue, withdraw, whenSettled };
}

async function send(entry: OutboxEntry): Promise<{ kind: "done"; outcome: SaveOutcome } | { kind: "retry" }> {
  try {
    const response = await fetch("/api/review", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(entry),
    });

    if (response.ok) {
      const body = (await response.json()) as { state: { version: number }; becameLeech: boolean };

      return {
        kind: "done",
        outcome: { kind: "saved", entry, version: body.state.version, becameLeech: body.becameLeech },
      };
    }

    // Server trouble or a lost session is worth retrying; any other refusal
    // will not change by sending it again.
    if (response.status >= 500 || response.status === 401 || response.status === 429) return { kind: "retry" };

    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };

    return {
      kind: "done",
      outcome: { kind: "rejected", entry, status: response.status, code: body.error?.code ?? "error" },
    };
  } catch {
    return { kind: "retry" };
  }
}
