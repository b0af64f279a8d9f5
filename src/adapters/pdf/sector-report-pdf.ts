/**
 * The sector risk report of a federation as a PDF (issue 11): every string already translated and every figure
 * already suppressed and formatted by the presenter; this file only lays the sections out (layout.ts).
 */
import type { DocMeta } from './documents.ts';
import { COLOR, contentWidth, createPdf, finish, FONT, header, heading, lineHeight, measure, paragraph, rowHeight, SIZE, table, type Column } from './layout.ts';

export type SectorReportBlock =
  | { kind: 'table'; caption: string; header: string[]; rows: string[][]; widths: number[] }
  | { kind: 'items'; items: { title: string; meta: string; text: string; steps: string[] }[] }
  | { kind: 'text'; text: string };

export interface SectorReportDocument extends DocMeta {
  sections: { heading: string; note: string; lead: string; blocks: SectorReportBlock[] }[];
}

const STEP_INDENT = 14;

export async function renderSectorReportPdf(report: SectorReportDocument): Promise<Buffer> {
  const doc = createPdf(report);
  header(doc, report);
  for (const section of report.sections) {
    heading(doc, section.heading, lineHeight(doc) * 3);
    paragraph(doc, section.note, { size: SIZE.small, color: COLOR.muted, gapAfter: 4 });
    paragraph(doc, section.lead, { gapAfter: 6 });
    for (const block of section.blocks) {
      if (block.kind === 'text') {
        paragraph(doc, block.text, { font: FONT.italic, color: COLOR.muted, gapAfter: 6 });
      } else if (block.kind === 'table') {
        const columns: Column[] = block.widths.map((w, i) => ({ width: w, ...(i > 0 ? { align: 'right' as const } : {}) }));
        // The caption stays with the header row and the first row of the table.
        heading(doc, block.caption, rowHeight(doc, columns, block.header) + rowHeight(doc, columns, block.rows[0] ?? []), 3);
        table(doc, columns, [block.header, ...block.rows], [{ font: FONT.bold }]);
        doc.y += 6;
      } else {
        for (const item of block.items) {
          const first = measure(doc, item.title, contentWidth(doc), { font: FONT.bold, size: SIZE.h3 }) + lineHeight(doc) * 2;
          heading(doc, item.title, first, 3);
          paragraph(doc, item.meta, { size: SIZE.small, color: COLOR.muted, gapAfter: 2 });
          paragraph(doc, item.text, { gapAfter: 2 });
          for (const step of item.steps) paragraph(doc, `• ${step}`, { indent: STEP_INDENT, gapAfter: 1 });
          doc.y += 4;
        }
      }
    }
  }
  return finish(doc, report);
}
