/**
 * NACE-BEL sector codes: validation of the bundled list and search over it.
 *
 * Pure: the list comes in as a value (the caller reads content/nace-bel.json), so the same code serves the
 * web form, the API and the tests. Only divisions ("69") and groups ("69.2") are offered to companies: a
 * section is too coarse to say anything about a business, and classes are more detail than a sector picker
 * needs.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from './locale.ts';

export type NaceLevel = 'section' | 'division' | 'group';

export interface NaceEntry {
  code: string;
  level: NaceLevel;
  parent: string | null;
  title: Record<Locale, string>;
}

export interface NaceList {
  version: string;
  entries: NaceEntry[];
  /**
   * Everyday words per code and language ("bakker", "coiffeur", "Schreiner"), so an owner finds the sector by the
   * word for the trade rather than the statistical title. Optional: a list without them searches titles only.
   */
  keywords?: ReadonlyMap<string, Record<Locale, string[]>>;
}

const CODE_FORMAT: Record<NaceLevel, RegExp> = {
  section: /^[A-Z]$/,
  division: /^\d{2}$/,
  group: /^\d{2}\.\d$/,
};

/** The level a parent must have; a section has no parent at all. */
const PARENT_LEVEL: Record<NaceLevel, NaceLevel | null> = {
  section: null,
  division: 'section',
  group: 'division',
};

const titleSchema = z.object({
  nl: z.string(),
  fr: z.string(),
  de: z.string(),
  en: z.string(),
});

const listSchema = z.object({
  version: z.string().min(1),
  // The file carries a free-text provenance note; it is documentation, not data the app uses.
  note: z.string().optional(),
  entries: z
    .array(
      z.object({
        code: z.string(),
        level: z.enum(['section', 'division', 'group']),
        parent: z.string().nullable(),
        title: titleSchema,
      }),
    )
    .min(1),
});

const keywordsSchema = z.object({
  note: z.string().optional(),
  reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  keywords: z.record(z.string(), z.object({ nl: z.array(z.string().min(2)), fr: z.array(z.string().min(2)), de: z.array(z.string().min(2)), en: z.array(z.string().min(2)) })),
});

/**
 * Adds the everyday words of content/sector-keywords.json to a validated list. Every code must be one a company can
 * choose, and every code needs words in all four languages; one Error lists every problem.
 */
export function withSectorKeywords(list: NaceList, data: unknown): NaceList {
  const parsed = keywordsSchema.safeParse(data);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => `keywords ${issue.path.join('.') || '(root)'}: ${issue.message}`));
  const problems: string[] = [];
  const keywords = new Map<string, Record<Locale, string[]>>();
  for (const [code, words] of Object.entries(parsed.data.keywords)) {
    if (!isSelectableNaceCode(list, code)) problems.push(`keywords: ${code} is not a division or group of the list`);
    for (const locale of LOCALES) if (words[locale].length === 0) problems.push(`keywords: ${code} has no words in ${locale}`);
    keywords.set(code, words);
  }
  if (problems.length > 0) fail(problems);
  return { ...list, keywords };
}

// Enough to fix a broken file in one pass without flooding a log line.
const MAX_REPORTED_PROBLEMS = 50;

function fail(problems: string[]): never {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length > shown.length ? `\n- … and ${problems.length - shown.length} more` : '';
  throw new Error(`Invalid NACE list:\n- ${shown.join('\n- ')}${more}`);
}

/**
 * Checks the shape and the invariants of a NACE list and returns it typed. Throws one Error listing every
 * problem found, so a bad edit to the content file is caught at start-up (and in CI) rather than as a
 * half-working sector picker.
 */
