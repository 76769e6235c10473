import { describe, expect, it } from "vitest";
import { type BuildQueueOptions, buildQueue, dayWindow, HOUR, MINUTE } from "@/lib/srs";

// Asia/Shanghai, day from 04:00. Now is 09:00 local on 10 March (01:00Z);
// the day runs 2026-03-09T20:00Z to 2026-03-10T20:00Z.
const now = new Date("2026-03-10T01:00:00.000Z");
const day = dayWindow({ now, timeZone: "Asia/Shanghai", dayStartHour: 4 });
const at = (offset: number) => new Date(now.getTime() + offset);

const newCards = Array.from({ length: 30 }, (_, index) => ({ cardId: `new-${String(index).padStart(2, "0")}` }));

function options(change: Partial<BuildQueueOptions> = {}): BuildQueueOptions {
  return {
    now,
    day,
    learning: [],
    reviews: [],
    newCards,
    doneToday: { newCards: 0, reviews: 0 },
    limits: { newPerDay: 20, reviewsPerDay: 200 },
    ...change,
  };
}

describe("buildQueue", () => {
  it("orders learning steps that are up, then today's reviews most overdue first, then new cards", () => {
    const result = buildQueue(
      options({
        learning: [
          { cardId: "learn-later", due: at(30 * MINUTE) },
          { cardId: "learn-now", due: now },
          { cardId: "learn-early", due: at(-5 * MINUTE) },
        ],
        reviews: [
          { cardId: "review-tonight", due: at(10 * HOUR) },
          { cardId: "review-tomorrow", due: day.end },
          { cardId: "review-last-week", due: at(-7 * 24 * HOUR) },
          { cardId: "review-this-morning", due: at(-3 * HOUR) },
        ],
        limits: { newPerDay: 2, reviewsPerDay: 200 },
      }),
    );

    expect(result).toEqual({
      next: [
        "learn-early",
        "learn-now",
        "review-last-week",
        "review-this-morning",
        "review-tonight",
        "new-00",
        "new-01",
      ],
      remaining: { learning: 3, review: 3, new: 2 },
      nextLearningDue: at(30 * MINUTE),
    });
  });

  it("shows only what is left of the new-card limit: 20 a day with 18 done leaves 2", () => {
    const result = buildQueue(options({ doneToday: { newCards: 18, reviews: 0 } }));

    expect(result.next).toEqual(["new-00", "new-01"]);
    expect(result.remaining.new).toBe(2);
  });

  it("caps reviews at what is left of the review limit, keeping the most overdue", () => {
    const reviews = [1, 2, 3, 4, 5].map((hours) => ({ cardId: `review-${hours}h-late`, due: at(-hours * HOUR) }));
    const result = buildQueue(
      options({
        reviews,
        newCards: [],
        doneToday: { newCards: 0, reviews: 8 },
        limits: { newPerDay: 20, reviewsPerDay: 10 },
      }),
    );

    expect(result.next).toEqual(["review-5h-late", "review-4h-late"]);
    expect(result.remaining.review).toBe(2);
  });

  it("never goes negative when more was done than the limit allows", () => {
    const result = buildQueue(
      options({
        reviews: [{ cardId: "review", due: now }],
        doneToday: { newCards: 25, reviews: 250 },
        limits: { newPerDay: 20, reviewsPerDay: 200 },
      }),
    );

    expect(result).toEqual({ next: [], remaining: { learning: 0, review: 0, new: 0 }, nextLearningDue: null });
  });

  it("never limits learning cards", () => {
    const learning = [1, 2, 3].map((minutes) => ({ cardId: `learn-${minutes}`, due: at(-minutes * MINUTE) }));
    const result = buildQueue(options({ learning, newCards: [], doneToday: { newCards: 20, reviews: 200 } }));

    expect(result.next).toEqual(["learn-3", "learn-2", "learn-1"]);
  });

  it("says when the next learning step comes up once everything else is done", () => {
    const result = buildQueue(
      options({
        learning: [
          { cardId: "learn-b", due: at(9 * MINUTE) },
          { cardId: "learn-a", due: at(4 * MINUTE) },
          { cardId: "learn-tomorrow", due: day.end },
        ],
        newCards: [],
      }),
    );

    expect(result).toEqual({
      next: [],
      remaining: { learning: 2, review: 0, new: 0 },
      nextLearningDue: at(4 * MINUTE),
    });
  });

  it("breaks ties in due time by card id, whatever order the caller used", () => {
    const reviews = ["c", "a", "b"].map((cardId) => ({ cardId, due: at(-HOUR) }));

    expect(buildQueue(options({ reviews, newCards: [] })).next).toEqual(["a", "b", "c"]);
  });
});
