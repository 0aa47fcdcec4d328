import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarSeries {
  /** Category labels along the x axis (days or months). */
  labels: string[];
  values: number[];
  label: string;
  format: (value: number) => string;
  /** The y axis's shorter labels ($12k). */
  axis: (value: number) => string;
}

/** A column chart drawn by uPlot, resized with its container; its figures are also in a table for screen readers. */
export function Chart({ series, title }: { series: BarSeries; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const xs = series.labels.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        // Columns stand on zero: a range starting elsewhere would exaggerate the differences.
        scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(0, max) * 1.05 || 1] } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => series.labels[t] ?? ''), stroke: '#3c4650', grid: { show: false } },
          { values: (_u, ticks) => ticks.map((t) => series.axis(t)), stroke: '#3c4650', size: 64, grid: { stroke: '#e3e7eb' } },
        ],
        series: [{}, { label: series.label, fill: '#2f6fb3', stroke: '#2f6fb3', paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } }],
      },
      [xs, series.values],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 240), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={`${title}: column chart; the figures are in the table below`} />
      <details>
        <summary>Figures</summary>
        <table>
          <tbody>
            {series.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{series.format(series.values[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
