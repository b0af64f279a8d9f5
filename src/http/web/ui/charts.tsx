/**
 * Charts as server-rendered SVG (no script, printable), always with the same numbers in a table beside them, so
 * the data is there for screen readers and for people who would rather read than look.
 */
export interface BarRow {
  label: string;
  value: number | null; // 0..100
  valueText: string;
}

/** Average glyph width of the 13px chart font, in viewBox units: enough to size the chart to its longest label. */
const GLYPH_W = 7.4;

export function BarChart(p: { title: string; rows: BarRow[]; tableCaption: string; valueHeading: string; id: string; highIsBad?: boolean }) {
  // Each label sits on its own line above its bar, so long labels (German compounds, French phrases) keep the whole
  // width on a phone; the drawing is as wide as its longest label, and scales down with the screen as one piece.
  const rowH = 46;
  const barW = 260;
  const longest = Math.max(0, ...p.rows.map((r) => r.label.length));
  const width = Math.ceil(Math.max(barW + 50, longest * GLYPH_W + 8));
  const height = p.rows.length * rowH + 6;
  return (
    <figure class="chart" aria-labelledby={`${p.id}-title`}>
      <figcaption id={`${p.id}-title`}>{p.title}</figcaption>
      <div class="chart-pair">
        <svg class="bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${p.id}-title`} focusable="false">
          {p.rows.map((r, i) => {
            const y = 4 + i * rowH;
            const w = r.value === null ? 0 : (barW * Math.max(0, Math.min(100, r.value))) / 100;
            const goodness = r.value === null ? null : p.highIsBad ? 100 - r.value : r.value;
            const band = goodness === null ? 'none' : goodness >= 75 ? 'good' : goodness >= 50 ? 'fair' : 'poor';
            return (
              <g>
                <text x={0} y={y + 14} class="chart-label">
                  {r.label}
                </text>
                <rect x={0} y={y + 20} width={barW} height={18} class="chart-track" />
                <rect x={0} y={y + 20} width={w} height={18} class={`chart-bar ${band}`} />
                <text x={barW + 6} y={y + 34} class="chart-value">
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
