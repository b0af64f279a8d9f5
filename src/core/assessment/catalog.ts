/**
 * The assessment catalogue as validated data: controls, threat scenarios and sector packs, every text in nl, fr, de
 * and en. Loaded from content/assessment/ by an adapter and checked here (pure: values in, values out).
 */
import { z } from 'zod';

export const FUNCTIONS = ['govern', 'identify', 'protect', 'detect', 'respond', 'recover'] as const;
export type CsfFunction = (typeof FUNCTIONS)[number];

export const THEMES = ['organisation', 'accounts', 'devices', 'network', 'backup', 'email', 'web', 'payments', 'people', 'data', 'incidents', 'sector'] as const;
export type Theme = (typeof THEMES)[number];

export const WHO = ['owner', 'it_provider', 'either'] as const;
export const COST_BANDS = ['free', 'low', 'medium', 'high'] as const; // free, < €100, < €1,000, more (per year)
export const SMALL_THEMES = ['passwords', 'updates', 'antivirus', 'network', 'backups', 'admin_rights', 'physical', 'incidents'] as const;
export const BASIC_KEY_MEASURES = [
  'ID.AM-08.2',
  'PR.AA-01.1',
  'PR.AA-03.2',
  'PR.AA-05.1',
  'PR.AA-05.2',
  'PR.AA-05.3',
  'PR.AA-05.4',
  'PR.DS-11.1',
  'PR.PS-04.1',
  'PR.IR-01.1',
  'PR.IR-01.2',
  'DE.CM-01.2',
  'DE.AE-03.1',
] as const;

const Lang = <T extends z.ZodType>(t: T) => z.object({ nl: t, fr: t, de: t, en: t }).strict();
const Text = z.string().trim().min(2).max(1200);
const Steps = z.array(z.string().trim().min(2).max(400)).min(1).max(8);

/** Profile fields a condition can test. `sector` is the two-digit NACE-BEL division. */
export const PROFILE_FIELDS = ['sector', 'employees', 'website', 'webshop', 'email', 'cardPayments', 'personalData', 'remoteWork', 'itProvider'] as const;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: (typeof PROFILE_FIELDS)[number]; eq?: string | number | boolean; in?: (string | number)[]; gte?: number; lte?: number };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z
      .object({
        field: z.enum(PROFILE_FIELDS),
        eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
        in: z.array(z.union([z.string(), z.number()])).min(1).optional(),
        gte: z.number().optional(),
        lte: z.number().optional(),
      })
      .strict()
      .refine((c) => [c.eq, c.in, c.gte, c.lte].filter((x) => x !== undefined).length >= 1, { message: 'a condition needs eq, in, gte or lte' }),
  ]),
);

export const THREAT_IDS = [
  'ransomware',
  'invoice_fraud',
  'phishing_account_takeover',
  'data_breach',
  'website_compromise',
  'device_loss',
  'service_outage',
  'card_fraud',
] as const;
export type ThreatId = (typeof THREAT_IDS)[number];

export const ControlSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2,3}-[a-z0-9-]{2,40}$/),
    function: z.enum(FUNCTIONS),
    theme: z.enum(THEMES),
    /** Asked in the anonymous quick scan (at most 12 apply to any profile). Lower number = asked first. */
    quickRank: z.number().int().min(1).max(99).nullable(),
    effortHours: z.number().positive().max(200),
    cost: z.enum(COST_BANDS),
    who: z.enum(WHO),
    threats: z.partialRecord(z.enum(THREAT_IDS), z.number().min(0.05).max(1)).refine((t) => Object.keys(t).length >= 1, 'reduces at least one threat'),
    references: z
      .object({
        cis: z.string().regex(/^\d{1,2}\.\d{1,2}$/).nullable(),
        cyfun: z.string().regex(/^[A-Z]{2}\.[A-Z]{2}-\d{2}(\.\d)?$/).nullable(),
        csf: z.string().regex(/^[A-Z]{2}\.[A-Z]{2}-\d{2}$/),
      })
      .strict(),
    keyMeasures: z
      .object({ small: z.enum(SMALL_THEMES).nullable(), basic: z.enum(BASIC_KEY_MEASURES).nullable() })
      .strict(),
    appliesWhen: ConditionSchema.nullable(),
    text: Lang(
      z
        .object({
          title: z.string().trim().min(2).max(120),
          question: Text,
          why: Text,
          example: Text,
          steps: Steps,
          criterion: Text,
        })
        .strict(),
    ),
    /** Where the owner's steps depend on the mail and office suite. */
    providerSteps: z.object({ microsoft365: Lang(Steps).optional(), google: Lang(Steps).optional() }).strict().optional(),
  })
  .strict();
