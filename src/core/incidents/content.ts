/** Incident content as validated data: categories, first aid, duties' texts and sources, contacts, draft fields. */
import { z } from 'zod';
import { CATEGORIES, OBLIGATION_IDS } from './triage.ts';

const Lang = <T extends z.ZodType>(t: T) => z.object({ nl: t, fr: t, de: t, en: t }).strict();
const Text = z.string().trim().min(2).max(1500);

/** Where a draft field's value comes from (filled by the presenter from the incident). */
export const DRAFT_SOURCES = [
  'company',
  'enterprise_number',
  'contact',
  'aware_at',
  'reported_at',
  'category',
  'rsit',
  'description',
  'ongoing',
  'status',
  'personal_data',
  'special_data',
  'encrypted',
  'people_affected',
  'data_types',
  'consequences',
  'measures',
  'money',
  'malicious',
  'cross_border',
  'iocs',
  'nis2_status',
  'gdpr_role',
  'policy_number',
] as const;

export const IncidentContentSchema = z
  .object({
    categories: z.record(z.enum(CATEGORIES), Lang(z.object({ label: z.string().min(2).max(80), hint: Text }).strict())),
    firstAid: z.record(
      z.enum(CATEGORIES),
      z.array(z.object({ id: z.string().regex(/^[a-z_]{3,40}$/), text: Lang(z.object({ title: z.string().min(2).max(120), steps: z.array(Text).min(1).max(8) }).strict()) }).strict()).min(2).max(8),
    ),
    obligations: z.record(
      z.enum(OBLIGATION_IDS),
      z
        .object({
          /** The law or guidance the duty comes from, named as readers of each language know it (AVG, RGPD, DSGVO). */
          source: Lang(z.string().min(3).max(160)),
          /** The source in each language; a site without a page in a language links the closest one (docs/incidents.md). */
          sourceUrl: Lang(z.url()).nullable(),
          /** When the links were last checked against the sites themselves. */
          reviewed: z.iso.date(),
          text: Lang(z.object({ title: z.string().min(2).max(120), how: Text }).strict()),
          reasons: z.record(z.string().regex(/^[a-z_]{2,40}$/), Lang(Text)),
        })
        .strict(),
    ),
    contacts: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z_0-9]{2,30}$/),
          phone: z.string().nullable(),
          email: z.string().nullable(),
          /** The organisation's page in each language (the closest one where a site lacks a language). */
          url: Lang(z.url()).nullable(),
          /** When the number, address and link were last checked against the organisation's own site. */
          reviewed: z.iso.date(),
          text: Lang(z.object({ name: z.string().min(2).max(100), when: Text }).strict()),
        })
        .strict(),
    ),
    // Not every duty has a draft (a call to the payment provider, a proposal to customers).
    drafts: z.partialRecord(
      z.enum(OBLIGATION_IDS),
      z
        .object({
          text: Lang(z.object({ title: z.string().min(2).max(120), intro: Text }).strict()),
          fields: z.array(z.object({ source: z.enum(DRAFT_SOURCES), label: Lang(z.string().min(2).max(160)) }).strict()).min(2),
        })
        .strict(),
    ),
  })
  .strict();
export type IncidentContent = z.infer<typeof IncidentContentSchema>;

export function validateIncidentContent(data: unknown): IncidentContent {
  const r = IncidentContentSchema.safeParse(data);
  if (!r.success) throw new Error(`Invalid incident content:\n- ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n- ')}`);
  const c = r.data;
  const problems: string[] = [];
  for (const cat of CATEGORIES) {
    if (!c.categories[cat]) problems.push(`category ${cat} has no label`);
    if (!c.firstAid[cat]) problems.push(`category ${cat} has no first aid`);
  }
  for (const id of OBLIGATION_IDS) if (!c.obligations[id]) problems.push(`obligation ${id} has no text`);
  for (const id of ['bank', 'card_stop', 'payment_provider', 'cert_be', 'ccb_nis2', 'police', 'dpa', 'safeonweb', 'no_more_ransom']) if (!c.contacts.some((x) => x.id === id)) problems.push(`contact ${id} missing`);
  if (problems.length) throw new Error(`Invalid incident content:\n- ${problems.join('\n- ')}`);
  return c;
}
