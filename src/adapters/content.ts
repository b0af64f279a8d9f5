/** Loads the bundled content from content/ and validates it at start-up (a broken file stops the start). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateNaceList, withSectorKeywords, type NaceList } from '../core/nace.ts';
import { validateCatalog, type AssessmentCatalog } from '../core/assessment/catalog.ts';
import { validateIncidentContent, type IncidentContent } from '../core/incidents/content.ts';
import type { ScanMessages } from '../core/scan/messages.ts';
import type { ProviderSteps } from '../core/scan/provider-steps.ts';
import { loadScanMessages, loadScanProviderSteps } from './scan-content.ts';
import { parsePasswordList } from '../core/password-list.ts';
import { validateLessons, type Lesson } from '../core/training/lessons.ts';
import { validateTemplates, type PhishingTemplate } from '../core/phishing/templates.ts';
import { validatePublicMailboxList, type PublicMailboxList } from '../core/phishing/domain-rules.ts';
import { validateArticles, type Article } from '../core/articles/articles.ts';
import { PROJECT_ROOT } from './paths.ts';
import { validateProviderTrack, type ProviderLesson } from '../core/providers/track-content.ts';
import { validateChoosingChecklist, type ChoosingChecklist } from '../core/providers/checklist.ts';
import { validateSoftwareCatalogue, type SoftwareCatalogue } from '../core/software/catalogue.ts';
import { validateSupportContent, type SupportContent } from '../core/support/schemes.ts';

export const CONTENT_DIR = path.join(PROJECT_ROOT, 'content');

export interface Content {
  nace: NaceList;
  assessment: AssessmentCatalog;
  incidents: IncidentContent;
  scanMessages: ScanMessages;
  scanProviderSteps: ProviderSteps;
  commonPasswords: ReadonlySet<string>;
  lessons: Lesson[];
  phishing: { templates: ReadonlyMap<string, PhishingTemplate>; publicMailboxDomains: PublicMailboxList };
  /** Knowledge-hub articles: one per control plus guides (content/articles/). */
  articles: Article[];
  /** Training track for IT providers (content/training/provider-track/), apart from the staff lessons. */
  providerTrack: ProviderLesson[];
  /** "How to choose an IT provider" (content/providers/choosing-checklist.json). */
  choosingChecklist: ChoosingChecklist;
  /** Software catalogue with security facts per product (content/software/products.json, docs/software.md). */
  software: SoftwareCatalogue;
  /** Support schemes and what each plan item needs (content/support/). */
  support: SupportContent;
}

let cached: Content | undefined;

export function loadContent(): Content {
  if (cached) return cached;
  const assessment = loadAssessmentCatalog();
  cached = {
    nace: withSectorKeywords(
      validateNaceList(JSON.parse(readFileSync(path.join(CONTENT_DIR, 'nace-bel.json'), 'utf8'))),
      JSON.parse(readFileSync(path.join(CONTENT_DIR, 'sector-keywords.json'), 'utf8')),
    ),
    commonPasswords: parsePasswordList(readFileSync(path.join(CONTENT_DIR, 'common-passwords.txt'), 'utf8')),
    assessment,
    incidents: validateIncidentContent(readJson(path.join(CONTENT_DIR, 'incidents', 'incidents.json'))),
    scanMessages: loadScanMessages(),
    scanProviderSteps: loadScanProviderSteps(),
    lessons: loadLessons(),
    phishing: {
      templates: loadPhishingTemplates(),
      publicMailboxDomains: validatePublicMailboxList(readJson(path.join(CONTENT_DIR, 'phishing', 'public-mailbox-domains.json'))),
    },
    articles: loadArticles(assessment),
    providerTrack: loadProviderTrack(assessment),
    choosingChecklist: validateChoosingChecklist(readJson(path.join(CONTENT_DIR, 'providers', 'choosing-checklist.json'))),
    software: loadSoftwareCatalogue(),
    support: loadSupport(assessment),
  };
  return cached;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** content/assessment/controls/*.json (arrays of controls, in file-name order), threats.json, sectors.json. */
export function loadAssessmentCatalog(dir = path.join(CONTENT_DIR, 'assessment')): AssessmentCatalog {
  const controlDir = path.join(dir, 'controls');
  const controls = readdirSync(controlDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const list = readJson(path.join(controlDir, f));
      if (!Array.isArray(list)) throw new Error(`${f}: expected an array of controls`);
      return list as unknown[];
    });
  return validateCatalog({ controls, threats: readJson(path.join(dir, 'threats.json')), sectors: readJson(path.join(dir, 'sectors.json')) });
}

/** content/training/lessons/<id>.json, one lesson a file, validated and in programme order. */
export function loadLessons(dir = path.join(CONTENT_DIR, 'training', 'lessons')): Lesson[] {
  const files = new Map<string, unknown>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) files.set(f, readJson(path.join(dir, f)));
  return validateLessons(files);
}

/** content/phishing/templates/<id>.json, one template per file, in file-name order. */
export function loadPhishingTemplates(dir = path.join(CONTENT_DIR, 'phishing', 'templates')): ReadonlyMap<string, PhishingTemplate> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ fileId: f.slice(0, -'.json'.length), json: readJson(path.join(dir, f)) }));
  return validateTemplates(files);
}

/**
 * content/articles/<theme>.json and guides.json, checked against the catalogue and today's date (an article whose
 * review is more than 18 months old stops the start: docs/content.md).
 */
/** At start-up `today` is null: review dates are checked by the content tests, so an overdue review never stops the site. */
export function loadArticles(catalog: AssessmentCatalog, dir = path.join(CONTENT_DIR, 'articles'), today: string | null = null): Article[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.json'.length), json: readJson(path.join(dir, f)) }));
  return validateArticles(files, catalog, today);
}

/** content/training/provider-track/<id>.json: one lesson a file, checked against the track's ids and the catalogue. */
export function loadProviderTrack(catalog: AssessmentCatalog, dir = path.join(CONTENT_DIR, 'training', 'provider-track')): ProviderLesson[] {
  const files = new Map<string, unknown>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) files.set(f, readJson(path.join(dir, f)));
  return validateProviderTrack(files, new Set(catalog.controls.map((c) => c.id)));
}

/** content/software/products.json; review dates are checked by the content tests, as for articles (`today` null at start-up). */
export function loadSoftwareCatalogue(file = path.join(CONTENT_DIR, 'software', 'products.json'), today: string | null = null): SoftwareCatalogue {
  return validateSoftwareCatalogue(readJson(file), today);
}

/** content/support/schemes.json and plan-needs.json, checked against the catalogue (review dates: see loadArticles). */
export function loadSupport(catalog: AssessmentCatalog, dir = path.join(CONTENT_DIR, 'support'), today: string | null = null): SupportContent {
  return validateSupportContent(readJson(path.join(dir, 'schemes.json')), readJson(path.join(dir, 'plan-needs.json')), catalog, today);
}
