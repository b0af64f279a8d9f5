/**
 * From what a company says it uses to what it should do: the questions asked per product, the plan items its answers
 * leave open, and the products Schild suggests from the profile and the domain scan. Pure; rules in docs/software.md.
 */
import type { CompanyProfile } from '../company-profile.ts';
import type { Locale } from '../locale.ts';
import type { Providers } from '../scan/providers.ts';
import type { FactId, FactValue, Product, SoftwareCatalogue, SoftwareCategory, SoftwareSource } from './catalogue.ts';

/** A company's answer about its own set-up; a question not answered yet counts as "unknown". */
export const SETTING_VALUES = ['yes', 'no', 'unknown'] as const;
export type SettingValue = (typeof SETTING_VALUES)[number];
export type SoftwareSettings = Partial<Record<SettingId, SettingValue>>;

/**
 * The facts a company answers about its own use of a product. Two-step log-in is asked once (is it required for
 * everyone?); the other facts (single sign-on, data location, certifications) are the vendor's and only shown.
 */
export const SETTING_IDS = ['mfa_enforceable', 'export_backup', 'end_of_life'] as const satisfies readonly FactId[];
export type SettingId = (typeof SETTING_IDS)[number];

export interface ListedProduct {
  productId: string;
  settings: SoftwareSettings;
}

/**
 * What the item asks the company to do:
 * - `steps`: switch on a feature the product has (the product's own steps);
 * - `everyone`: the product has two-step log-in but an administrator cannot require it: each person switches it on;
 * - `ask`: nobody has checked the fact yet: ask the vendor;
 * - `missing`: the product lacks it: ask the vendor for another way;
 * - `upgrade`: a version without security updates is in use (the company said so).
 */
export type PlanItemKind = 'steps' | 'everyone' | 'ask' | 'missing' | 'upgrade';

export interface SoftwarePlanItem {
  productId: string;
  /** The fact the item is about (mfa_available when the product has two-step log-in but cannot require it). */
  fact: FactId;
  /** The answer the item closes: answering "yes" to this question removes the item. */
  setting: SettingId;
  kind: PlanItemKind;
  /** The product's steps in the language asked for; empty when none is sourced. */
  steps: string[];
  /** Where the fact or the steps come from; null when nothing is sourced yet (an "ask the vendor" item). */
  source: SoftwareSource | null;
}

const supported = (v: FactValue) => v === 'yes' || v === 'partly';

function stepsOf(product: Product, fact: FactId, lang: Locale): { steps: string[]; source: SoftwareSource | null } {
  const s = product.steps?.[fact];
  if (s) return { steps: s.text[lang], source: s.sources[0] ?? null };
  return { steps: [], source: product.facts[fact].sources[0] ?? null };
}

/**
 * Plan items for one listed product, in a fixed order (two-step log-in, copy of the data, versions). An item
 * disappears as soon as the company answers "yes" to its question. A version question left open gives no item: it
 * only matters for software installed on the company's own computers, so it waits for an answer (docs/software.md).
 */
export function planItemsForProduct(product: Product, settings: SoftwareSettings, lang: Locale): SoftwarePlanItem[] {
  const items: SoftwarePlanItem[] = [];
  const answer = (s: SettingId): SettingValue => settings[s] ?? 'unknown';
  const push = (fact: FactId, setting: SettingId, kind: PlanItemKind) => {
    const { steps, source } = kind === 'steps' || kind === 'everyone' ? stepsOf(product, fact, lang) : { steps: [], source: product.facts[fact].sources[0] ?? null };
    items.push({ productId: product.id, fact, setting, kind, steps, source });
  };

  // Two-step log-in: the single most effective measure against stolen passwords (CyberFundamentals PR.AA-03).
  if (answer('mfa_enforceable') !== 'yes') {
    const available = product.facts.mfa_available.value;
    const enforceable = product.facts.mfa_enforceable.value;
    if (supported(enforceable)) push('mfa_enforceable', 'mfa_enforceable', 'steps');
    else if (available === 'unknown') push('mfa_available', 'mfa_enforceable', 'ask');
    else if (available === 'no') push('mfa_available', 'mfa_enforceable', 'missing');
    else if (enforceable === 'unknown') push('mfa_enforceable', 'mfa_enforceable', 'ask');
    else push('mfa_available', 'mfa_enforceable', 'everyone');
  }

  // A copy of the data outside the product, so a locked or emptied account is not the end of the records.
  if (answer('export_backup') !== 'yes') {
    const v = product.facts.export_backup.value;
    push('export_backup', 'export_backup', supported(v) ? 'steps' : v === 'no' ? 'missing' : 'ask');
  }

  // Versions: "no" means a version without security updates is in use; "don't know" asks the vendor or its list.
  const eol = settings.end_of_life;
  if (eol === 'no') push('end_of_life', 'end_of_life', 'upgrade');
  else if (eol === 'unknown') push('end_of_life', 'end_of_life', supported(product.facts.end_of_life.value) ? 'steps' : 'ask');
  return items;
}

