/**
 * The article validator (docs/content.md): every language present, unique slugs, a known control and threats,
 * https sources only, a review date neither in the future nor older than 18 months, one article per control.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadArticles, loadAssessmentCatalog } from '../../adapters/content.ts';
import type { AssessmentCatalog } from '../assessment/catalog.ts';
import { LOCALES } from '../locale.ts';
import { MAX_WORDS, MIN_WORDS, monthsBefore, validateArticles, wordCount, type ArticleFile } from './articles.ts';

const TODAY = '2026-12-06';
const DIR = path.join(CONTENT_DIR, 'articles');
let catalog: AssessmentCatalog;
let real: ArticleFile[];

beforeAll(() => {
  catalog = loadAssessmentCatalog();
  real = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.json'.length), json: JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as unknown }));
});

type Raw = Record<string, unknown> & { text: Record<string, unknown>; sources: { title: string; url: string }[] };
const clone = <T>(v: T): T => structuredClone(v);

/** The real files with one article changed by `edit` (the first article of `file`). */
function withEdit(file: string, edit: (a: Raw, list: Raw[]) => void): ArticleFile[] {
  return real.map((f) => {
    if (f.name !== file) return f;
    const list = clone(f.json) as Raw[];
    edit(list[0]!, list);
    return { name: f.name, json: list };
  });
}

