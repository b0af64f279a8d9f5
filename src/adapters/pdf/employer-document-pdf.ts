/** An employer document for a phishing simulation (staff notice, legitimate-interest note) as a PDF. */
import type { DocMeta } from './documents.ts';
import { createPdf, finish, header, heading, paragraph } from './layout.ts';

export interface EmployerDocumentPdf extends DocMeta {
  sections: { heading: string; paragraphs: string[] }[];
}

export async function renderEmployerDocumentPdf(d: EmployerDocumentPdf): Promise<Buffer> {
  const doc = createPdf(d);
  header(doc, d);
  for (const s of d.sections) {
    heading(doc, s.heading, 40);
    for (const p of s.paragraphs) paragraph(doc, p, { gapAfter: 6 });
  }
  return finish(doc, d);
}
