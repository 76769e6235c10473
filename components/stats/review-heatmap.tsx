const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKS = 53;

// A year of review counts as a calendar grid (columns are weeks), drawn on
// the server; each cell's title carries the date and count.
export function ReviewHeatmap({
  days,
  today,
  label,
  countLabel,
}: {
  days: Array<{ day: string; count: number }>;
  today: string;
  label: string;
  countLabel: (count: number) => string;
}) {
  const counts = new Map(days.map((entry) => [entry.day, entry.count]));
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = end - (WEEKS * 7 - 1) * DAY_MS;
  const max = Math.max(1, ...days.map((entry) => entry.count));
  const cells = Array.from({ length: WEEKS * 7 }, (_, index) => {
    const day = new Date(start + index * DAY_MS).toISOString().slice(0, 10);

    return { day, count: counts.get(day) ?? 0, x: Math.floor(index / 7), y: index % 7 };
  });

  return (
    <figure className="space-y-1 overflow-x-auto">
      <svg
        viewBox={`0 0 ${WEEKS * 12} ${7 * 12}`}
        className="min-w-[36rem] text-emerald-600 dark:text-emerald-400"
        role="img"
        aria-label={label}
      >
        {cells.map((cell) => (
          <rect
            key={cell.day}
            x={cell.x * 12}
            y={cell.y * 12}
            width={10}
            height={10}
            rx={2}
            fill="currentColor"
            fillOpacity={cell.count === 0 ? 0.08 : 0.25 + 0.75 * (cell.count / max)}
            data-day={cell.day}
            data-count={cell.count}
          >
            <title>{`${cell.day}: ${countLabel(cell.count)}`}</title>
          </rect>
        ))}
      </svg>
    </figure>
  );
}
