/**
 * The public directory of IT providers (issue 12): reading the filters, deciding what each card says, and the order.
 * Pure: the repository hands in listed providers with their claims and track progress; this returns the cards.
 */
import { LOCALES, type Locale } from '../locale.ts';
import { isShownInDirectory, isVerifiedOn, type CertificationKind } from './certifications.ts';
import { NACE_SECTIONS, PROVIDER_REGIONS, PROVIDER_SERVICES, type NaceSection, type ProviderProfile, type ProviderRegion, type ProviderService } from './profile.ts';
import { trackCompleted } from './track.ts';

export const DIRECTORY_PAGE_SIZE = 20;
export const MAX_PAGE = 1000;

export interface DirectoryFilter {
  region: ProviderRegion | null;
  language: Locale | null;
  sector: NaceSection | null;
  service: ProviderService | null;
}

export interface FilterProblem {
  field: keyof DirectoryFilter | 'page';
  message: string;
}

function one(raw: unknown): string | null | undefined {
  if (raw === undefined || raw === '') return undefined;
  return typeof raw === 'string' ? raw : null;
}

function member<const V extends readonly string[]>(values: V, raw: unknown): V[number] | null | false {
  const v = one(raw);
  if (v === undefined) return null;
  return v !== null && (values as readonly string[]).includes(v) ? (v as V[number]) : false;
}

/**
 * Reads ?region=&language=&sector=&service=&page= . An empty value means "any"; an unknown or repeated value is a
 * problem (the caller answers 400 on a page, 422 on the API), never silently ignored.
 */
export function readDirectoryQuery(query: Record<string, unknown>): { ok: true; filter: DirectoryFilter; page: number } | { ok: false; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const region = member(PROVIDER_REGIONS, query.region);
  if (region === false) problems.push({ field: 'region', message: 'providers.filter.bad_region' });
  const language = member(LOCALES, query.language);
  if (language === false) problems.push({ field: 'language', message: 'providers.filter.bad_language' });
  const sector = member(NACE_SECTIONS, query.sector);
  if (sector === false) problems.push({ field: 'sector', message: 'providers.filter.bad_sector' });
  const service = member(PROVIDER_SERVICES, query.service);
  if (service === false) problems.push({ field: 'service', message: 'providers.filter.bad_service' });
  const rawPage = one(query.page);
  const page = rawPage === undefined ? 1 : rawPage !== null && /^[1-9][0-9]{0,3}$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page > MAX_PAGE) problems.push({ field: 'page', message: 'providers.filter.bad_page' });
  if (problems.length > 0 || region === false || language === false || sector === false || service === false) return { ok: false, problems };
  return { ok: true, filter: { region, language, sector, service }, page };
}

export interface ListedProvider {
  organisationId: string;
  name: string;
  verifiedAt: string | null;
  profile: ProviderProfile;
}

export interface ClaimRow {
  id: string;
  organisationId: string;
  kind: CertificationKind;
  label: string | null;
  issuer: string;
  reference: string;
  evidenceUrl: string;
  validUntil: string;
  status: string;
}

export interface CardClaim {
  kind: CertificationKind;
  label: string | null;
  issuer: string;
  reference: string;
  evidenceUrl: string;
  validUntil: string;
  verified: boolean;
}

export interface ProviderCard extends ListedProvider {
  claims: CardClaim[];
  verifiedClaims: number;
  trackCompleted: boolean;
}

export function matchesFilter(p: ProviderProfile, f: DirectoryFilter): boolean {
  return (
    (f.region === null || p.regions.includes(f.region)) &&
    (f.language === null || p.languages.includes(f.language)) &&
    (f.sector === null || p.sectors.includes(f.sector)) &&
    (f.service === null || p.services.includes(f.service))
  );
}

/**
 * One card per provider. `passedByUser`: per staff member (current staff only), the lesson ids passed. The track
 * counts as completed only when one person passed every lesson: five people passing one lesson each is not a
 * trained provider.
 */
export function buildCard(p: ListedProvider, claims: readonly ClaimRow[], passedByUser: ReadonlyMap<string, readonly string[]>, today: string): ProviderCard {
  const shown = claims
    .filter((c) => isShownInDirectory(c))
    .map((c) => ({ kind: c.kind, label: c.label, issuer: c.issuer, reference: c.reference, evidenceUrl: c.evidenceUrl, validUntil: c.validUntil, verified: isVerifiedOn(c, today) }))
    .sort((a, b) => Number(b.verified) - Number(a.verified) || a.kind.localeCompare(b.kind));
  return { ...p, claims: shown, verifiedClaims: shown.filter((c) => c.verified).length, trackCompleted: [...passedByUser.values()].some((lessons) => trackCompleted(lessons)) };
}

// One collator for every request (immutable per ECMA-402; building one per page load showed in the directory's profile).
const NAME_ORDER = new Intl.Collator('nl-BE', { sensitivity: 'base' });

/** Providers with a verified claim first, then by name (Belgian collation, case and accents ignored). */
export function orderCards(cards: ProviderCard[]): ProviderCard[] {
  return [...cards].sort((a, b) => Number(b.verifiedClaims > 0) - Number(a.verifiedClaims > 0) || NAME_ORDER.compare(a.name, b.name) || a.organisationId.localeCompare(b.organisationId));
}

export function pageOf<T>(items: readonly T[], page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / DIRECTORY_PAGE_SIZE));
  return { items: items.slice((page - 1) * DIRECTORY_PAGE_SIZE, page * DIRECTORY_PAGE_SIZE), page, pages };
}
