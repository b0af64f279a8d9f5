/**
 * Charts as server-rendered SVG (no script, printable), always with the same numbers in a table beside them, so
 * the data is there for screen readers and for people who would rather read than look.
 */
export interface BarRow {
  label: string;
  value: number | null; // 0..100
  valueText: string;
}

export function BarChart(p: { title: string; rows: BarRow[]; tableCaption: string; valueHeading: string; id: string; highIsBad?: boolean }) {
  const rowH = 30;
  const labelW = 150;
  const barW = 220;
  const height = p.rows.length * rowH + 10;
  return (
    <figure class="chart" aria-labelledby={`${p.id}-title`}>
      <figcaption id={`${p.id}-title`}>{p.title}</figcaption>
      <div class="chart-pair">
        <svg class="bar-chart" viewBox={`0 0 ${labelW + barW + 60} ${height}`} role="img" aria-labelledby={`${p.id}-title`} focusable="false">
          {p.rows.map((r, i) => {
            const y = 5 + i * rowH;
            const w = r.value === null ? 0 : (barW * Math.max(0, Math.min(100, r.value))) / 100;
            const goodness = r.value === null ? null : p.highIsBad ? 100 - r.value : r.value;
            const band = goodness === null ? 'none' : goodness >= 75 ? 'good' : goodness >= 50 ? 'fair' : 'poor';
            return (
              <g>
                <text x={labelW - 8} y={y + 18} text-anchor="end" class="chart-label">
                  {r.label}
                </text>
                <rect x={labelW} y={y + 4} width={barW} height={rowH - 10} class="chart-track" />
                <rect x={labelW} y={y + 4} width={w} height={rowH - 10} class={`chart-bar ${band}`} />
                <text x={labelW + barW + 6} y={y + 18} class="chart-value">
                  {r.value === null ? '–' : String(r.value)}
                </text>
              </g>
            );
          })}
        </svg>
        <table class="chart-table">
          <caption>{p.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{p.title}</th>
              <th scope="col">{p.valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td>{r.valueText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export interface SeriesPoint {
  label: string; // e.g. a date
  value: number | null;
}

/** Scores over time as a simple line with points, 0–100. */
export function LineChart(p: { title: string; points: SeriesPoint[]; tableCaption: string; valueHeading: string; dateHeading: string; id: string }) {
  const w = 420;
  const h = 160;
  const pad = 30;
  const pts = p.points.map((pt, i) => ({
    ...pt,
    x: p.points.length === 1 ? w / 2 : pad + ((w - 2 * pad) * i) / (p.points.length - 1),
    y: pt.value === null ? null : h - pad - ((h - 2 * pad) * pt.value) / 100,
  }));
  const path = pts
    .filter((pt) => pt.y !== null)
    .map((pt, i) => `${i === 0 ? 'M' : 'L'}${pt.x.toFixed(1)},${(pt.y as number).toFixed(1)}`)
    .join(' ');
  return (
    <figure class="chart" aria-labelledby={`${p.id}-title`}>
      <figcaption id={`${p.id}-title`}>{p.title}</figcaption>
      <div class="chart-pair">
        <svg class="line-chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby={`${p.id}-title`} focusable="false">
          {[0, 50, 100].map((v) => (
            <g>
              <line x1={pad} x2={w - pad} y1={h - pad - ((h - 2 * pad) * v) / 100} y2={h - pad - ((h - 2 * pad) * v) / 100} class="chart-grid" />
              <text x={pad - 4} y={h - pad - ((h - 2 * pad) * v) / 100 + 4} text-anchor="end" class="chart-label">
                {String(v)}
              </text>
            </g>
          ))}
          <path d={path} class="chart-line" />
          {pts.map((pt) => (pt.y === null ? null : <circle cx={pt.x} cy={pt.y} r={4} class="chart-point" />))}
        </svg>
        <table class="chart-table">
          <caption>{p.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{p.dateHeading}</th>
              <th scope="col">{p.valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {p.points.map((pt) => (
              <tr>
                <th scope="row">{pt.label}</th>
                <td>{pt.value === null ? '–' : String(pt.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
