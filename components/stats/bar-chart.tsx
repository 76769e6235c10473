// A small server-rendered bar chart: no script is sent for it, it follows the
// text colour in light and dark mode, and the numbers are also listed as text
// for screen readers and for reading exact values.
export function BarChart({
  label,
  bars,
  format = (value) => String(value),
}: {
  label: string;
  bars: Array<{ key: string; label: string; value: number }>;
  format?: (value: number) => string;
}) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = 100 / Math.max(1, bars.length);

  return (
    <figure className="space-y-1">
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        className="h-28 w-full text-sky-600 dark:text-sky-400"
        role="img"
        aria-label={label}
      >
        {bars.map((bar, index) => {
          const height = (bar.value / max) * 38;

          return (
            <rect
              key={bar.key}
              x={index * width + width * 0.1}
              y={40 - height}
              width={width * 0.8}
              height={height}
              fill="currentColor"
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </rect>
          );
        })}
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