export function validateNaceList(data: unknown): NaceList {
  const parsed = listSchema.safeParse(data);
  if (!parsed.success) {
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const entries: NaceEntry[] = parsed.data.entries;
  const problems: string[] = [];

  const byCode = new Map<string, NaceEntry>();
  for (const entry of entries) {
    if (byCode.has(entry.code)) problems.push(`duplicate code ${entry.code}`);
    else byCode.set(entry.code, entry);
  }

  for (const entry of entries) {
    const { code, level, parent } = entry;
    if (!CODE_FORMAT[level].test(code)) problems.push(`${code}: code does not have the format of a ${level}`);

    const parentLevel = PARENT_LEVEL[level];
    if (parentLevel === null) {
      if (parent !== null) problems.push(`${code}: a section has no parent, found ${parent}`);
    } else if (parent === null) {
      problems.push(`${code}: a ${level} needs a parent ${parentLevel}`);
    } else {
      const parentEntry = byCode.get(parent);
      if (!parentEntry) problems.push(`${code}: parent ${parent} does not exist`);
      else if (parentEntry.level !== parentLevel) {
        problems.push(`${code}: parent ${parent} is a ${parentEntry.level}, expected a ${parentLevel}`);
      }
      // A group's code is its division's code plus one digit; a mismatch means a typo in either.
      if (level === 'group' && CODE_FORMAT.group.test(code) && code.slice(0, 2) !== parent) {
        problems.push(`${code}: group is not inside its parent division ${parent}`);
      }
    }

    for (const locale of LOCALES) {
      if (entry.title[locale].trim() === '') problems.push(`${code}: title in ${locale} is empty`);
    }
  }

  if (problems.length > 0) fail(problems);
  return { version: parsed.data.version, entries };
}

/** Case- and accent-insensitive form: "Télécommunications" and "telecommunications" compare equal. */
function fold(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // Letters that NFD does not split but people type without the ligature.
      .replace(/ß/g, 'ss')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      // Punctuation only separates words: "Post-, Kurier-" should match "post kurier".
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

interface Prepared {
  entry: NaceEntry;
  digits: string;
  titles: Record<Locale, string>;
  keywords: Record<Locale, string[]>;
}

// Folding ~400 titles in four languages on every keystroke is wasteful; the list itself is immutable data,
// so its folded form is cached per list object.
const preparedCache = new WeakMap<NaceList, Prepared[]>();

function prepare(list: NaceList): Prepared[] {
  let prepared = preparedCache.get(list);
  if (!prepared) {
    prepared = list.entries
      .filter((entry) => entry.level !== 'section')
      .map((entry) => ({
        entry,
        digits: entry.code.replace('.', ''),
        titles: {
          nl: fold(entry.title.nl),
          fr: fold(entry.title.fr),
          de: fold(entry.title.de),
          en: fold(entry.title.en),
        },
        keywords: {
          nl: (list.keywords?.get(entry.code)?.nl ?? []).map(fold),
          fr: (list.keywords?.get(entry.code)?.fr ?? []).map(fold),
          de: (list.keywords?.get(entry.code)?.de ?? []).map(fold),
          en: (list.keywords?.get(entry.code)?.en ?? []).map(fold),
        },
      }));
    preparedCache.set(list, prepared);
  }
  return prepared;
}

// Lower is better. Title ranks of other languages come after every rank of the chosen language.
const RANK_EXACT_CODE = 0;
const RANK_CODE_PREFIX = 1;
const RANK_TITLE_STARTS = 2;
const RANK_TITLE_CONTAINS = 3;
const OTHER_LOCALE_OFFSET = 2;

/**
 * An everyday word matches when it starts with what was typed ("kapp" finds "kapper") or what was typed starts with
 * it ("kapperszaak" finds "kapper"); it ranks with titles that start with the query.
 */
function keywordMatch(keywords: string[], phrase: string): { rank: number; wordStarts: number } | null {
  const hit = keywords.some((k) => k.startsWith(phrase) || (k.length >= 4 && phrase.startsWith(k)));
  return hit ? { rank: RANK_TITLE_STARTS, wordStarts: phrase.split(' ').length } : null;
}

/** How well one folded title matches the query words, or null when it does not contain all of them. */
function titleMatch(title: string, phrase: string, words: string[]): { rank: number; wordStarts: number } | null {
  if (!words.every((word) => title.includes(word))) return null;
  const titleWords = title.split(' ');
  // Tie-break: "coiff" at the start of "coiffure" beats the same letters inside another word.
  const wordStarts = words.filter((word) => titleWords.some((t) => t.startsWith(word))).length;
  return {
    rank: title.startsWith(phrase) ? RANK_TITLE_STARTS : RANK_TITLE_CONTAINS,
    wordStarts,
  };
}

type Match = { rank: number; wordStarts: number } | null;
function better(a: Match, b: Match): Match {
  if (!a) return b;
  if (!b) return a;
  return b.rank < a.rank || (b.rank === a.rank && b.wordStarts > a.wordStarts) ? b : a;
}

/**
 * Finds divisions and groups for a search box. A query made of digits and dots is a code ("69", "69.2" and
 * "692" all work); anything else must have all its words somewhere in a title. Titles in the chosen language
 * rank before titles in the other three, so a Dutch speaker typing an English word still finds it, below the
 * Dutch hits. Ranking: exact code, code prefix, title starts with the query, title contains the query; ties
 * keep the list's order (divisions before their groups).
 */
export function searchNace(list: NaceList, query: string, locale: Locale, limit = 20): NaceEntry[] {
  if (limit <= 0) return [];
  const prepared = prepare(list);
  const trimmed = query.trim();

  const scored: {
    entry: NaceEntry;
    rank: number;
    wordStarts: number;
    order: number;
  }[] = [];

  if (/^\d[\d.\s]*$/.test(trimmed)) {
    const digits = trimmed.replace(/[.\s]/g, '');
    prepared.forEach((p, order) => {
      if (p.digits === digits)
        scored.push({
          entry: p.entry,
          rank: RANK_EXACT_CODE,
          wordStarts: 0,
          order,
        });
      else if (p.digits.startsWith(digits))
        scored.push({
          entry: p.entry,
          rank: RANK_CODE_PREFIX,
          wordStarts: 0,
          order,
        });
    });
  } else {
    const phrase = fold(trimmed);
    if (phrase === '') return [];
    const words = phrase.split(' ');
    prepared.forEach((p, order) => {
      let best: { rank: number; wordStarts: number } | null = better(titleMatch(p.titles[locale], phrase, words), keywordMatch(p.keywords[locale], phrase));
      if (!best) {
        for (const other of LOCALES) {
          if (other === locale) continue;
          const match = better(titleMatch(p.titles[other], phrase, words), keywordMatch(p.keywords[other], phrase));
          if (
            match &&
            (!best || match.rank < best.rank || (match.rank === best.rank && match.wordStarts > best.wordStarts))
          ) {
            best = match;
          }
        }
        if (best)
          best = {
            rank: best.rank + OTHER_LOCALE_OFFSET,
            wordStarts: best.wordStarts,
          };
      }
      if (best)
        scored.push({
          entry: p.entry,
          rank: best.rank,
          wordStarts: best.wordStarts,
          order,
        });
    });
  }

  scored.sort((a, b) => a.rank - b.rank || b.wordStarts - a.wordStarts || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.entry);
}

/**
 * Canonical form of a code as people write it: trimmed, section letters upper-case, and a bare three-digit
 * group ("692", as some registers print it) given its dot.
 */
function canonicalCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  return /^\d{3}$/.test(trimmed) ? `${trimmed.slice(0, 2)}.${trimmed.slice(2)}` : trimmed;
}

export function findNace(list: NaceList, code: string): NaceEntry | undefined {
  const wanted = canonicalCode(code);
  return list.entries.find((entry) => entry.code === wanted);
}

/** True for the codes a company may choose as its sector: divisions and groups. */
export function isSelectableNaceCode(list: NaceList, code: string): boolean {
  const entry = findNace(list, code);
  return entry !== undefined && entry.level !== 'section';
}

/**
 * The two-digit division of a division, group, class or NACE-BEL subclass code ("69.201" → "69"). Sector
 * advice is written per division, so finer codes from the enterprise register map onto it. Throws for
 * anything without two leading digits (a section letter has no single division).
 */
export function divisionOf(code: string): string {
  const match = /^\s*(\d{2})(?:[.\d]*)\s*$/.exec(code);
  if (!match?.[1]) throw new Error(`Not a NACE division, group or class code: ${JSON.stringify(code)}`);
  return match[1];
}
