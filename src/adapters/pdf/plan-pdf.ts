/** The action plan as a PDF: scores (bar chart plus the same numbers as a table), risks, key measures and, per horizon, what to do. */
import type { PlanDocument, ScoreRow } from './documents.ts';
import {
  clean,
  COLOR,
  contentWidth,
  createPdf,
  ensureSpace,
  finish,
  FONT,
  header,
  heading,
  keepAmount,
  keepTogether,
  left,
  lineHeight,
  measure,
  paragraph,
  type Pdf,
  SIZE,
  style,
  table,
  type TextStyle,
  usableHeight,
} from './layout.ts';

type Item = PlanDocument['horizons'][number]['items'][number];

const BAR_HEIGHT = 11;
const ROW_PAD = 5;
const GAP = 8;
const STEP_INDENT = 18;

const titleStyle: TextStyle = { font: FONT.bold, size: SIZE.h3 };
const metaStyle: TextStyle = { size: SIZE.small, color: COLOR.muted };
const emptyStyle: TextStyle = { font: FONT.italic, color: COLOR.muted };

export async function renderPlanPdf(plan: PlanDocument): Promise<Buffer> {
  const doc = createPdf(plan);
  header(doc, plan);

  // The chart is never split, so the heading must fit together with all of it (when it fits on a page at all).
  const chart = chartHeight(doc, plan.scores);
  heading(doc, plan.scoresHeading, chart <= usableHeight(doc) - 40 ? chart : 0);
  if (plan.scores.length > 0) {
    scoreChart(doc, plan.scores);
    doc.y += GAP;
    table(
      doc,
      [{ width: 0.7 }, { width: 0.3, align: 'right' }],
      plan.scores.map((s) => [s.label, s.valueText]),
      plan.scores.map((_, i) => (i === 0 ? { font: FONT.bold } : undefined)),
    );
  }

  if (plan.risks.length > 0) {
    heading(doc, plan.risksHeading, lineHeight(doc) + 8);
    table(
      doc,
      [{ width: 0.7 }, { width: 0.3, align: 'right', style: { font: FONT.bold } }],
      plan.risks.map((r) => [r.label, r.levelText]),
    );
  }

  doc.y += 12;
  paragraph(doc, plan.keyMeasuresText, { gapAfter: 4 });
  if (plan.answeredText) paragraph(doc, plan.answeredText, { gapAfter: 4 });

  for (const horizon of plan.horizons) {
    const first = horizon.items[0];
    heading(doc, horizon.heading, first ? itemKeep(doc, first) : measure(doc, horizon.emptyText, contentWidth(doc), emptyStyle));
    if (!first) {
      paragraph(doc, horizon.emptyText, emptyStyle);
      continue;
    }
    horizon.items.forEach((item, i) => {
      if (i > 0) doc.y += 12;
      planItem(doc, item);
    });
  }

  if (plan.providerQuestions) providerQuestions(doc, plan.providerQuestions);

  return finish(doc, plan);
}

/** The "I don't know" answers, numbered, each with what the provider checks (same list as the result page). */
function providerQuestions(doc: Pdf, section: NonNullable<PlanDocument['providerQuestions']>): void {
  const width = contentWidth(doc);
  const first = section.items[0];
  const introHeight = measure(doc, first ? section.intro : section.emptyText, width);
  heading(doc, section.heading, introHeight + (first ? measure(doc, first.question, width - STEP_INDENT) : 0));
  if (!first) {
    paragraph(doc, section.emptyText, emptyStyle);
    return;
  }
  paragraph(doc, section.intro, { gapAfter: 6 });
  section.items.forEach((item, i) => {
    const checks = item.checks;
    const height = measure(doc, item.question, width - STEP_INDENT) + 2 + measure(doc, checks, width - STEP_INDENT, metaStyle);
    keepTogether(doc, height, Math.min(height, 3 * lineHeight(doc)));
    style(doc);
    const y = doc.y;
    doc.text(`${i + 1}.`, left(doc), y, { width: STEP_INDENT - 4, lineBreak: false });
    doc.y = y;
    paragraph(doc, item.question, { indent: STEP_INDENT, gapAfter: 2 });
    paragraph(doc, checks, { ...metaStyle, indent: STEP_INDENT, gapAfter: 6 });
  });
}

interface ChartGeometry {
  labelWidth: number;
  barX: number;
  barWidth: number;
  valueX: number;
  valueWidth: number;
}

function chartGeometry(doc: Pdf): ChartGeometry {
  const width = contentWidth(doc);
  const labelWidth = width * 0.34;
  const valueWidth = width * 0.18;
  const barX = left(doc) + labelWidth + GAP;
  const barWidth = width - labelWidth - valueWidth - 2 * GAP;
  return { labelWidth, barX, barWidth, valueX: barX + barWidth + GAP, valueWidth };
}

function rowLabelStyle(index: number): TextStyle {
  return index === 0 ? { font: FONT.bold } : {};
}

