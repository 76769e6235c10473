import { HeatmapRect } from "@visx/heatmap";
import { scaleLinear } from "@visx/scale";

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKS = 53;
const CELL = 12;
const TOP = 14;
const LEFT = 16;
// Room for a month name that starts in the last column.
const RIGHT = 14;
// Rows named on the left: Monday, Wednesday, Friday.
const NAMED_ROWS = [0, 2, 4];
// 2024-01-01 was a Monday.
const A_MONDAY_MS = Date.UTC(2024, 0, 1);

type DayCell = { day: string; count: number | null };
type WeekColumn = { start: string; days: DayCell[] };
type MonthTotal = { month: string; reviews: number; activeDays: number };

export type ReviewHeatmapLabels = {
  label: string;
  countLabel: (count: number) => string;
  month: string;
  reviews: string;
  activeDays: string;
};

// A year of review counts as a calendar: one column per week (Monday on top),
// the last column holding today, drawn on the server with visx. Each cell's
// title carries the date and count, and the totals per month are listed as
// text below.
export function ReviewHeatmap({
  days,
  today,
  windowDays,
  locale,
  labels,
}: {
  days: Array<{ day: string; count: number }>;
  today: string;
  // How many days, today included, `days` covers.
  windowDays: number;
  locale: string;
  labels: ReviewHeatmapLabels;
}) {
  const weeks = calendarWeeks(days, today, windowDays);
  const max = Math.max(1, ...days.map((entry) => entry.count));
  const opacity = scaleLinear({ domain: [0, 1, max], range: [0.08, 0.3, 1] });
  const monthName = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: "narrow", timeZone: "UTC" });
  const monthStarts = weeks.flatMap((week, column) => {
    const first = week.days.find((cell) => cell.day.endsWith("-01"));

    return first ? [{ column, label: monthName.format(new Date(`${first.day}T00:00:00Z`)) }] : [];
  });

  return (
    <figure className="space-y-1">
      {/* Right-to-left scrolling starts a narrow screen at the newest weeks. */}
      <div className="overflow-x-auto" dir="rtl">
        <svg
          direction="ltr"
          viewBox={`0 0 ${LEFT + WEEKS * CELL + RIGHT} ${TOP + 7 * CELL}`}
          className="min-w-[36rem] text-emerald-600 dark:text-emerald-400"
          role="img"
          aria-label={labels.label}
        >
          {NAMED_ROWS.map((row) => (
            <text
              key={row}
              x={0}
              y={TOP + row * CELL + CELL - 4}
              className="fill-slate-500 dark:fill-slate-400"
              fontSize={8}
            >
              {weekdayName.format(new Date(A_MONDAY_MS + row * DAY_MS))}
            </text>
          ))}
          {monthStarts.map((start) => (
            <text
              key={start.column}
              x={LEFT + start.column * CELL}
              y={TOP - 4}
              className="fill-slate-500 dark:fill-slate-400"
              fontSize={8}
            >
              {start.label}
            </text>
          ))}
          <HeatmapRect<WeekColumn, DayCell>
            data={weeks}
            bins={(week) => week.days}
            count={(cell) => cell.count ?? 0}
            xScale={(column) => column * CELL}
            yScale={(row) => row * CELL}
            binWidth={CELL}
            binHeight={CELL}
            gap={2}
            top={TOP}
            left={LEFT}
            opacityScale={(count) => opacity(Number(count))}
          >
            {(columns) =>
              columns.flat().map((cell) =>
                cell.bin.count === null ? null : (
                  <rect
                    key={cell.bin.day}
                    x={cell.x}
                    y={cell.y}
                    width={cell.width}
                    height={cell.height}
                    rx={2}
                    fill="currentColor"
                    fillOpacity={cell.opacity}
                    data-day={cell.bin.day}
                    data-count={cell.bin.count}
                  >
                    <title>{`${cell.bin.day}: ${labels.countLabel(cell.bin.count)}`}</title>
                  </rect>
                ),
              )
            }
          </HeatmapRect>
        </svg>
      </div>
      <details className="text-xs text-slate-500">
        <summary className="cursor-pointer">{labels.label}</summary>
        <table className="mt-1 w-full tabular-nums">
          <thead>
            <tr>
              <th className="text-left font-normal">{labels.month}</th>
              <th className="text-right font-normal">{labels.reviews}</th>
              <th className="text-right font-normal">{labels.activeDays}</th>
            </tr>
          </thead>
          <tbody>
            {monthTotals(weeks).map((month) => (
              <tr key={month.month}>
                <td>{month.month}</td>
                <td className="text-right">{month.reviews}</td>
                <td className="text-right">{month.activeDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

// 53 weeks of days ending with the week that holds `today`; days after today
// or before the window have no count and are not drawn.
function calendarWeeks(days: Array<{ day: string; count: number }>, today: string, windowDays: number): WeekColumn[] {
  const counts = new Map(days.map((entry) => [entry.day, entry.count]));
  const end = Date.parse(`${today}T00:00:00Z`);
  const mondayOffset = (new Date(end).getUTCDay() + 6) % 7;
  const firstMonday = end - mondayOffset * DAY_MS - (WEEKS - 1) * 7 * DAY_MS;

  return Array.from({ length: WEEKS }, (_, week) => {
    const days = Array.from({ length: 7 }, (_, weekday) => {
      const at = firstMonday + (week * 7 + weekday) * DAY_MS;
      const day = new Date(at).toISOString().slice(0, 10);

      const shown = at <= end && at > end - windowDays * DAY_MS;

      return { day, count: shown ? (counts.get(day) ?? 0) : null };
    });

    return { start: days[0]?.day ?? "", days };
  });
}

function monthTotals(weeks: WeekColumn[]): MonthTotal[] {
  const totals = new Map<string, MonthTotal>();

  for (const cell of weeks.flatMap((week) => week.days)) {
    if (cell.count === null) continue;

    const month = cell.day.slice(0, 7);
    const total = totals.get(month) ?? { month, reviews: 0, activeDays: 0 };

    total.reviews += cell.count;
    total.activeDays += cell.count > 0 ? 1 : 0;
    totals.set(month, total);
  }

  return [...totals.values()].reverse();
}
