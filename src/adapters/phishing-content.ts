/**
 * Loads what the phishing tracking and results pages read from content/phishing/: the templates' teaching fields, the
 * scanner list and the employer documents. Validated at start-up (a broken file stops the start); cached.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readTeachingTemplate, type TeachingTemplate } from '../core/phishing/teaching.ts';
import { scannerMatcher, validateScannerList, type ScannerMatcher } from '../core/phishing/scanner-filter.ts';
import { validateEmployerDocuments, type EmployerDocuments } from '../core/phishing/documents.ts';
import { CONTENT_DIR } from './content.ts';

export interface PhishingTrackingContent {
  templates: ReadonlyMap<string, TeachingTemplate>;
  scanners: ScannerMatcher;
  documents: EmployerDocuments;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** content/phishing/templates/<id>.json; a file's name must be its id. */
export function loadTeachingTemplates(dir: string): Map<string, TeachingTemplate> {
  const out = new Map<string, TeachingTemplate>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const t = readTeachingTemplate(readJson(path.join(dir, f)));
    if (`${t.id}.json` !== f) throw new Error(`phishing template ${f}: the file name must be ${t.id}.json`);
    out.set(t.id, t);
  }
  return out;
}

let cached: PhishingTrackingContent | undefined;

/** The bundled content; tests may read templates from another folder (test/fixtures/phishing/templates). */
export function loadPhishingTrackingContent(opts: { templatesDir?: string } = {}): PhishingTrackingContent {
  const dir = path.join(CONTENT_DIR, 'phishing');
  const load = (templatesDir: string) => ({
    templates: loadTeachingTemplates(templatesDir),
    scanners: scannerMatcher(validateScannerList(readJson(path.join(dir, 'scanners.json')))),
    documents: validateEmployerDocuments(readJson(path.join(dir, 'documents.json'))),
  });
  if (opts.templatesDir) return load(opts.templatesDir);
  cached ??= load(path.join(dir, 'templates'));
  return cached;
}
