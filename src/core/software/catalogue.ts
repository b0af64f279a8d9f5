/**
 * The software catalogue (content/software/products.json, format in docs/software.md): products common in Belgian
 * small businesses with their security facts. Pure: the adapter reads the file; this module checks it. A broken file
 * stops the start, like every other content file. Every fact carries its source and review date; a fact nobody has
 * checked is "unknown" and says so, so the site never presents a guess as a fact.
 */
import { z } from 'zod';
import { EMAIL_PROVIDERS } from '../company-profile.ts';
import { LOCALES } from '../locale.ts';
import { PROVIDER_IDS } from '../scan/providers.ts';
import { monthsBefore, isCalendarDate } from '../calendar-date.ts';

export const SOFTWARE_CATEGORIES = ['office_mail', 'accounting_invoicing', 'webshop', 'cash_register', 'file_sharing', 'remote_support'] as const;
export type SoftwareCategory = (typeof SOFTWARE_CATEGORIES)[number];

/** The security facts every product states, in the order pages show them. */
export const FACT_IDS = ['mfa_available', 'mfa_enforceable', 'sso', 'data_location', 'certifications', 'export_backup', 'end_of_life'] as const;
export type FactId = (typeof FACT_IDS)[number];

export const FACT_VALUES = ['yes', 'no', 'partly', 'unknown'] as const;
export type FactValue = (typeof FACT_VALUES)[number];

/** Review rule (docs/software.md): a fact older than 18 months must be checked again before it is trusted. */
export const SOFTWARE_REVIEW_MONTHS = 18;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PRODUCT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const Source = z
  .object({
    title: z.string().trim().min(3).max(200),
    // Only https links: an owner follows them from an https page, and a plain http link can be altered on the way.
    url: z.url({ protocol: /^https$/, error: 'an https:// address' }),
  })
  .strict();
export type SoftwareSource = z.infer<typeof Source>;

const PerLocale = <T extends z.ZodType>(t: T) => z.object({ nl: t, fr: t, de: t, en: t }).strict();

const Fact = z
  .object({
    value: z.enum(FACT_VALUES, { error: `one of ${FACT_VALUES.join(', ')}` }),
    text: PerLocale(z.string().trim().min(5).max(600)),
    sources: z.array(Source),
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
  })
  .strict();
export type SoftwareFact = z.infer<typeof Fact>;

/** The exact clicks for one fact, in four languages, with the vendor page they come from. */
const Steps = z
  .object({
    text: PerLocale(z.array(z.string().trim().min(5).max(400)).min(1).max(8)),
    sources: z.array(Source).min(1, 'steps need a source'),
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
  })
  .strict();
export type SoftwareSteps = z.infer<typeof Steps>;

/** What makes Schild suggest a product: the profile's mail answer, or what the domain scan saw (core/scan/providers). */
const Signals = z
  .object({
    emailProvider: z.enum(EMAIL_PROVIDERS).optional(),
    scanMail: z.enum(PROVIDER_IDS).optional(),
    scanWeb: z.enum(PROVIDER_IDS).optional(),
  })
  .strict();

export const ProductSchema = z
  .object({
    id: z.string().min(2).max(60).regex(PRODUCT_ID, 'kebab-case: lower-case letters, digits and single hyphens'),
    name: z.string().trim().min(2).max(80),
    vendor: z.string().trim().min(2).max(80),
    category: z.enum(SOFTWARE_CATEGORIES),
    /** A part of a suite (OneDrive of Microsoft 365): same log-in, so the suite's plan items cover it when both are listed. */
    partOf: z.string().min(2).max(60).optional(),
    signals: Signals.optional(),
    facts: z.object(Object.fromEntries(FACT_IDS.map((f) => [f, Fact])) as Record<FactId, typeof Fact>).strict(),
    steps: z.partialRecord(z.enum(FACT_IDS), Steps).optional(),
  })
  .strict();
export type Product = z.infer<typeof ProductSchema>;

