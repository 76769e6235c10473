import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

const WIDTH = 300;
const HEIGHT = 120;

// A bar chart drawn with visx on the server: no script is sent for it, it
// follows the text colour in light and dark mode, and the numbers are also
// listed as text for screen readers and for reading exact values.
export function BarChart({
  label,
  bars,
  format = (value) => String(value),
}: {
  label: string;
  bars: Array<{ key: string; label: string; value: number }>;
  format?: (value: number) => string;
}) {
  const x = scaleBand({ domain: bars.map((bar) => bar.key), range: [0, WIDTH], padding: 0.2 });
  const y = scaleLinear({ domain: [0, Math.max(1, ...bars.map((bar) => bar.value))], range: [HEIGHT, 0] });

  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-28 w-full text-sky-600 dark:text-sky-400"
        role="img"
        aria-label={label}
      >
        <Group>
          {bars.map((bar) => (
            <Bar
              key={bar.key}
              x={x(bar.key) ?? 0}
              y={y(bar.value)}
              width={x.bandwidth()}
              height={HEIGHT - y(bar.value)}
              fill="currentColor"
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </Bar>
          ))}
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
