/**
 * Shared PDF layout for Schild's downloadable documents: A4 pages, an embedded Unicode font, headings that stay with
 * what follows them, simple tables, and a footer with "n / N" page numbers added once all pages exist.
 *
 * Font: DejaVu Sans from the `dejavu-fonts-ttf` package (Bitstream Vera licence, DejaVu changes public domain). Unlike
 * PDFKit's built-in Helvetica (WinAnsi only), it has every character our texts use: Dutch/French/German accents,
 * curly quotes, dashes, €, no-break spaces (also U+202F), ≥ ≤ → • ✓ and more. It is embedded as a subset.
 */
import { createRequire } from 'node:module';
import type PDFKitModule from 'pdfkit';
import type { DocMeta } from './documents.ts';

export type Pdf = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);

export const FONT = { regular: 'Schild-Regular', bold: 'Schild-Bold', italic: 'Schild-Italic' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FONT_FILES: Record<FontName, string> = {
  [FONT.regular]: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  [FONT.bold]: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  [FONT.italic]: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
};

let fontPaths: Record<FontName, string> | undefined;

/** Absolute paths of the font files, resolved once through Node's module resolution. */
export function resolveFontPaths(): Record<FontName, string> {
  fontPaths ??= {
    [FONT.regular]: require.resolve(FONT_FILES[FONT.regular]),
    [FONT.bold]: require.resolve(FONT_FILES[FONT.bold]),
    [FONT.italic]: require.resolve(FONT_FILES[FONT.italic]),
  };
  return fontPaths;
}

export const COLOR = {
  text: '#1a1a1a',
  muted: '#555555',
  accent: '#1d4e89',
  rule: '#c9d1dc',
  track: '#e8ecf1',
  zebra: '#f4f6f9',
} as const;

export const MARGIN = 50;
export const SIZE = { title: 20, subtitle: 12, h2: 14, h3: 11.5, body: 10, small: 9, tiny: 8 } as const;
export const LINE_GAP = 2;

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
}

/**
 * Text as it goes into the PDF: NFC (so an "é" typed as e + combining accent is one glyph), no control characters,
 * tabs as spaces. Every character DejaVu Sans lacks would show as an empty box; for our languages there are none.
 */
export function clean(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
  );
}

let pdfkit: typeof PDFKitModule | undefined;
/** pdfkit is loaded with the first PDF, not at start: most processes never make one (about 5 MiB of memory). */
function loadPdfkit(): typeof PDFKitModule {
  return (pdfkit ??= require('pdfkit') as typeof PDFKitModule);
}

/** A new A4 document with Schild's metadata, language and fonts; pages are buffered so the footer can number them. */
export function createPdf(meta: DocMeta): Pdf {
  const paths = resolveFontPaths();
  const PDFDocument = loadPdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN }, // room for the footer below the text
    bufferPages: true,
    pdfVersion: '1.7',
    lang: meta.lang,
    displayTitle: true,
    info: { Title: clean(meta.title), Author: 'Schild', Subject: clean(meta.subtitle), Creator: 'Schild' },
  });
  // The catalogue's /Lang (set above) is the standard place; the Info entry helps tools that only read Info.
  Object.assign(doc.info, { Language: meta.lang });
  // Registered by name and used only by name: PDFKit caches a font under the key it was first opened with, so opening
  // the same file under a second key (e.g. the `font` option) would re-parse it on every switch. The default Helvetica
  // PDFKit sets up is never used for text, so it is never written to the file.
  for (const name of Object.values(FONT)) doc.registerFont(name, paths[name]);
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  return doc;
}

/** Collects the document's bytes; call before `doc.end()`. */
export function collect(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function left(doc: Pdf): number {
  return doc.page.margins.left;
}

export function usableHeight(doc: Pdf): number {
  return doc.page.maxY() - doc.page.margins.top;
}

function remaining(doc: Pdf): number {
  return doc.page.maxY() - doc.y;
}

export function style(doc: Pdf, s: TextStyle = {}): Pdf {
  return doc
    .font(s.font ?? FONT.regular)
    .fontSize(s.size ?? SIZE.body)
    .fillColor(s.color ?? COLOR.text);
}

/** Height of `text` in `width` with style `s`. */
export function measure(doc: Pdf, text: string, width: number, s: TextStyle = {}): number {
  style(doc, s);
  return doc.heightOfString(clean(text), { width, lineGap: LINE_GAP });
}

/** Height of one line in style `s`. */
export function lineHeight(doc: Pdf, s: TextStyle = {}): number {
  style(doc, s);
  return doc.currentLineHeight(true) + LINE_GAP;
}

export function newPage(doc: Pdf): void {
  doc.addPage();
  doc.x = left(doc);
  doc.y = doc.page.margins.top;
}

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (height > remaining(doc)) newPage(doc);
}

/** A block at most this part of a page high is moved to the next page whole rather than split. */
const KEEP_WHOLE = 0.4;

/** How much of a block (`total` high, `minimum` = its unbreakable start) must follow a heading on the same page. */
export function keepAmount(doc: Pdf, total: number, minimum: number): number {
  return total <= usableHeight(doc) * KEEP_WHOLE ? total : minimum;
}

/**
 * Keeps a block of `total` points together when it is small enough to move to the next page whole (so no page is left
 * mostly blank); a bigger block starts here as long as its first `minimum` points fit.
 */
export function keepTogether(doc: Pdf, total: number, minimum: number): void {
  if (total > remaining(doc) && keepAmount(doc, total, minimum) > remaining(doc)) newPage(doc);
}