export interface SoftwareCatalogue {
  products: readonly Product[];
  byId: ReadonlyMap<string, Product>;
}



/**
 * Checks the catalogue; `today` (YYYY-MM-DD) also checks review dates, null leaves them to the content tests (an
 * overdue review is an editor's task, not a reason to stop the site). Throws one error listing every problem, each
 * with the product and fact, so an editor can fix them all at once.
 */
export function validateSoftwareCatalogue(json: unknown, today: string | null): SoftwareCatalogue {
  const problems: string[] = [];
  const products: Product[] = [];
  const where = 'content/software/products.json';
  const oldest = today === null ? null : monthsBefore(today, SOFTWARE_REVIEW_MONTHS);
  const list = (json as { products?: unknown } | null)?.products;
  if (!Array.isArray(list)) throw new Error(`Invalid software catalogue:\n- ${where}: expected { "products": [ … ] }`);
  const ids = new Set<string>();

  const checkDate = (at: string, reviewed: string) => {
    if (!isCalendarDate(reviewed)) problems.push(`${at}: reviewed ${reviewed} is not a calendar date`);
    else if (today !== null && reviewed > today) problems.push(`${at}: reviewed ${reviewed} is in the future`);
    else if (oldest !== null && reviewed < oldest) problems.push(`${at}: reviewed ${reviewed} is older than ${SOFTWARE_REVIEW_MONTHS} months (before ${oldest}); check it again`);
  };

  list.forEach((raw, i) => {
    const id = `${where} #${i} (${(raw as { id?: unknown } | null)?.id ?? '?'})`;
    // A missing language is named as such, before zod's generic message.
    const missing: string[] = [];
    const facts = (raw as { facts?: Record<string, { text?: Record<string, unknown> }> } | null)?.facts ?? {};
    for (const [f, fact] of Object.entries(facts)) for (const l of LOCALES) if (!fact?.text?.[l]) missing.push(`${f}.${l}`);
    const steps = (raw as { steps?: Record<string, { text?: Record<string, unknown> }> } | null)?.steps ?? {};
    for (const [f, s] of Object.entries(steps)) for (const l of LOCALES) if (!s?.text?.[l]) missing.push(`steps.${f}.${l}`);
    if (missing.length > 0) problems.push(`${id}: missing language ${missing.join(', ')}`);
    const r = ProductSchema.safeParse(raw);
    if (!r.success) {
      if (missing.length === 0) problems.push(`${id}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return;
    }
    const p = r.data;
    if (ids.has(p.id)) problems.push(`${id}: duplicate id ${p.id}`);
    ids.add(p.id);
    for (const f of FACT_IDS) {
      const fact = p.facts[f];
      checkDate(`${id} ${f}`, fact.reviewed);
      // A stated value needs its source; only "unknown" (not checked yet) may stand without one.
      if (fact.value !== 'unknown' && fact.sources.length === 0) problems.push(`${id} ${f}: value ${fact.value} needs a source, or make it unknown`);
    }
    for (const [f, s] of Object.entries(p.steps ?? {}) as [FactId, SoftwareSteps][]) {
      checkDate(`${id} steps.${f}`, s.reviewed);
      // Steps say how to switch on something the product has; for an unknown or missing feature there is nothing to click.
      const v = p.facts[f].value;
      if (v !== 'yes' && v !== 'partly') problems.push(`${id} steps.${f}: steps only for a fact that is yes or partly (it is ${v})`);
    }
    products.push(p);
  });
  const known = new Set(products.map((p) => p.id));
  for (const p of products) if (p.partOf !== undefined && (!known.has(p.partOf) || p.partOf === p.id)) problems.push(`${where} (${p.id}): partOf ${p.partOf} is not another product of the catalogue`);
  if (problems.length > 0) throw new Error(`Invalid software catalogue:\n- ${problems.join('\n- ')}`);
  return { products, byId: new Map(products.map((p) => [p.id, p])) };
}
