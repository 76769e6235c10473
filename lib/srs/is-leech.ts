export type IsLeechOptions = {
  // As ts-fsrs counts them: Again on a Review card only. Failing a learning or
  // relearning step does not add a lapse.
  lapses: number;
  // 0 or less turns leech detection off.
  threshold: number;
};

export function isLeech({ lapses, threshold }: IsLeechOptions): boolean {
  return threshold > 0 && lapses >= threshold;
}
