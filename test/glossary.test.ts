/**
 * docs/glossary.md applied to every text the owner can see: each catalogue message (src/i18n/catalog/*.ts, merged)
 * and each text in content/**\/*.json, in nl, fr, de and en. A failure names the key or content path, the language
 * and the text. The rules live in the glossary's JSON block; this file only applies them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../src/core/locale.ts';
import { catalog, format } from '../src/i18n/index.ts';

type PerLocale<T> = Partial<Record<Locale, T>>;
interface Glossary {
  excludedContent: string[];
  technicalFields: string[];
  technicalFiles: string[];
  straightApostropheAllowed: string;
  quotes: PerLocale<{ avoid: string[] }>;
  officialNames: PerLocale<string[]>;
  frenchSpacing: { technical: string[] };
  tone: PerLocale<string[]>;
  terms: { concept: string; use: Record<Locale, string>; avoid?: PerLocale<string[]>; avoidForOwners?: PerLocale<string[]> }[];
  jargon: { term: string; explain: Record<Locale, string> }[];
  composed: { key: string; param: string; valuesFrom: string }[];
  grammar: PerLocale<string[]>;
  avoidForOwners: PerLocale<string[]>;
}

/** One text in one language: where it comes from, and whether it is written for the IT provider. */
interface Text {
  id: string;
  locale: Locale;
  text: string;
  technical: boolean;
}

const root = path.resolve(import.meta.dirname, '..');
const glossaryDoc = readFileSync(path.join(root, 'docs/glossary.md'), 'utf8');

function parseGlossary(markdown: string): Glossary {
  const block = /```json glossary\n([\s\S]*?)\n```/.exec(markdown);
  if (!block) throw new Error('docs/glossary.md has no ```json glossary block');
  return JSON.parse(block[1]!) as Glossary;
}

const glossary = parseGlossary(glossaryDoc);

function catalogueTexts(): Text[] {
  return Object.entries(catalog).flatMap(([key, m]) =>
    LOCALES.map((locale) => ({ id: key, locale, text: (m as Record<Locale, string>)[locale], technical: false })),
  );
}

/** Messages that are only whole once a value is put in, e.g. "door {who}" with who = "jou of je IT-leverancier". */
function composedTexts(g: Glossary): Text[] {
  const messages = catalog as Record<string, Record<Locale, string>>;
  return g.composed.flatMap(({ key, param, valuesFrom }) =>
    Object.keys(messages)
      .filter((k) => k.startsWith(valuesFrom))
      .flatMap((valueKey) =>
        LOCALES.map((locale) => ({
          id: `${key} with ${param} = ${valueKey}`,
          locale,
          text: format(messages[key]![locale], { [param]: messages[valueKey]![locale] }),
          technical: false,
        })),
      ),
  );
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith('.json') ? [p] : [];
  });
}