export type Control = z.infer<typeof ControlSchema>;

export const ThreatSchema = z
  .object({
    id: z.enum(THREAT_IDS),
    /** Likelihood for a typical small firm in a year, 0..1, before sector weights and profile exposure. */
    baseline: z.number().min(0.01).max(1),
    /** Impact on a typical small firm, 0..1. */
    impact: z.number().min(0.05).max(1),
    exposure: z.array(z.object({ when: ConditionSchema, factor: z.number().min(0).max(5) }).strict()),
    impactFactors: z.array(z.object({ when: ConditionSchema, factor: z.number().min(0).max(5) }).strict()),
    text: Lang(z.object({ name: z.string().trim().min(2).max(80), description: Text }).strict()),
  })
  .strict();
export type Threat = z.infer<typeof ThreatSchema>;

export const SectorPackSchema = z
  .object({
    id: z.string().regex(/^[a-z_]{3,30}$/),
    /** Two-digit NACE-BEL divisions that belong to this pack. */
    divisions: z.array(z.string().regex(/^\d{2}$/)).min(1),
    threatWeights: z.partialRecord(z.enum(THREAT_IDS), z.number().min(0.2).max(3)),
    text: Lang(z.object({ name: z.string().trim().min(2).max(80), intro: Text }).strict()),
    /** Sector examples that replace a control's generic example. */
    examples: z.record(z.string(), Lang(Text)),
  })
  .strict();
export type SectorPack = z.infer<typeof SectorPackSchema>;

export interface AssessmentCatalog {
  controls: Control[];
  threats: Threat[];
  sectors: SectorPack[];
}

/** Validates the whole catalogue and its cross-references; throws with every problem listed. */
export function validateCatalog(input: { controls: unknown[]; threats: unknown; sectors: unknown }): AssessmentCatalog {
  const problems: string[] = [];
  const controls: Control[] = [];
  input.controls.forEach((c, i) => {
    const r = ControlSchema.safeParse(c);
    if (r.success) controls.push(r.data);
    else problems.push(`control #${i} (${(c as { id?: string })?.id ?? '?'}): ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  });
  const threats = z.array(ThreatSchema).safeParse(input.threats);
  if (!threats.success) problems.push(`threats: ${threats.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  const sectors = z.array(SectorPackSchema).safeParse(input.sectors);
  if (!sectors.success) problems.push(`sectors: ${sectors.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  const ids = new Set<string>();
  for (const c of controls) {
    if (ids.has(c.id)) problems.push(`duplicate control id ${c.id}`);
    ids.add(c.id);
  }
  if (threats.success) {
    const seen = new Set(threats.data.map((t) => t.id));
    for (const id of THREAT_IDS) if (!seen.has(id)) problems.push(`threat ${id} missing`);
  }
  if (sectors.success) {
    const divisions = new Set<string>();
    for (const s of sectors.data) {
      for (const d of s.divisions) {
        if (divisions.has(d)) problems.push(`division ${d} is in two sector packs`);
        divisions.add(d);
      }
      for (const id of Object.keys(s.examples)) if (!ids.has(id)) problems.push(`sector ${s.id}: example for unknown control ${id}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid assessment catalogue:\n- ${problems.join('\n- ')}`);
  return { controls, threats: threats.data!, sectors: sectors.data! };
}
