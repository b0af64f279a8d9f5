/**
 * Knowledge-hub articles as validated data (content/articles/<theme>.json and guides.json, format in
 * docs/content.md). Pure: the adapter reads the files and passes today's date; this module checks them against the
 * assessment catalogue. A broken article file stops the start, like every other content file.
 */
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { THEMES, type AssessmentCatalog } from '../assessment/catalog.ts';
import { monthsBefore, isCalendarDate } from '../calendar-date.ts';
export { monthsBefore } from '../calendar-date.ts';

/** Guides not tied to one control live in this file; every other file is named after a catalogue theme. */
export const GUIDES_FILE = 'guides';

/** Review rule (docs/content.md): an article older than 18 months must be reviewed before it is served again. */
export const REVIEW_MONTHS = 18;

/** Words per language (title, summary, paragraphs and steps together): long enough to explain, short for a phone. */
export const MIN_WORDS = 150;
export const MAX_WORDS = 300;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ArticleText = z
  .object({
    title: z.string().trim().min(2).max(120),
    /** One sentence, shown in lists and search results: ends with . ! or ? and has no sentence break inside. */
    summary: z
      .string()
      .trim()
      .min(10)
      .max(200)
      .refine((t) => /[.!?]$/u.test(t) && !/[.!?]\s+\p{Lu}/u.test(t.slice(0, -1)), 'one sentence'),
    body: z.array(z.string().trim().min(10).max(1500)).min(2).max(8),
    steps: z.array(z.string().trim().min(5).max(400)).min(1).max(10),
  })
  .strict();
export type ArticleText = z.infer<typeof ArticleText>;

export const ArticleSchema = z
  .object({
    slug: z.string().min(3).max(80).regex(SLUG, 'kebab-case: lower-case letters, digits and single hyphens'),
    controlId: z.string().min(2).nullable(),
    threats: z.array(z.string()).min(1),
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
    sources: z
      .array(
        z
          .object({
            title: z.string().trim().min(3).max(200),
            // Only https links: a reader follows them from an https page, and a plain http link can be altered on the way.
            url: z.url({ protocol: /^https$/, error: 'an https:// address' }),
          })
          .strict(),
      )
      .min(1),
    text: z.object({ nl: ArticleText, fr: ArticleText, de: ArticleText, en: ArticleText }).strict(),
  })
  .strict();
export type Article = z.infer<typeof ArticleSchema>;

/** One parsed file: its name without ".json" and its content (an array of articles). */
export interface ArticleFile {
  name: string;
  json: unknown;
}

export function wordCount(t: ArticleText): number {
  return [t.title, t.summary, ...t.body, ...t.steps]
    .join(' ')
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}



/**
 * Validates every article file against the catalogue; `today` is YYYY-MM-DD, or null to leave the review dates out
 * (start-up: an overdue review is a content task flagged by the tests, not a reason for the site to stop serving
 * the rest). Throws one error listing every problem
 * (file and slug named) so an editor can fix them all at once. Returns the articles in file and file order.
 */
export function validateArticles(files: readonly ArticleFile[], catalog: AssessmentCatalog, today: string | null): Article[] {
  const problems: string[] = [];
  const articles: Article[] = [];
  const controls = new Map(catalog.controls.map((c) => [c.id, c]));
  const threats = new Set<string>(catalog.threats.map((t) => t.id));
  const oldest = today === null ? null : monthsBefore(today, REVIEW_MONTHS);
  const slugs = new Set<string>();
  const articleOf = new Map<string, string>();

  for (const file of files) {
    const where = `content/articles/${file.name}.json`;
    if (file.name !== GUIDES_FILE && !(THEMES as readonly string[]).includes(file.name)) {
      problems.push(`${where}: the file name must be a catalogue theme (${THEMES.join(', ')}) or "${GUIDES_FILE}"`);
      continue;
    }
    if (!Array.isArray(file.json)) {
      problems.push(`${where}: expected an array of articles`);
      continue;
    }
    file.json.forEach((raw, i) => {
      const id = `${where} #${i} (${(raw as { slug?: unknown } | null)?.slug ?? '?'})`;
      // A missing language is named as such, before zod's generic message.
      const text = (raw as { text?: Record<string, unknown> } | null)?.text ?? {};
      const missing = LOCALES.filter((l) => !text[l]);
      if (missing.length > 0) problems.push(`${id}: missing language ${missing.join(', ')}`);
      const r = ArticleSchema.safeParse(raw);
      if (!r.success) {
        if (missing.length === 0) problems.push(`${id}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        return;
      }
      const a = r.data;
      if (slugs.has(a.slug)) problems.push(`${id}: duplicate slug ${a.slug}`);
      slugs.add(a.slug);
      if (a.controlId === null) {
        if (file.name !== GUIDES_FILE) problems.push(`${id}: an article without controlId belongs in ${GUIDES_FILE}.json`);
      } else {
        const control = controls.get(a.controlId);
        if (!control) problems.push(`${id}: unknown control ${a.controlId}`);
        else if (control.theme !== file.name)
          problems.push(`${id}: control ${a.controlId} is in theme ${control.theme}, so its article belongs in ${control.theme}.json`);
        const other = articleOf.get(a.controlId);
        if (other) problems.push(`${id}: control ${a.controlId} already has the article ${other}`);
        else articleOf.set(a.controlId, a.slug);
      }
      for (const t of a.threats) if (!threats.has(t)) problems.push(`${id}: unknown threat ${t}`);
      if (new Set(a.threats).size !== a.threats.length) problems.push(`${id}: a threat is listed twice`);
      if (!isCalendarDate(a.reviewed)) problems.push(`${id}: reviewed ${a.reviewed} is not a calendar date`);
      else if (today !== null && a.reviewed > today) problems.push(`${id}: reviewed ${a.reviewed} is in the future`);
      else if (oldest !== null && a.reviewed < oldest)
        problems.push(`${id}: reviewed ${a.reviewed} is older than ${REVIEW_MONTHS} months (before ${oldest}); review it`);
      for (const l of LOCALES) {
        const n = wordCount(a.text[l]);
        if (n < MIN_WORDS || n > MAX_WORDS) problems.push(`${id}: ${l} has ${n} words, expected ${MIN_WORDS}–${MAX_WORDS}`);
      }
      articles.push(a);
    });
  }
  for (const c of catalog.controls) if (!articleOf.has(c.id)) problems.push(`control ${c.id} has no article`);
  if (problems.length > 0) throw new Error(`Invalid articles:\n- ${problems.join('\n- ')}`);
  return articles;
}
