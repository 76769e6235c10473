import { randomUUID } from "node:crypto";
import { cloneClient, type HttpClient, type HttpResponse } from "./http-client";
import type { LoadWorker, Outcome } from "./load";

const SAVE_DURATION_MS = 3_000;

const PROBLEM_BODY_CHARS = 200;

// Versions of the measured user's cards as the server last reported them,
// shared by every run so a card rated at 1 client is saved with the right
// version at 10.
export type VersionBook = Map<string, number>;

// Ratings of the measured user's cards. Worker i of n owns every card whose
// position is i modulo n, so no two workers ever rate the same card and no
// save can conflict unless the app itself gets a version wrong.
export function saveWorkers(session: HttpClient, cardIds: string[], versions: VersionBook) {
  return (index: number, concurrency: number): LoadWorker => {
    const client = cloneClient(session);
    let cards = cardIds.filter((_, position) => position % concurrency === index);
    let turn = 0;

    return {
      async next(): Promise<Outcome> {
        const cardId = cards[turn % cards.length];

        if (cardId === undefined) throw new Error(`worker ${index} has no card left to rate`);

        const grade = (turn % 4) + 1;

        turn++;

        const response = await client.json("/api/review", {
          reviewId: randomUUID(),
          cardId,
          grade,
          expectedVersion: versions.get(cardId) ?? 0,
          durationMs: SAVE_DURATION_MS,
        });
        const body = parseJson(response);

        if (response.status >= 200 && response.status < 300) {
          const state = readState(body);

          if (!state) return failed(response, "the answer has no state.version");

          versions.set(cardId, state.version);

          // A card that became a leech is suspended; rating it again is a
          // conflict by design, so it leaves the rotation.
          if (state.suspended) cards = cards.filter((id) => id !== cardId);

          return { status: response.status, ms: response.ms };
        }

        // Resynchronise after a conflict so one error stays one error.
        const current = readCurrentVersion(body);

        if (current !== null) versions.set(cardId, current);

        return failed(response, cardId);
      },
      close: () => client.close(),
    };
  };
}

// The next five due cards, as the review page asks for them.
export function queueWorkers(session: HttpClient, limit: number) {
  return (): LoadWorker => {
    const client = cloneClient(session);

    return {
      async next(): Promise<Outcome> {
        const response = await client.request(`/api/review/queue?limit=${limit}`);

        if (response.status === 200) return { status: response.status, ms: response.ms };

        return failed(response, "queue");
      },
      close: () => client.close(),
    };
  };
}

export type QueueProbe = {
  cards: number;
  bytes: number;
  remaining: unknown;
  firstCardIds: string[];
};

// One queue request before the load, to show that the measured request does
// real work (cards come back) and how large its answer is.
export async function probeQueue(session: HttpClient, limit: number): Promise<QueueProbe> {
  const response = await session.request(`/api/review/queue?limit=${limit}`);

  if (response.status !== 200) {
    throw new Error(`GET /api/review/queue answered ${response.status}: ${response.body.toString("utf8")}`);
  }

  const body = parseJson(response);
  const cards = isRecord(body) && Array.isArray(body.cards) ? body.cards : [];
  const firstCardIds = cards.flatMap((card: unknown) =>
    isRecord(card) && typeof card.id === "string" ? [card.id] : [],
  );

  return {
    cards: cards.length,
    bytes: response.body.length,
    remaining: isRecord(body) ? body.remaining : null,
    firstCardIds,
  };
}

function failed(response: HttpResponse, what: string): Outcome {
  const text = response.body.toString("utf8").slice(0, PROBLEM_BODY_CHARS);

  return { status: response.status, ms: response.ms, problem: `${response.status} ${what}: ${text}` };
}

function parseJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return null;
  }
}

function readState(body: unknown): { version: number; suspended: boolean } | null {
  if (!isRecord(body) || !isRecord(body.state)) return null;

  const { version, suspended } = body.state;

  return typeof version === "number" ? { version, suspended: suspended === true } : null;
}

function readCurrentVersion(body: unknown): number | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;

  const { currentVersion } = body.error;

  return typeof currentVersion === "number" ? currentVersion : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
