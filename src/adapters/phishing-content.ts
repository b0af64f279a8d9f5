/**
 * Loads what the phishing tracking and results pages read from content/phishing/ besides the templates (those come
 * from loadContent().phishing.templates, validated by core/phishing/templates.ts): the scanner list and the employer
 * documents. Validated at start-up (a broken file stops the start); cached.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scannerMatcher, validateScannerList, type ScannerMatcher } from '../core/phishing/scanner-filter.ts';
import { validateEmployerDocuments, type EmployerDocuments } from '../core/phishing/documents.ts';
import { CONTENT_DIR } from './content.ts';

export interface PhishingTrackingContent {
  scanners: ScannerMatcher;
  documents: EmployerDocuments;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

let cached: PhishingTrackingContent | undefined;

export function loadPhishingTrackingContent(): PhishingTrackingContent {
  const dir = path.join(CONTENT_DIR, 'phishing');
  cached ??= {
    scanners: scannerMatcher(validateScannerList(readJson(path.join(dir, 'scanners.json')))),
    documents: validateEmployerDocuments(readJson(path.join(dir, 'documents.json'))),
  };
  return cached;
}
