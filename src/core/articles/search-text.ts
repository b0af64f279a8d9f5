/**
 * Text preparation for the knowledge-hub search (docs/content.md, "Search"). Pure: the repository and the use case
 * call these on both sides, the articles when they are indexed and the visitor's words when they search, so the two
 * always meet in the same form.
 *
 * - Folding: lower case, accents and umlauts removed (Unicode canonical decomposition, then the combining marks
 *   dropped: "télétravail" and "teletravail" become the same word), ß → ss, æ → ae, œ → oe.
 * - Words: runs of letters and digits; everything else (quotes, *, :, -, parentheses) separates words, so no search
 *   syntax of either engine ever reaches it from user input.
 * - Stems: a light suffix stripper per language in the spirit of the Snowball stemmers (snowballstem.org) for Dutch,
 *   French and German, used on SQLite where FTS5 only has the English 'porter' stemmer. PostgreSQL stems with its own
 *   text search configurations (dutch, french, german, english) and needs only the folding.
 */
import type { Locale } from '../locale.ts';

/** Longest query accepted (characters): more than enough for a question, small enough to keep every search cheap. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words of a query are used; every word must match (AND), so more would only find less. */
export const MAX_QUERY_TERMS = 12;

/** Lower case, without accents, ligatures written out. "Schlüssel" → "schlussel", "Œuvre" → "oeuvre". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l');
}

/**
 * Folded text with only letters, digits and single spaces: what PostgreSQL indexes and parses. Control characters
 * (PostgreSQL refuses NUL in text), quotes and operators are gone.
 */
export function cleanText(text: string): string {
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** The words of a text, folded; single letters are dropped (the "s" of "kmo’s", the "l" of "l’entreprise"). */
export function words(text: string): string[] {
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1);
}

const VOWELS_NL = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function undouble(w: string): string {
  return w.length > 3 && /(bb|dd|ff|gg|kk|ll|mm|nn|pp|rr|ss|tt)$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * Dutch, after the Snowball Dutch stemmer's first steps: "-heden" → "-heid"; plural and inflected "-en", "-s"
 * (not after a vowel or j) and "-e" go when a consonant precedes, then a doubled consonant is undone:
 * "stappen" → "stap", "wachtwoorden" → "wachtwoord", "computers" → "computer".
 */
export function stemDutch(w: string): string {
  if (w.length > 6 && w.endsWith('heden')) return `${w.slice(0, -5)}heid`;
  const before = (n: number) => w.charAt(w.length - n - 1);
  if (w.length > 4 && w.endsWith('en') && !VOWELS_NL.has(before(2))) return undouble(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('s') && !VOWELS_NL.has(before(1)) && before(1) !== 'j' && before(1) !== 's') return w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e') && !VOWELS_NL.has(before(1))) return undouble(w.slice(0, -1));
  return w;
}

/**
 * French, a light stemmer in the style of Savoy's (plural and feminine endings only): "-aux" → "-al", then a final
 * "s" or "x", up to two final "e" (folded "é" included) and a final "-er"/"-ez" of a verb:
 * "sauvegardes", "sauvegardé", "sauvegarder" → "sauvegard"; "étapes" → "etap".
 */
export function stemFrench(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('aux')) return `${w.slice(0, -3)}al`;
  if (w.length > 3 && /[sx]$/.test(w)) w = w.slice(0, -1);
  for (let i = 0; i < 2 && w.length > 4 && w.endsWith('e'); i++) w = w.slice(0, -1);
  if (w.length > 5 && /e[rz]$/.test(w)) w = w.slice(0, -2);
  return w;
}

/**
 * German, after the Snowball German stemmer's first step: "-ern", then "-em", "-en", "-er", "-es", then "-e", "-n",
 * "-s" (umlauts are already folded): "Schritten", "Schritte" → "schritt"; "Passwörter" → "passwort";
 * "Sicherungskopien" → "sicherungskopi".
 */
export function stemGerman(w: string): string {
  if (w.length > 5 && w.endsWith('ern')) return w.slice(0, -3);
  if (w.length > 4 && /(em|en|er|es)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && /[ens]$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The stem of one folded word; English is left to FTS5's 'porter' tokenizer and PostgreSQL's english configuration. */
export function stem(word: string, lang: Locale): string {
  switch (lang) {
    case 'nl':
      return stemDutch(word);
    case 'fr':
      return stemFrench(word);
    case 'de':
      return stemGerman(word);
    case 'en':
      return word;
  }
}

/** The stems of a text, in order: what SQLite indexes and what the thesaurus compares. */
export function stems(text: string, lang: Locale): string[] {
  return words(text).map((w) => stem(w, lang));
}

/**
 * Small words that say nothing about the subject. Left out of queries so that "hoe maak ik een back-up" asks only for
 * "maak" and "back-up" (every query word must match); PostgreSQL's configurations drop their own list on both sides.
 */
const STOPWORDS: Record<Locale, ReadonlySet<string>> = {
  nl: new Set('de het een en in van op te dat die is met voor aan of je jij jouw ik wat hoe er om als bij zijn naar niet ook maar dan wie waar welke mijn ons onze we wij kan moet'.split(' ')),
  fr: new Set('le la les un une des de du et en au aux pour par sur dans que qui quoi est ou ne pas se ce cette ces mon ma mes votre vos nous vous je comment il elle quel quelle faire'.split(' ')),
  de: new Set('der die das den dem des ein eine einen einem einer und oder in im zu zum zur mit fur von auf an am ist sind wie was ich sie ihr ihre ihren mein meine wir nicht auch es bei aus nach uber kann muss'.split(' ')),
  en: new Set('the an and or of to in on for with is are my your how what do we it at by be from about can should'.split(' ')),
};

/** The folded words of a query worth searching for: bounded in number, small words left out, no duplicates. */
export function queryWords(query: string, lang: Locale): string[] {
  const kept = words(query.slice(0, MAX_QUERY_LENGTH)).filter((w) => !STOPWORDS[lang].has(w));
  return [...new Set(kept)].slice(0, MAX_QUERY_TERMS);
}

/**
 * An FTS5 MATCH expression that can only mean "all these words": each stem is written as an FTS5 string (double
 * quotes, inner quotes doubled; sqlite.org/fts5.html §3.1), so AND, OR, NOT, NEAR, *, ^ and "column:" are plain text.
 * Null when nothing is left to search for.
 */
export function fts5Query(query: string, lang: Locale): string | null {
  const terms = [...new Set(queryWords(query, lang).map((w) => stem(w, lang)))];
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}