/** Every string under an object that has all four languages as keys; the path says where it sits. */
function contentTexts(g: Glossary): Text[] {
  const out: Text[] = [];
  const strings = (v: unknown, at: string, acc: [string, string][]): void => {
    if (typeof v === 'string') acc.push([at, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${at}[${i}]`, acc));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${at}.${k}`, acc);
  };
  const visit = (v: unknown, at: string, file: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${at}[${(x as { id?: string } | null)?.id ?? i}]`, file));
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (LOCALES.every((l) => l in o)) {
      for (const locale of LOCALES) {
        const acc: [string, string][] = [];
        strings(o[locale], at, acc);
        for (const [p, text] of acc) {
          const segments = p.split(/[.[\]]/);
          const technical = g.technicalFiles.includes(file) || segments.some((s) => g.technicalFields.includes(s));
          out.push({ id: `${file}${p}`, locale, text, technical });
        }
      }
      return;
    }
    for (const [k, x] of Object.entries(o)) visit(x, `${at}.${k}`, file);
  };
  const dir = path.join(root, 'content');
  for (const f of jsonFiles(dir)) {
    const file = path.relative(dir, f).split(path.sep).join('/');
    if (g.excludedContent.some((e) => file.endsWith(e))) continue;
    visit(JSON.parse(readFileSync(f, 'utf8')), '', file);
  }
  return out;
}

const word = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'gu');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Quoted words (a vendor's menu name, a word the reader types) and official names are left as they are written. */
function withoutQuotesAndNames(g: Glossary, t: Text): string {
  let s = t.text.replace(/“[^”]*”|‘[^’]*’|«[^»]*»|„[^“]*“|"[^"]*"/g, ' ');
  for (const name of g.officialNames[t.locale] ?? []) s = s.replaceAll(name, ' ');
  return s;
}

/** Applies the glossary to one text; returns the rules it breaks, each with what broke it. */
function check(g: Glossary, t: Text): string[] {
  const problems: string[] = [];
  const plain = withoutQuotesAndNames(g, t);
  const find = (pattern: string, s: string) => [...s.matchAll(word(pattern))].map((m) => m[0]);

  for (const term of g.terms) {
    const avoid = [...(term.avoid?.[t.locale] ?? []), ...(t.technical ? [] : (term.avoidForOwners?.[t.locale] ?? []))];
    for (const p of avoid) for (const hit of find(p, plain)) problems.push(`"${hit}" → use "${term.use[t.locale]}" (${term.concept})`);
  }
  for (const p of g.grammar[t.locale] ?? []) for (const hit of find(p, plain)) problems.push(`"${hit}": wrong grammar (see docs/glossary.md)`);
  if (!t.technical) {
    for (const p of g.avoidForOwners[t.locale] ?? []) for (const hit of find(p, plain)) problems.push(`"${hit}" is jargon on an owner screen`);
    for (const j of g.jargon) {
      if (new RegExp(`(?<![\\p{L}\\p{N}])${escape(j.term)}(?![\\p{L}\\p{N}])`, 'iu').test(t.text) && !new RegExp(j.explain[t.locale], 'iu').test(t.text))
        problems.push(`"${j.term}" is not explained ("${j.explain[t.locale]}")`);
    }
  }
  for (const p of g.tone[t.locale] ?? []) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}’'-])(?:${p})(?![\\p{L}\\p{N}’'-])`, 'gu');
    for (const m of plain.matchAll(re)) problems.push(`"${m[0]}": wrong form of address`);
  }

  const noKeywords = t.text.replace(new RegExp(g.straightApostropheAllowed, 'g'), '#');
  if (noKeywords.includes("'")) problems.push('straight apostrophe \': use ’');
  for (const q of g.quotes[t.locale]?.avoid ?? []) if (noKeywords.includes(q)) problems.push(`quotation mark ${q} is not used in ${t.locale}`);

  if (t.locale === 'fr') problems.push(...frenchSpacing(g, noKeywords));
  return problems;
}