const problems = (files: ArticleFile[], today = TODAY): string => {
  try {
    validateArticles(files, catalog, today);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('article content', () => {
  it('the real articles pass, with exactly one article per control of the catalogue', () => {
    const articles = validateArticles(real, catalog, TODAY);
    const perControl = new Map<string, number>();
    for (const a of articles) if (a.controlId) perControl.set(a.controlId, (perControl.get(a.controlId) ?? 0) + 1);
    expect(catalog.controls.filter((c) => perControl.get(c.id) !== 1).map((c) => c.id)).toEqual([]);
    expect(perControl.size).toBe(catalog.controls.length);
    expect(articles.filter((a) => a.controlId === null).length).toBeGreaterThanOrEqual(4);
    expect(articles.length).toBeGreaterThanOrEqual(30);
  });

  it('no article is overdue for review today (docs/content.md, review rule): this test is the reminder, not start-up', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(() => validateArticles(real, catalog, today)).not.toThrow();
    // Start-up passes no date: an overdue review never stops the site.
    expect(loadArticles(catalog, DIR).length).toBe(validateArticles(real, catalog, TODAY).length);
  });

  it('every article has every language, within the word range, and a one-sentence summary', () => {
    for (const a of validateArticles(real, catalog, TODAY)) {
      for (const l of LOCALES) {
        const n = wordCount(a.text[l]);
        expect(n, `${a.slug} ${l}`).toBeGreaterThanOrEqual(MIN_WORDS);
        expect(n, `${a.slug} ${l}`).toBeLessThanOrEqual(MAX_WORDS);
        expect(a.text[l].summary.length, `${a.slug} ${l}`).toBeLessThanOrEqual(200);
      }
    }
  });

  it('is loaded at start-up with the other content, and a broken file stops the load with the file named', () => {
    expect(loadArticles(catalog, DIR, TODAY).length).toBe(validateArticles(real, catalog, TODAY).length);
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-articles-'));
    try {
      cpSync(DIR, dir, { recursive: true });
      const list = JSON.parse(readFileSync(path.join(dir, 'web.json'), 'utf8')) as Raw[];
      list[0]!.sources[0]!.url = 'http://example.be';
      writeFileSync(path.join(dir, 'web.json'), JSON.stringify(list));
      expect(() => loadArticles(catalog, dir, TODAY)).toThrow(/Invalid articles:[\s\S]*content\/articles\/web\.json #0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the article validator rejects', () => {
  it('an article without one of the four languages (design principle 2: a missing translation fails)', () => {
    expect(problems(withEdit('devices', (a) => delete a.text.de))).toMatch(/missing language de/);
  });

  it('an article about a control that is not in the catalogue', () => {
    expect(problems(withEdit('devices', (a) => (a.controlId = 'pr-no-such-control')))).toMatch(/unknown control pr-no-such-control/);
  });

  it('a control with two articles, and a control with none', () => {
    const twice = withEdit('devices', (a, list) => list.push({ ...clone(a), slug: `${a.slug as string}-again` }));
    expect(problems(twice)).toMatch(/already has the article/);
    const none = withEdit('devices', (_a, list) => list.shift());
    expect(problems(none)).toMatch(/control pr-updates-auto has no article/);
  });

  it('a slug used twice, and a slug that is not kebab-case', () => {
    const twice = real.map((f) => (f.name === 'guides' ? { ...f, json: [...(f.json as Raw[]), clone((f.json as Raw[])[0]!)] } : f));
    expect(problems(twice)).toMatch(/duplicate slug/);
    expect(problems(withEdit('devices', (a) => (a.slug = 'Automatic_Updates')))).toMatch(/kebab-case/);
  });

  it('an unknown threat', () => {
    expect(problems(withEdit('devices', (a) => (a.threats = ['alien_invasion'])))).toMatch(/unknown threat alien_invasion/);
  });

  it('a source that is not https', () => {
    expect(problems(withEdit('devices', (a) => (a.sources[0]!.url = 'http://safeonweb.be')))).toMatch(/https/);
  });

  it('a review date in the future, older than 18 months, or not a calendar date', () => {
    expect(problems(withEdit('devices', (a) => (a.reviewed = '2026-12-07')))).toMatch(/in the future/);
    expect(problems(withEdit('devices', (a) => (a.reviewed = '2025-06-05')))).toMatch(/older than 18 months/);
    expect(problems(withEdit('devices', (a) => (a.reviewed = '2025-06-06')))).toBe('');
    expect(problems(withEdit('devices', (a) => (a.reviewed = '2026-02-30')))).toMatch(/not a calendar date/);
    // The whole content goes stale together: 18 months after the review nothing starts until it is reviewed again.
    expect(problems(real, '2028-06-07')).toMatch(/older than 18 months/);
  });

  it('a summary over 200 characters or of two sentences, and a text outside the word range', () => {
    expect(problems(withEdit('devices', (a) => ((a.text.en as { summary: string }).summary = 'x'.repeat(201))))).toMatch(/summary/);
    expect(problems(withEdit('devices', (a) => ((a.text.nl as { summary: string }).summary = 'Eerste zin. Tweede zin.')))).toMatch(
      /one sentence/,
    );
    expect(
      problems(withEdit('devices', (a) => ((a.text.fr as { body: string[] }).body = ['Trop court.', 'Vraiment trop court.']))),
    ).toMatch(/fr has \d+ words/);
  });

  it('a control article in the wrong theme file, a guide outside guides.json and an unknown file name', () => {
    const moved = real.map((f) => {
      if (f.name === 'devices') return { ...f, json: (f.json as Raw[]).slice(1) };
      if (f.name === 'network') return { ...f, json: [...(f.json as Raw[]), (real.find((x) => x.name === 'devices')!.json as Raw[])[0]!] };
      return f;
    });
    expect(problems(moved)).toMatch(/belongs in devices\.json/);
    expect(problems(withEdit('devices', (a) => (a.controlId = null)))).toMatch(/belongs in guides\.json/);
    expect(problems([...real, { name: 'misc', json: [] }])).toMatch(/misc\.json: the file name must be a catalogue theme/);
  });
});

describe('monthsBefore', () => {
  it('counts calendar months and clamps to the end of a shorter month', () => {
    expect(monthsBefore('2026-12-06', 18)).toBe('2025-06-06');
    expect(monthsBefore('2026-08-31', 18)).toBe('2025-02-28');
    expect(monthsBefore('2028-08-31', 6)).toBe('2028-02-29');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
  });
});
