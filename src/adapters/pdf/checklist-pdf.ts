/** The IT-provider checklist as a PDF: intro, per section one row per item with a box to tick, then a place to sign. */
import type { ChecklistDocument } from './documents.ts';
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
  left,
  lineHeight,
  measure,
  paragraph,
  type Pdf,
  SIZE,
  style,
  type TextStyle,
  usableHeight,
} from './layout.ts';

type Item = ChecklistDocument['sections'][number]['items'][number];

const BOX = 10;
const PAD_Y = 6;
const GAP = 8;

const titleStyle: TextStyle = { font: FONT.bold, size: SIZE.body + 0.5 };
const criterionStyle: TextStyle = { size: SIZE.small + 0.5 };
const noteStyle: TextStyle = { font: FONT.italic, size: SIZE.small, color: COLOR.muted };
const statusStyle: TextStyle = { font: FONT.bold, size: SIZE.small };
const emptyStyle: TextStyle = { font: FONT.italic, color: COLOR.muted };

export async function renderChecklistPdf(checklist: ChecklistDocument): Promise<Buffer> {
  const doc = createPdf(checklist);
  header(doc, checklist);
  paragraph(doc, checklist.intro, { gapAfter: 4 });

  for (const section of checklist.sections) {
    const first = section.items[0];
    heading(doc, section.heading, first ? itemHeight(doc, first) : measure(doc, section.emptyText, contentWidth(doc), emptyStyle));
    if (!first) {
      paragraph(doc, section.emptyText, emptyStyle);
      continue;
    }
    rule(doc);
    for (const item of section.items) checklistItem(doc, item);
  }

  signature(doc, checklist.signatureLabel);
  return finish(doc, checklist);
}

interface Columns {
  textX: number;
  textWidth: number;
  statusX: number;
  statusWidth: number;
}

function columns(doc: Pdf): Columns {
  const width = contentWidth(doc);
  const statusWidth = width * 0.22;
  const textX = left(doc) + BOX + GAP + 2;
  return { textX, textWidth: width - statusWidth - (textX - left(doc)) - GAP, statusX: left(doc) + width - statusWidth, statusWidth };
}

function itemHeight(doc: Pdf, item: Item): number {
  const c = columns(doc);
  const text =
    measure(doc, item.title, c.textWidth, titleStyle) +
    2 +
    measure(doc, item.criterion, c.textWidth, criterionStyle) +
    (item.note ? 2 + measure(doc, item.note, c.textWidth, noteStyle) : 0);
  return Math.max(text, measure(doc, item.status, c.statusWidth, statusStyle), BOX) + 2 * PAD_Y;
}

function rule(doc: Pdf, y: number = doc.y): void {
  doc
    .save()
    .moveTo(left(doc), y)
    .lineTo(left(doc) + contentWidth(doc), y)
    .lineWidth(0.5)
    .strokeColor(COLOR.rule)
    .stroke()
    .restore();
}

/** One row: ☐ | title, criterion, note | status. A row is never split over two pages. */
function checklistItem(doc: Pdf, item: Item): void {
  const c = columns(doc);
  const h = itemHeight(doc, item);
  if (h <= usableHeight(doc)) ensureSpace(doc, h);
  let y = doc.y;
  if (y === doc.page.margins.top) rule(doc, y); // a row that opens a page gets its top line too
  const top = y;

  const boxY = top + PAD_Y + Math.max(0, (lineHeight(doc, titleStyle) - BOX) / 2) - 1;
  doc.save().lineWidth(0.9).strokeColor(COLOR.text).rect(left(doc), boxY, BOX, BOX).stroke().restore();

  y += PAD_Y;
  style(doc, titleStyle);
  doc.text(clean(item.title), c.textX, y, { width: c.textWidth, lineGap: 2 });
  y = doc.y + 2;
  style(doc, criterionStyle);
  doc.text(clean(item.criterion), c.textX, y, { width: c.textWidth, lineGap: 2 });
  if (item.note) {
    y = doc.y + 2;
    style(doc, noteStyle);
    doc.text(clean(item.note), c.textX, y, { width: c.textWidth, lineGap: 2 });
  }

  style(doc, statusStyle);
  doc.text(clean(item.status), c.statusX, top + PAD_Y, { width: c.statusWidth, align: 'right', lineGap: 2 });

  doc.x = left(doc);
  doc.y = top + h;
  rule(doc);
  style(doc);
}

/** The signature block: label and three lines to write on, kept together at the end. */
function signature(doc: Pdf, label: string): void {
  const width = contentWidth(doc);
  const lines = 3;
  const spacing = 30;
  const height = 24 + measure(doc, label, width, { font: FONT.bold }) + lines * spacing;
  doc.y += 24;
  ensureSpace(doc, height - 24);
  paragraph(doc, label, { font: FONT.bold, gapAfter: 0 });
  doc.save().lineWidth(0.75).strokeColor(COLOR.text);
  for (let i = 1; i <= lines; i++) {
    const y = doc.y + i * spacing;
    doc
      .moveTo(left(doc), y)
      .lineTo(left(doc) + width, y)
      .stroke();
  }
  doc.restore();
  doc.y += lines * spacing + 4;
}
