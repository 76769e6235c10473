import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

const WIDTH = 320;
const HEIGHT = 140;
const MARGIN = { top: 6, right: 10, bottom: 24, left: 30 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
// Beyond this many bars only every seventh (a week, for daily bars) is named.
const ALL_TICKS_UP_TO = 8;
const TICK_STEP = 7;

type BarDatum = { key: string; label: string; value: number; tick?: string };

// A bar chart drawn with visx on the server: no script is sent for it, it
// follows the text colour in light and dark mode, and the numbers are also
// listed as text for screen readers and for reading exact values.
export function BarChart({
  label,
  bars,
  format = (value) => String(value),
}: {
  label: string;
  // `tick` is the short name under the bar (the label when absent).
  bars: BarDatum[];
  format?: (value: number) => string;
}) {
  const x = scaleBand({ domain: bars.map((bar) => bar.key), range: [0, PLOT_WIDTH], padding: 0.2 });
  const y = scaleLinear({
    domain: [0, Math.max(1, ...bars.map((bar) => bar.value))],
    range: [PLOT_HEIGHT, 0],
    nice: true,
  });
  // Counts are whole numbers, so a "0.5 reviews" tick would mean nothing.
  const wholeValues = bars.every((bar) => Number.isInteger(bar.value));
  const valueTicks = y.ticks(3).filter((value) => !wholeValues || Number.isInteger(value));
  const ticks = new Map(bars.map((bar) => [bar.key, bar.tick ?? bar.label]));
  const tickKeys =
    bars.length <= ALL_TICKS_UP_TO
      ? bars.map((bar) => bar.key)
      : bars.filter((_, index) => index % TICK_STEP === 0).map((bar) => bar.key);

  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-36 w-full text-sky-600 dark:text-sky-400"
        role="img"
        aria-label={label}
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {bars.map((bar) => (
            <Bar
              key={bar.key}
              x={x(bar.key) ?? 0}
              y={y(bar.value)}
              width={x.bandwidth()}
              height={PLOT_HEIGHT - y(bar.value)}
              fill="currentColor"
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </Bar>
          ))}
          <AxisLeft
            scale={y}
            tickValues={valueTicks}
            tickFormat={(value) => format(Number(value))}
            stroke="currentColor"
            tickStroke="currentColor"
            axisClassName="text-slate-300 dark:text-slate-700"
            tickLabelProps={{ fontSize: 8, className: "fill-slate-500 dark:fill-slate-400" }}
          />
          <AxisBottom
            top={PLOT_HEIGHT}
            scale={x}
            tickValues={tickKeys}
            tickFormat={(key) => ticks.get(key) ?? key}
            stroke="currentColor"
            tickStroke="currentColor"
            axisClassName="text-slate-300 dark:text-slate-700"
            tickLabelProps={{ fontSize: 8, className: "fill-slate-500 dark:fill-slate-400" }}
          />
        </Group>
      </svg>
      <details className="text-xs text-slate-500">
        <summary className="cursor-pointer">{label}</summary>
        <table className="mt-1 w-full tabular-nums">
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <td>{bar.label}</td>
                <td className="text-right">{format(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
