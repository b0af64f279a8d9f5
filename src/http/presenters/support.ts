/** Support schemes as the plan (API, page, PDF) and the support-schemes page show them, in one language. */
import { loadContent } from '../../adapters/content.ts';
import type { Region } from '../../core/company-profile.ts';
import type { Locale } from '../../core/locale.ts';
import { schemesForItem } from '../../core/support/matching.ts';
import { SCHEME_REGIONS, type SchemeRegion, type SupportContent, type SupportScheme } from '../../core/support/schemes.ts';

/** The public page listing the schemes, optionally filtered to one region (and the federal ones). */
export function supportSchemesPath(lang: Locale, region?: SchemeRegion | null): string {
  return region ? `/${lang}/support-schemes?region=${region}` : `/${lang}/support-schemes`;
}

export interface PlanItemSupport {
  /** The scheme's title in the request's language. */
  scheme: string;
  /** Its official page. */
  url: string;
}

/**
 * The `support` of a quick-scan plan item: the schemes of the region (plus federal ones) that pay for the kind of help
 * the item needs; [] without a region (docs/support-schemes.md).
 */
export function planItemSupport(controlId: string, region: Region | null | undefined, lang: Locale, content: SupportContent = loadContent().support): PlanItemSupport[] {
  return schemesForItem(content, controlId, region).map((s) => ({ scheme: s.text[lang].title, url: s.url }));
}

/** The schemes grouped by region in a fixed order; with a filter, that region and the federal schemes only. */
export function schemesByRegion(schemes: readonly SupportScheme[], only: SchemeRegion | null): { region: SchemeRegion; schemes: SupportScheme[] }[] {
  return SCHEME_REGIONS.filter((r) => only === null || r === only || r === 'federal')
    .map((region) => ({ region, schemes: schemes.filter((s) => s.region === region) }))
    .filter((g) => g.schemes.length > 0);
}

/** The company region as a filter of the page: a Belgian region, or none (outside Belgium or not given). */
export function schemeRegionOf(region: Region | null | undefined): SchemeRegion | null {
  return region === 'flanders' || region === 'wallonia' || region === 'brussels' ? region : null;
}
