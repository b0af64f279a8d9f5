/**
 * An IT provider's directory profile (issue 12): what it says about itself, the services it offers, the sectors,
 * regions and languages it serves, and how to reach it. Pure rules: the fixed lists and the validation of a profile
 * form. Messages are catalogue keys so the page can show them in the reader's language.
 */
import { LOCALES, type Locale } from '../locale.ts';

/** Services a provider can offer; each has a plain label in four languages (catalogue 'provider.service.<id>'). */
export const PROVIDER_SERVICES = [
  'managed_it',
  'microsoft365',
  'google_workspace',
  'backups',
  'endpoint_protection',
  'network_firewall',
  'website_hosting',
  'incident_response',
  'security_audit',
  'awareness_training',
  'two_step_rollout',
] as const;
export type ProviderService = (typeof PROVIDER_SERVICES)[number];

/** The three Belgian regions; 'other' (outside Belgium) from the company profile makes no sense for a provider. */
export const PROVIDER_REGIONS = ['brussels', 'flanders', 'wallonia'] as const;
export type ProviderRegion = (typeof PROVIDER_REGIONS)[number];

/** NACE Rev. 2 sections A–U (Regulation (EC) No 1893/2006, Annex I), the level a provider says it knows well. */
export const NACE_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U'] as const;
export type NaceSection = (typeof NACE_SECTIONS)[number];

/** Limits of the free texts: long enough for a real introduction, short enough to read on a phone. */
export const DESCRIPTION_MAX = 1000;
export const WEBSITE_MAX = 300;
export const PHONE_MAX = 30;

export type Descriptions = Partial<Record<Locale, string>>;

export interface ProviderProfile {
  description: Descriptions;
  services: ProviderService[];
  sectors: NaceSection[];
  regions: ProviderRegion[];
  languages: Locale[];
  website: string | null;
  email: string | null;
  phone: string | null;
  listed: boolean;
}

/** The raw form: every field as the browser sent it (strings, arrays of strings for repeated checkboxes, or absent). */
export type ProfileForm = Record<string, unknown>;

export type ProfileErrors = Record<string, string>;

const EMAIL = /^[^\s@,;"<>]+@[^\s@,;"<>]+\.[^\s@,;"<>]+$/;
/** Digits with the usual separators and an optional leading + (E.164 numbers are at most 15 digits, ITU-T E.164 §6). */
const PHONE = /^\+?[0-9][0-9 ./()-]{5,}$/;
/** Any markup-looking text: the description is plain text, shown escaped; refusing tags keeps it honest in every client. */
const MARKUP = /<\s*[a-z!/?]/i;

function list(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return ['\u0000invalid'];
}

function pick<const V extends readonly string[]>(values: V, raw: unknown): V[number][] | null {
  const items = list(raw);
  if (items.length > values.length) return null;
  if (!items.every((x) => (values as readonly string[]).includes(x))) return null;
  return [...new Set(items)] as V[number][];
}

function single(v: unknown): string | null {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v.trim() : null;
}

/**
 * An https address only: a provider that asks SMEs to protect their sites must not send them to an unencrypted one
 * (RFC 9110 §4.2.2 "https" URI scheme). No credentials in the address, and a host with a dot.
 */
export function isHttpsUrl(value: string): boolean {
  if (value.length > WEBSITE_MAX || /\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.includes('.') && !url.hostname.endsWith('.');
}

/**
 * Reads and checks a profile form. Either every field is right and the profile comes back, or the problems come back
 * per field (catalogue keys) and nothing is to be stored.
 */
export function readProfileForm(form: ProfileForm): { ok: true; profile: ProviderProfile } | { ok: false; errors: ProfileErrors } {
  const errors: ProfileErrors = {};
  const description: Descriptions = {};
  for (const l of LOCALES) {
    const text = single(form[`description_${l}`]);
    if (text === null) errors[`description_${l}`] = 'form.error.invalid';
    else if (text.length > DESCRIPTION_MAX) errors[`description_${l}`] = 'provider.error.description_long';
    else if (MARKUP.test(text)) errors[`description_${l}`] = 'provider.error.description_markup';
    else if (text !== '') description[l] = text;
  }
  if (Object.keys(description).length === 0 && !Object.keys(errors).some((k) => k.startsWith('description_'))) errors.description_nl = 'provider.error.description_needed';

  const services = pick(PROVIDER_SERVICES, form.services);
  if (services === null) errors.services = 'provider.error.unknown_choice';
  else if (services.length === 0) errors.services = 'provider.error.services_needed';
  const sectors = pick(NACE_SECTIONS, form.sectors);
  if (sectors === null) errors.sectors = 'provider.error.unknown_choice';
  const regions = pick(PROVIDER_REGIONS, form.regions);
  if (regions === null) errors.regions = 'provider.error.unknown_choice';
  else if (regions.length === 0) errors.regions = 'provider.error.regions_needed';
  const languages = pick(LOCALES, form.languages);
  if (languages === null) errors.languages = 'provider.error.unknown_choice';
  else if (languages.length === 0) errors.languages = 'provider.error.languages_needed';

  const website = single(form.website);
  if (website === null || (website !== '' && !isHttpsUrl(website))) errors.website = 'provider.error.https';
  const email = single(form.email);
  if (email === null || (email !== '' && (email.length > 254 || !EMAIL.test(email)))) errors.email = 'form.error.email';
  const phone = single(form.phone);
  if (phone === null || (phone !== '' && (phone.length > PHONE_MAX || !PHONE.test(phone) || phone.replace(/\D/g, '').length > 15))) errors.phone = 'provider.error.phone';
  const listed = single(form.listed);
  if (listed === null || !['', 'yes', 'no'].includes(listed)) errors.listed = 'form.error.invalid';
  // Listed means reachable: a card without any way to contact the provider helps no one.
  else if (listed === 'yes' && !email && !phone && !website && !errors.email && !errors.phone && !errors.website) errors.email = 'provider.error.contact_needed';

  if (Object.keys(errors).length > 0 || !services || !sectors || !regions || !languages) return { ok: false, errors };
  return {
    ok: true,
    profile: {
      description,
      services,
      sectors,
      regions,
      languages,
      website: website || null,
      email: email ? email.toLowerCase() : null,
      phone: phone || null,
      listed: listed === 'yes',
    },
  };
}

/** The provider's own words in the reader's language, else in the first language it wrote. */
export function descriptionIn(d: Descriptions, locale: Locale): { text: string; locale: Locale } | null {
  const own = d[locale];
  if (own) return { text: own, locale };
  for (const l of LOCALES) {
    const t = d[l];
    if (t) return { text: t, locale: l };
  }
  return null;
}
