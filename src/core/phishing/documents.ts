/**
 * The employer's documents for a phishing simulation (content/phishing/documents.json): a notice that informs staff
 * beforehand (GDPR Art. 13) and a legitimate-interest note for the record of processing (GDPR Art. 6(1)(f), Art. 30).
 * Pure: validation and filling in the company's name.
 */
import { LOCALES, type Locale } from '../locale.ts';

export const DOCUMENT_IDS = ['staff-notice', 'legitimate-interest'] as const;
export type DocumentId = (typeof DOCUMENT_IDS)[number];

export interface DocumentText {
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
}

export interface EmployerDocuments {
  review: { date: string; sources: string[] };
  documents: Record<DocumentId, Record<Locale, DocumentText>>;
}

export function validateEmployerDocuments(input: unknown): EmployerDocuments {
  const fail = (why: string): never => {
    throw new Error(`content/phishing/documents.json: ${why}`);
  };
  const o = (typeof input === 'object' && input !== null ? input : fail('expected an object')) as Record<string, unknown>;
  const review = o.review as { date?: unknown; sources?: unknown } | undefined;
  if (!review || typeof review.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(review.date)) fail('review.date must be YYYY-MM-DD');
  if (!Array.isArray(review!.sources) || review!.sources.length === 0) fail('review.sources must list the law and guidance used');
  const docs = (o.documents ?? fail('documents missing')) as Record<string, Record<string, DocumentText | undefined>>;
  for (const id of DOCUMENT_IDS) {
    for (const l of LOCALES) {
      const d = docs[id]?.[l];
      if (!d || typeof d.title !== 'string' || !Array.isArray(d.sections) || d.sections.length === 0) fail(`${id}.${l} needs a title and sections`);
      for (const s of d!.sections) {
        if (typeof s.heading !== 'string' || !Array.isArray(s.paragraphs) || s.paragraphs.length === 0 || !s.paragraphs.every((p) => typeof p === 'string' && p.trim() !== '')) fail(`${id}.${l}: every section needs a heading and paragraphs`);
      }
    }
  }
  return input as EmployerDocuments;
}

/** The document in one language with {{company}} (and {{months}}, the retention period) filled in. */
export function fillDocument(doc: DocumentText, values: { company: string; months: number }): DocumentText {
  const fill = (s: string) => s.replace(/\{\{\s*company\s*\}\}/g, values.company).replace(/\{\{\s*months\s*\}\}/g, String(values.months));
  return { title: fill(doc.title), sections: doc.sections.map((s) => ({ heading: fill(s.heading), paragraphs: s.paragraphs.map(fill) })) };
}