/** Writes a paragraph at the left margin (plus `indent`) and moves below it; long text flows onto the next page. */
export function paragraph(doc: Pdf, text: string, s: TextStyle & { indent?: number; gapAfter?: number; width?: number } = {}): void {
  const indent = s.indent ?? 0;
  const width = s.width ?? contentWidth(doc) - indent;
  style(doc, s);
  // The first line must fit, otherwise PDFKit would break the page itself after we placed something beside it.
  ensureSpace(doc, doc.currentLineHeight(true));
  doc.text(clean(text), left(doc) + indent, doc.y, { width, lineGap: LINE_GAP });
  doc.x = left(doc);
  doc.y += s.gapAfter ?? 0;
}

export function rule(doc: Pdf, color: string = COLOR.rule, gap = 6): void {
  const y = doc.y + gap / 2;
  doc
    .save()
    .moveTo(left(doc), y)
    .lineTo(left(doc) + contentWidth(doc), y)
    .lineWidth(0.75)
    .strokeColor(color)
    .stroke()
    .restore();
  doc.y = y + gap / 2;
}

/** Title, subtitle and the "made with Schild" line at the top of the first page. */
export function header(doc: Pdf, meta: DocMeta): void {
  doc.y = doc.page.margins.top;
  paragraph(doc, meta.title, { font: FONT.bold, size: SIZE.title, color: COLOR.accent, gapAfter: 4 });
  paragraph(doc, meta.subtitle, { size: SIZE.subtitle, gapAfter: 4 });
  paragraph(doc, meta.generatedLabel, { size: SIZE.tiny, color: COLOR.muted, gapAfter: 2 });
  rule(doc, COLOR.accent, 16);
}

/** A section heading that is never left alone at the bottom of a page: `keepWithNext` points must fit below it. */
export function heading(doc: Pdf, text: string, keepWithNext: number, level: 2 | 3 = 2): void {
  const s: TextStyle = level === 2 ? { font: FONT.bold, size: SIZE.h2, color: COLOR.accent } : { font: FONT.bold, size: SIZE.h3 };
  const before = level === 2 ? 14 : 8;
  const height = measure(doc, text, contentWidth(doc), s);
  if (doc.y > doc.page.margins.top) doc.y += before;
  ensureSpace(doc, height + 6 + keepWithNext);
  paragraph(doc, text, { ...s, gapAfter: 6 });
}

export interface Column {
  width: number; // fraction of the content width
  align?: 'left' | 'right' | 'center';
  style?: TextStyle;
}

const CELL_PAD_X = 6;
const CELL_PAD_Y = 4;

/** Height of one table row whose cells wrap in their columns. */
export function rowHeight(doc: Pdf, columns: Column[], cells: string[]): number {
  const total = contentWidth(doc);
  let height = 0;
  columns.forEach((col, i) => {
    height = Math.max(height, measure(doc, cells[i] ?? '', col.width * total - 2 * CELL_PAD_X, col.style));
  });
  return height + 2 * CELL_PAD_Y;
}

/**
 * A plain table without a header row (the caller's heading says what it is): striped rows with a line under each.
 * A row never splits over two pages. `rowStyles` can override a column style for one row (e.g. the overall score).
 */
export function table(doc: Pdf, columns: Column[], rows: string[][], rowStyles: (TextStyle | undefined)[] = []): void {
  const total = contentWidth(doc);
  const x0 = left(doc);
  rows.forEach((cells, r) => {
    const override = rowStyles[r];
    const cols = columns.map((c) => ({ ...c, style: { ...c.style, ...override } }));
    const h = rowHeight(doc, cols, cells);
    if (h <= usableHeight(doc)) ensureSpace(doc, h);
    const y = doc.y;
    if (r % 2 === 0) doc.save().rect(x0, y, total, h).fill(COLOR.zebra).restore();
    let x = x0;
    cols.forEach((col, i) => {
      const w = col.width * total;
      style(doc, col.style);
      doc.text(clean(cells[i] ?? ''), x + CELL_PAD_X, y + CELL_PAD_Y, {
        width: w - 2 * CELL_PAD_X,
        align: col.align ?? 'left',
        lineGap: LINE_GAP,
      });
      x += w;
    });
    doc
      .save()
      .moveTo(x0, y + h)
      .lineTo(x0 + total, y + h)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke()
      .restore();
    doc.x = x0;
    doc.y = y + h;
  });
  style(doc);
}

/** Footer on every page: the document's footer text on the left, "n / N" on the right. Call once, before `end()`. */
export function footer(doc: Pdf, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the text area must not add pages
    const x0 = left(doc);
    const width = contentWidth(doc);
    const y = doc.page.height - MARGIN - 4;
    doc
      .save()
      .moveTo(x0, y - 6)
      .lineTo(x0 + width, y - 6)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke()
      .restore();
    style(doc, { size: SIZE.tiny, color: COLOR.muted });
    const number = `${i - range.start + 1} / ${range.count}`;
    const numberWidth = 60;
    doc.text(clean(text), x0, y, { width: width - numberWidth - 10, lineGap: 1 });
    doc.text(number, x0 + width - numberWidth, y, { width: numberWidth, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Footer, end and bytes. */
export async function finish(doc: Pdf, meta: DocMeta): Promise<Buffer> {
  const bytes = collect(doc);
  footer(doc, meta.footer);
  doc.end();
  return bytes;
}
