/** The insurance-readiness summary as a PDF: per question area its status, the evidence and what to do. */
import type { DocMeta } from './documents.ts';
import { COLOR, contentWidth, createPdf, finish, FONT, header, heading, lineHeight, measure, paragraph, SIZE } from './layout.ts';

export interface InsuranceDocument extends DocMeta {
  intro: string[];
  areas: { title: string; status: string; question: string; evidenceHeading: string; evidence: string[]; todoHeading: string; todo: string[] }[];
  sourcesHeading: string;
  sources: string[];
}

const INDENT = 14;

export async function renderInsurancePdf(d: InsuranceDocument): Promise<Buffer> {
  const doc = createPdf(d);
  header(doc, d);
  for (const p of d.intro) paragraph(doc, p, { gapAfter: 6 });
  for (const a of d.areas) {
    // The title stays with its status line and the question.
    heading(doc, a.title, lineHeight(doc) * 2 + measure(doc, a.question, contentWidth(doc)), 2);
    paragraph(doc, a.status, { font: FONT.bold, gapAfter: 2 });
    paragraph(doc, a.question, { size: SIZE.small, color: COLOR.muted, gapAfter: 4 });
    paragraph(doc, a.evidenceHeading, { font: FONT.bold, gapAfter: 2 });
    for (const e of a.evidence) paragraph(doc, `• ${e}`, { indent: INDENT, gapAfter: 1 });
    paragraph(doc, a.todoHeading, { font: FONT.bold, gapAfter: 2 });
    for (const x of a.todo) paragraph(doc, `• ${x}`, { indent: INDENT, gapAfter: 1 });
    doc.y += 6;
  }
  heading(doc, d.sourcesHeading, lineHeight(doc) * 2, 2);
  for (const s of d.sources) paragraph(doc, s, { size: SIZE.small, gapAfter: 1 });
  return finish(doc, d);
}