/**
 * Plan items of every listed product, in the order they were listed. Products no longer in the catalogue are skipped,
 * and so is a part of a suite that is listed too (OneDrive with Microsoft 365): one log-in, one set of items.
 */
export function softwarePlanItems(catalogue: SoftwareCatalogue, listed: readonly ListedProduct[], lang: Locale): SoftwarePlanItem[] {
  const ids = new Set(listed.map((l) => l.productId));
  return listed.flatMap((l) => {
    const p = catalogue.byId.get(l.productId);
    if (!p || (p.partOf !== undefined && ids.has(p.partOf))) return [];
    return planItemsForProduct(p, l.settings, lang);
  });
}

/** Parses stored settings JSON, keeping only known questions and answers (a broken value reads as not answered). */
export function parseSettings(json: string | null | undefined): SoftwareSettings {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    return {};
  }
  const out: SoftwareSettings = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const id of SETTING_IDS) {
    const v = (raw as Record<string, unknown>)[id];
    if ((SETTING_VALUES as readonly unknown[]).includes(v)) out[id] = v as SettingValue;
  }
  return out;
}

export type SuggestionReason = 'profile_email' | 'scan_mail' | 'scan_web' | 'webshop' | 'retail' | 'hospitality';

export interface SoftwareSuggestion {
  productId: string;
  reason: SuggestionReason;
  /** The domain the scan looked at, for "we saw this on your domain". */
  domain?: string;
}

export interface SuggestionInput {
  profile: Pick<CompanyProfile, 'emailProvider' | 'webshop' | 'naceCode'>;
  /** What the latest scans of the company's verified domains detected, one entry per domain. */
  scans: readonly { domain: string; providers: Providers }[];
  listed: readonly string[];
}

/** NACE-BEL 2008 divisions: 47 retail trade, 55 accommodation, 56 food and beverage service; group 47.9 retail not in stores. */
function sectorReasons(profile: SuggestionInput['profile']): { category: SoftwareCategory; reason: SuggestionReason }[] {
  const code = profile.naceCode ?? '';
  const division = code.slice(0, 2);
  const out: { category: SoftwareCategory; reason: SuggestionReason }[] = [];
  if (profile.webshop || code.startsWith('47.9')) out.push({ category: 'webshop', reason: 'webshop' });
  if (division === '47') out.push({ category: 'cash_register', reason: 'retail' });
  if (division === '55' || division === '56') out.push({ category: 'cash_register', reason: 'hospitality' });
  return out;
}

/**
 * Products to suggest, strongest evidence first: what the scan saw on the company's domain, then its own mail
 * answer, then the categories its sector usually needs. Listed products and repeats are left out.
 */
export function suggestSoftware(catalogue: SoftwareCatalogue, input: SuggestionInput): SoftwareSuggestion[] {
  const out: SoftwareSuggestion[] = [];
  const seen = new Set(input.listed);
  const add = (s: SoftwareSuggestion) => {
    if (seen.has(s.productId)) return;
    seen.add(s.productId);
    out.push(s);
  };
  for (const scan of input.scans) {
    for (const p of catalogue.products) {
      if (p.signals?.scanMail && p.signals.scanMail === scan.providers.mail) add({ productId: p.id, reason: 'scan_mail', domain: scan.domain });
      if (p.signals?.scanWeb && p.signals.scanWeb === scan.providers.web) add({ productId: p.id, reason: 'scan_web', domain: scan.domain });
    }
  }
  for (const p of catalogue.products) if (p.signals?.emailProvider && p.signals.emailProvider === input.profile.emailProvider) add({ productId: p.id, reason: 'profile_email' });
  for (const { category, reason } of sectorReasons(input.profile)) for (const p of catalogue.products) if (p.category === category) add({ productId: p.id, reason });
  return out;
}

/**
 * What a stored scan result says about the domain's providers (every check carries `details.providers`,
 * core/scan/check.ts). Unknown ids and broken shapes give nothing: a suggestion is never made from a guess.
 */
export function providersFromScanResult(result: unknown, known: readonly string[]): Providers {
  const checks = (result as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) return {};
  for (const c of checks) {
    const p = (c as { details?: { providers?: Record<string, unknown> } } | null)?.details?.providers;
    if (!p || typeof p !== 'object') continue;
    const out: Providers = {};
    for (const k of ['mail', 'dns', 'web'] as const) {
      const v = p[k];
      if (typeof v === 'string' && known.includes(v)) out[k] = v as Providers[typeof k];
    }
    return out;
  }
  return {};
}
