/**
 * The support-scheme content (content/support/, docs/support-schemes.md): every language, https links only, a review
 * date no older than 18 months, every catalogue control decided in plan-needs.json, and loaded at start-up.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadAssessmentCatalog, loadContent, loadSupport } from '../src/adapters/content.ts';
import type { AssessmentCatalog } from '../src/core/assessment/catalog.ts';
import { SCHEME_REGIONS, validateSupportContent } from '../src/core/support/schemes.ts';

const TODAY = '2026-12-06';
const DIR = path.join(CONTENT_DIR, 'support');
let catalog: AssessmentCatalog;
let schemes: Record<string, unknown>[];
let needs: { reviewed: string; needs: Record<string, string[]> };

beforeAll(() => {
  catalog = loadAssessmentCatalog();
  schemes = JSON.parse(readFileSync(path.join(DIR, 'schemes.json'), 'utf8')) as Record<string, unknown>[];
  needs = JSON.parse(readFileSync(path.join(DIR, 'plan-needs.json'), 'utf8')) as typeof needs;
});

const problems = (s: unknown, n: unknown, today: string | null = TODAY): string => {
  try {
    validateSupportContent(s, n, catalog, today);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const edited = (edit: (first: Record<string, unknown>) => void) => {
  const copy = structuredClone(schemes);
  edit(copy[0]!);
  return copy;
};

describe('support content', () => {
  it('the real files pass today and cover every region, with the schemes the reference note names', () => {
    const c = validateSupportContent(schemes, needs, catalog, TODAY);
    expect(new Set(c.schemes.map((s) => s.region))).toEqual(new Set(SCHEME_REGIONS));
    expect(c.schemes.map((s) => s.id)).toEqual(expect.arrayContaining(['vl-kmo-portefeuille', 'wal-cheque-cybersecurite', 'bru-prime-consultance', 'fed-investment-deduction']));
    expect(c.needs.size).toBe(catalog.controls.length);
  });

  it('no scheme is overdue for review today (18 months): this test is the reminder, start-up does not check dates', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(problems(schemes, needs, today)).toBe('');
    expect(loadContent().support.schemes.length).toBe(schemes.length);
  });

  it('says plainly what could not be confirmed (reference note: Brussels rates from a third-party page, no cyber-specific Brussels scheme)', () => {
    const brussels = validateSupportContent(schemes, needs, catalog, TODAY).schemes.find((s) => s.id === 'bru-prime-consultance')!;
    expect(brussels.text.en.amount).toMatch(/unofficial website/);
    expect(brussels.text.en.note).toMatch(/no Brussels scheme meant only for cyber safety/);
  });

  it('a broken file stops the load with the file named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-support-'));
    try {
      cpSync(DIR, dir, { recursive: true });
      writeFileSync(path.join(dir, 'schemes.json'), JSON.stringify(edited((s) => (s.url = 'http://vlaio.be'))));
      expect(() => loadSupport(catalog, dir)).toThrow(/Invalid support schemes:[\s\S]*content\/support\/schemes\.json #0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the support validator rejects', () => {
  it('a scheme without one of the four languages', () => {
    expect(problems(edited((s) => delete (s.text as Record<string, unknown>).de), needs)).toMatch(/missing language de/);
  });

  it('an official link or a source that is not https', () => {
    expect(problems(edited((s) => (s.url = 'http://vlaio.be')), needs)).toMatch(/url: an https/);
    expect(problems(edited((s) => ((s.sources as { url: string }[])[0]!.url = 'ftp://vlaio.be')), needs)).toMatch(/sources\.0\.url/);
  });

  it('a review date in the future, older than 18 months, or not a calendar date', () => {
    expect(problems(edited((s) => (s.reviewed = '2026-12-07')), needs)).toMatch(/in the future/);
    expect(problems(edited((s) => (s.reviewed = '2025-06-05')), needs)).toMatch(/older than 18 months/);
    expect(problems(edited((s) => (s.reviewed = '2025-06-06')), needs)).toBe('');
    expect(problems(edited((s) => (s.reviewed = '2026-02-30')), needs)).toMatch(/not a calendar date/);
    expect(problems(schemes, needs, '2028-06-07')).toMatch(/older than 18 months/);
  });

  it('an unknown region or kind, and a duplicate id', () => {
    expect(problems(edited((s) => (s.region = 'limburg')), needs)).toMatch(/region/);
    expect(problems(edited((s) => (s.kinds = ['cash'])), needs)).toMatch(/kinds/);
    expect(problems([...schemes, structuredClone(schemes[0]!)], needs)).toMatch(/duplicate id/);
  });

  it('a control missing from plan-needs.json, an unknown control, and an unknown kind', () => {
    const without = structuredClone(needs);
    delete without.needs['pr-backup'];
    expect(problems(schemes, without)).toMatch(/control pr-backup is missing/);
    expect(problems(schemes, { ...needs, needs: { ...needs.needs, 'pr-nothing': [] } })).toMatch(/unknown control pr-nothing/);
    expect(problems(schemes, { ...needs, needs: { ...needs.needs, 'pr-backup': ['gift'] } })).toMatch(/plan-needs\.json/);
  });
});