/** French: U+00A0 before : ; ? ! and inside « » (Imprimerie nationale rules); technical snippets are left out. */
function frenchSpacing(g: Glossary, text: string): string[] {
  let s = text;
  for (const p of g.frenchSpacing.technical) s = s.replace(new RegExp(p, 'gu'), '#');
  const problems: string[] = [];
  for (const m of s.matchAll(/(.{0,12})[ \t\u202f]([:;?!])/gu)) problems.push(`ordinary space before "${m[2]}" after "${m[1]}": use \\u00a0`);
  for (const m of s.matchAll(/(.{0,12}[^\s\u00a0#])([:;?!])(?=\s|$|»)/gu)) problems.push(`no space before "${m[2]}" after "${m[1]}": use \\u00a0`);
  if (/«(?!\u00a0)/u.test(s)) problems.push('« not followed by \\u00a0');
  if (/(?<!\u00a0)»/u.test(s)) problems.push('» not preceded by \\u00a0');
  return problems;
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join(',');

const all = [...catalogueTexts(), ...composedTexts(glossary), ...contentTexts(glossary)];

describe('glossary (docs/glossary.md)', () => {
  it('reads texts from the catalogue and from the content files', () => {
    expect(all.filter((t) => !t.id.includes('.json')).length).toBeGreaterThan(1000);
    expect(all.filter((t) => t.id.startsWith('incidents/')).length).toBeGreaterThan(1000);
    expect(all.filter((t) => t.id.startsWith('scan/messages.json')).length).toBeGreaterThan(1000);
    // Knowledge-hub articles (content/articles/*.json): 58 control articles and the guides, four languages each.
    expect(all.filter((t) => t.id.startsWith('articles/')).length).toBeGreaterThan(2000);
    // The provider training track (technical, for IT providers) and the owner's checklist for choosing one.
    expect(all.filter((t) => t.id.startsWith('training/provider-track/')).length).toBeGreaterThan(5 * 4 * 30);
    expect(all.filter((t) => t.id.startsWith('providers/choosing-checklist.json')).length).toBeGreaterThan(4 * 13 * 3);
    // Software catalogue (content/software/products.json): every fact text and every step, four languages each.
    expect(all.filter((t) => t.id.startsWith('software/')).length).toBeGreaterThan(400);
    // Support schemes (content/support/schemes.json): five schemes, four languages each.
    expect(all.filter((t) => t.id.startsWith('support/')).length).toBeGreaterThan(100);
  });

  it('names every chosen term in the human-readable table too', () => {
    const prose = glossaryDoc.slice(0, glossaryDoc.indexOf('```json glossary'));
    const missing = glossary.terms.flatMap((term) => LOCALES.filter((l) => !prose.includes(term.use[l])).map((l) => `${term.concept} ${l}: ${term.use[l]}`));
    expect(missing).toEqual([]);
  });

  // The rules must be able to fail: known-bad sentences, one per rule, are caught.
  it.each([
    ['nl', 'Vraag het aan je IT-partner.', 'use "IT-leverancier"'],
    ['de', 'Das gilt für alle KMU in Belgien.', 'use "KMB"'],
    ['nl', 'Volgens de GDPR moet je dat melden.', 'use "AVG"'],
    ['nl', 'Zet MFA aan.', 'use "aanmelden in twee stappen"'],
    ['en', 'Download the answers (CSV).', '"CSV" is not explained'],
    ['nl', 'Kunt u dat nakijken?', 'wrong form of address'],
    ['de', 'Hast du dein Passwort?', 'wrong form of address'],
    ['fr', "Vérifiez l'adresse.", 'straight apostrophe'],
    ['en', 'Look for "Safe Links".', 'quotation mark "'],
    ['fr', 'Attention : vérifiez.', 'ordinary space before ":"'],
    ['fr', 'Pourquoi?', 'no space before "?"'],
    ['fr', 'Choisissez «\u00a0oui ».', 'not preceded by'],
    ['nl', 'Ongeveer 2 uur · gratis · door jij of je IT-leverancier', 'wrong grammar'],
    ['de', 'Etwa 2 Std. · kostenlos · durch Sie oder Ihr IT-Dienstleister', 'wrong grammar'],
  ] as const)('catches %s "%s"', (locale, text, expected) => {
    expect(check(glossary, { id: 'sample', locale, text, technical: false }).join(' | ')).toContain(expected);
  });

  it.each([
    ['nl', 'Zoek naar “verificatie in twee stappen” en zet het aan.'],
    ['fr', 'Publiez\u00a0: v=DMARC1; p=quarantine; rua=mailto:dmarc@example.be'],
    ['fr', 'Ajoutez l’en-tête Content-Security-Policy: frame-ancestors \'self\'.'],
    ['en', 'Ask whoever manages your DNS to add the record.'],
  ] as const)('lets %s "%s" pass (quoted vendor names, technical snippets, texts for the IT provider)', (locale, text) => {
    const technical = text.startsWith('Ask whoever');
    expect(check(glossary, { id: 'sample', locale, text, technical })).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`every ${locale} text follows the terms, tone and typography rules`, () => {
      const problems = all.filter((t) => t.locale === locale).flatMap((t) => check(glossary, t).map((p) => `${t.id} [${locale}] ${p}\n    ${t.text}`));
      expect(problems).toEqual([]);
    });
  }

  it('uses the same placeholders in every language of a text', () => {
    const byId = new Map<string, Partial<Record<Locale, string>>>();
    for (const t of all) byId.set(t.id, { ...byId.get(t.id), [t.locale]: t.text });
    const problems: string[] = [];
    for (const [id, texts] of byId) {
      const en = placeholders(texts.en ?? '');
      for (const l of LOCALES) if (texts[l] === undefined || placeholders(texts[l]) !== en) problems.push(`${id} [${l}] has {${placeholders(texts[l] ?? '')}}, en has {${en}}`);
    }
    expect(problems).toEqual([]);
  });
});
