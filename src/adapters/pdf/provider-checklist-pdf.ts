/**
 * "How to choose an IT provider" as a printable PDF (issue 12): per question what a good answer sounds like, the
 * warning signs and a ruled space to write the provider's answer. Every string arrives translated; this file only
 * lays it out with the shared layout (layout.ts).
 */
import type { DocMeta } from './documents.ts';
import { COLOR, contentWidth, createPdf, ensureSpace, finish, FONT, header, heading, left, lineHeight, measure, paragraph, rule, SIZE, type Pdf } from './layout.ts';

export interface ChoosingChecklistDocument extends DocMeta {
  intro: string;
  questions: { question: string; goodLabel: string; good: string; warningLabel: string; warning: string; answerLabel: string }[];
  closing: string;
  sourcesHeading: string;
  sources: string[];
}

const WRITE_LINES = 2;

export async function renderChoosingChecklistPdf(c: ChoosingChecklistDocument): Promise<Buffer> {
  const doc = createPdf(c);
  header(doc, c);
  paragraph(doc, c.intro, { gapAfter: 8 });
  c.questions.forEach((q, i) => {
    const title = `${i + 1}. ${q.question}`;
    // The question stays with its "good answer" lines.
    const first = measure(doc, q.good, contentWidth(doc)) + lineHeight(doc) * 2;
    heading(doc, title, first, 3);
    paragraph(doc, q.goodLabel, { font: FONT.bold, size: SIZE.small, gapAfter: 1 });
    paragraph(doc, q.good, { gapAfter: 3 });
    paragraph(doc, q.warningLabel, { font: FONT.bold, size: SIZE.small, gapAfter: 1 });
    paragraph(doc, q.warning, { gapAfter: 3 });
    writingSpace(doc, q.answerLabel);
  });
  paragraph(doc, c.closing, { gapAfter: 8 });
  heading(doc, c.sourcesHeading, lineHeight(doc) * 2, 3);
  for (const s of c.sources) paragraph(doc, `• ${s}`, { size: SIZE.small, color: COLOR.muted, gapAfter: 1 });
  return finish(doc, c);
}

/** A label and ruled lines where the owner writes the provider's answer during the meeting. */
function writingSpace(doc: Pdf, label: string): void {
  const line = lineHeight(doc) * 1.6;
  ensureSpace(doc, lineHeight(doc, { size: SIZE.small }) + line * WRITE_LINES);
  paragraph(doc, label, { font: FONT.italic, size: SIZE.small, color: COLOR.muted, gapAfter: 0 });
  for (let i = 0; i < WRITE_LINES; i++) {
    doc.y += line;
    doc.save().moveTo(left(doc), doc.y).lineTo(left(doc) + contentWidth(doc), doc.y).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  }
  doc.y += 6;
  rule(doc);
}
