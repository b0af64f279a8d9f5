/** A notification draft as a PDF: the authority's questions, each with the answer taken from the incident. */
import type { DraftDocument } from './documents.ts';
import { contentWidth, createPdf, finish, FONT, header, measure, paragraph, SIZE, type TextStyle } from './layout.ts';

const labelStyle: TextStyle = { font: FONT.bold, size: SIZE.body };
const valueStyle: TextStyle = { size: SIZE.body };

export async function renderDraftPdf(d: DraftDocument): Promise<Buffer> {
  const doc = createPdf(d);
  header(doc, d);
  paragraph(doc, d.intro, { gapAfter: 8 });
  for (const f of d.fields) {
    const need = measure(doc, f.label, contentWidth(doc), labelStyle) + measure(doc, f.value || '—', contentWidth(doc), valueStyle);
    if (doc.y + need > doc.page.height - doc.page.margins.bottom) doc.addPage();
    paragraph(doc, f.label, { ...labelStyle, gapAfter: 2 });
    paragraph(doc, f.value || '—', { ...valueStyle, gapAfter: 10 });
  }
  return finish(doc, d);
}