function chartRowHeight(doc: Pdf, row: ScoreRow, index: number): number {
  const g = chartGeometry(doc);
  const label = measure(doc, row.label, g.labelWidth, rowLabelStyle(index));
  const value = measure(doc, row.valueText, g.valueWidth, rowLabelStyle(index));
  return Math.max(label, value, BAR_HEIGHT) + 2 * ROW_PAD;
}

function axisLabelHeight(doc: Pdf): number {
  return lineHeight(doc, { size: SIZE.tiny }) + 2;
}

function chartHeight(doc: Pdf, rows: ScoreRow[]): number {
  if (rows.length === 0) return 0;
  return rows.reduce((sum, row, i) => sum + chartRowHeight(doc, row, i), 0) + axisLabelHeight(doc);
}

/** Horizontal bars on a 0–100 scale with grid lines; a row without a value shows an empty dashed bar. */
function scoreChart(doc: Pdf, rows: ScoreRow[]): void {
  const g = chartGeometry(doc);
  const heights = rows.map((row, i) => chartRowHeight(doc, row, i));
  const total = chartHeight(doc, rows);
  if (total <= usableHeight(doc)) ensureSpace(doc, total);

  const top = doc.y;
  const barsHeight = total - axisLabelHeight(doc);
  const ticks = [0, 25, 50, 75, 100];
  doc.save().lineWidth(0.5).strokeColor(COLOR.rule);
  for (const t of ticks) {
    const x = g.barX + (g.barWidth * t) / 100;
    doc
      .moveTo(x, top)
      .lineTo(x, top + barsHeight)
      .stroke();
  }
  doc.restore();
  style(doc, { size: SIZE.tiny, color: COLOR.muted });
  for (const t of ticks) {
    const x = g.barX + (g.barWidth * t) / 100;
    doc.text(String(t), x - 15, top + barsHeight + 2, { width: 30, align: 'center', lineBreak: false });
  }

  let y = top;
  rows.forEach((row, i) => {
    const h = heights[i] ?? 0;
    const s = rowLabelStyle(i);
    style(doc, s);
    doc.text(clean(row.label), left(doc), y + ROW_PAD, { width: g.labelWidth });
    style(doc, s);
    doc.text(clean(row.valueText), g.valueX, y + ROW_PAD, { width: g.valueWidth, align: 'right' });

    const barY = y + ROW_PAD + Math.max(0, (lineHeight(doc, s) - BAR_HEIGHT) / 2);
    if (row.value === null) {
      doc
        .save()
        .lineWidth(0.75)
        .dash(2, { space: 2 })
        .strokeColor(COLOR.muted)
        .rect(g.barX, barY, g.barWidth, BAR_HEIGHT)
        .stroke()
        .restore();
    } else {
      const value = Math.min(100, Math.max(0, row.value));
      doc.save().rect(g.barX, barY, g.barWidth, BAR_HEIGHT).fillOpacity(0.6).fill(COLOR.track).restore();
      if (value > 0)
        doc
          .save()
          .rect(g.barX, barY, (g.barWidth * value) / 100, BAR_HEIGHT)
          .fill(COLOR.accent)
          .restore();
    }
    y += h;
  });

  doc.x = left(doc);
  doc.y = top + total;
  style(doc);
}

interface ItemLayout {
  width: number;
  title: number;
  why: number;
  steps: number[];
  meta: number;
}

function layoutItem(doc: Pdf, item: Item): ItemLayout {
  const width = contentWidth(doc);
  return {
    width,
    title: measure(doc, item.title, width, titleStyle),
    why: item.why ? measure(doc, item.why, width) : 0,
    steps: item.steps.map((s) => measure(doc, s, width - STEP_INDENT)),
    meta: item.meta ? measure(doc, item.meta, width, metaStyle) : 0,
  };
}

function itemTotal(l: ItemLayout): number {
  return l.title + 3 + l.why + 4 + l.steps.reduce((a, h) => a + h + 2, 0) + 3 + l.meta;
}

/** The unbreakable start of an item: its title and the first line after it. */
function itemMinimum(doc: Pdf, l: ItemLayout): number {
  return l.title + 3 + lineHeight(doc);
}

/** What must fit below a heading: the whole first item if it is short, else its unbreakable start. */
function itemKeep(doc: Pdf, item: Item): number {
  const l = layoutItem(doc, item);
  return keepAmount(doc, itemTotal(l), itemMinimum(doc, l));
}

function planItem(doc: Pdf, item: Item): void {
  const l = layoutItem(doc, item);
  keepTogether(doc, itemTotal(l), itemMinimum(doc, l));

  paragraph(doc, item.title, { ...titleStyle, gapAfter: 3 });
  if (item.why) paragraph(doc, item.why, { gapAfter: 4 });
  item.steps.forEach((step, i) => {
    style(doc);
    ensureSpace(doc, lineHeight(doc));
    const y = doc.y;
    doc.text(`${i + 1}.`, left(doc), y, { width: STEP_INDENT - 4, lineBreak: false });
    doc.y = y;
    paragraph(doc, step, { indent: STEP_INDENT, gapAfter: 2 });
  });
  if (item.meta) {
    doc.y += 3;
    paragraph(doc, item.meta, metaStyle);
  }
}
