/**
 * Public support schemes that pay for cyber-safety help, as validated content (content/support/, format in
 * docs/support-schemes.md). Pure: the adapter reads the files and passes the catalogue and, in tests, today's date.
 * A broken file stops the start, like every other content file.
 */
import { z } from 'zod';
import type { AssessmentCatalog } from '../assessment/catalog.ts';
import { LOCALES } from '../locale.ts';
import { monthsBefore, REVIEW_MONTHS } from '../articles/articles.ts';
import { isCalendarDate } from '../calendar-date.ts';

/** Who runs a scheme: one of the three regions, or the federal state (valid in all three). */
export const SCHEME_REGIONS = ['flanders', 'wallonia', 'brussels', 'federal'] as const;
export type SchemeRegion = (typeof SCHEME_REGIONS)[number];

/** What a scheme pays for, and what a plan item needs: an expert's advice, a training, or a purchase. */
export const SUPPORT_KINDS = ['advice', 'training', 'investment'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Only https links: a reader follows them from an https page, and a plain http link can be altered on the way.
const Https = z.url({ protocol: /^https$/, error: 'an https:// address' });

const SchemeText = z
  .object({
    title: z.string().trim().min(3).max(120),
    /** One sentence: what the scheme pays for. */
    pays: z.string().trim().min(10).max(300),
    /** The rate and ceiling, with any doubt about the source said plainly. */
    amount: z.string().trim().min(10).max(500),
    conditions: z.array(z.string().trim().min(10).max(300)).min(1).max(8),
    /** A plain-words caveat: what it does not pay for, or which fact could not be confirmed. */
    note: z.string().trim().min(10).max(300).optional(),
  })
  .strict();
export type SchemeText = z.infer<typeof SchemeText>;

export const SchemeSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2,3}-[a-z0-9-]{3,60}$/, 'a lower-case id such as vl-kmo-portefeuille'),
    region: z.enum(SCHEME_REGIONS),
    kinds: z.array(z.enum(SUPPORT_KINDS)).min(1),
    /** The official page where an owner reads more or applies. */
    url: Https,
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
    sources: z.array(z.object({ title: z.string().trim().min(3).max(200), url: Https }).strict()).min(1),
    text: z.object({ nl: SchemeText, fr: SchemeText, de: SchemeText, en: SchemeText }).strict(),
  })
  .strict();
export type SupportScheme = z.infer<typeof SchemeSchema>;

/** content/support/plan-needs.json: for every catalogue control, the kinds of help its plan item needs. */
const NeedsSchema = z
  .object({
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
    needs: z.record(z.string(), z.array(z.enum(SUPPORT_KINDS))),
  })
  .strict();

export interface SupportContent {
  schemes: SupportScheme[];
  /** Control id → the kinds of help its plan item needs (empty: the owner does it alone, nothing to pay for). */
  needs: ReadonlyMap<string, readonly SupportKind[]>;
}


/**
 * Validates the schemes and the needs against the catalogue. `today` (YYYY-MM-DD) checks the review dates (a review
 * older than 18 months, docs/support-schemes.md); null at start-up, where an overdue review is flagged by the content
 * test instead of stopping the site. Throws one error listing every problem so an editor can fix them all at once.
 */
export function validateSupportContent(schemesJson: unknown, needsJson: unknown, catalog: AssessmentCatalog, today: string | null): SupportContent {
  const problems: string[] = [];
  const oldest = today === null ? null : monthsBefore(today, REVIEW_MONTHS);
  const checkDate = (where: string, reviewed: string) => {
    if (!isCalendarDate(reviewed)) problems.push(`${where}: reviewed ${reviewed} is not a calendar date`);
    else if (today !== null && reviewed > today) problems.push(`${where}: reviewed ${reviewed} is in the future`);
    else if (oldest !== null && reviewed < oldest) problems.push(`${where}: reviewed ${reviewed} is older than ${REVIEW_MONTHS} months (before ${oldest}); review it`);
  };

  const schemes: SupportScheme[] = [];
  if (!Array.isArray(schemesJson)) problems.push('content/support/schemes.json: expected an array of schemes');
  else {
    const ids = new Set<string>();
    schemesJson.forEach((raw, i) => {
      const where = `content/support/schemes.json #${i} (${(raw as { id?: unknown } | null)?.id ?? '?'})`;
      const text = (raw as { text?: Record<string, unknown> } | null)?.text ?? {};
      const missing = LOCALES.filter((l) => !text[l]);
      if (missing.length > 0) problems.push(`${where}: missing language ${missing.join(', ')}`);
      const r = SchemeSchema.safeParse(raw);
      if (!r.success) {
        if (missing.length === 0) problems.push(`${where}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        return;
      }
      if (ids.has(r.data.id)) problems.push(`${where}: duplicate id ${r.data.id}`);
      ids.add(r.data.id);
      if (new Set(r.data.kinds).size !== r.data.kinds.length) problems.push(`${where}: a kind is listed twice`);
      checkDate(where, r.data.reviewed);
      schemes.push(r.data);
    });
  }

  const needs = new Map<string, readonly SupportKind[]>();
  const n = NeedsSchema.safeParse(needsJson);
  if (!n.success) problems.push(`content/support/plan-needs.json: ${n.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  else {
    checkDate('content/support/plan-needs.json', n.data.reviewed);
    const known = new Set(catalog.controls.map((c) => c.id));
    for (const [id, kinds] of Object.entries(n.data.needs)) {
      if (!known.has(id)) problems.push(`content/support/plan-needs.json: unknown control ${id}`);
      else needs.set(id, kinds);
    }
    // Every control is decided on purpose: a new control without a line here stops the start.
    for (const c of catalog.controls) if (!(c.id in n.data.needs)) problems.push(`content/support/plan-needs.json: control ${c.id} is missing`);
  }
  if (problems.length > 0) throw new Error(`Invalid support schemes:\n- ${problems.join('\n- ')}`);
  return { schemes, needs };
}
