/**
 * Which support schemes can pay for a plan item (docs/support-schemes.md). Pure.
 *
 * A company in a Belgian region sees that region's schemes plus the federal ones (federal schemes apply in all three
 * regions). Region "other" means outside Belgium and gets nothing: every scheme we list requires a Belgian
 * establishment or Belgian taxation. No region given: nothing, rather than a guess.
 */
import type { Region } from '../company-profile.ts';
import type { SchemeRegion, SupportContent, SupportKind, SupportScheme } from './schemes.ts';

export function schemeRegionsFor(region: Region | null | undefined): readonly SchemeRegion[] {
  switch (region) {
    case 'flanders':
    case 'wallonia':
    case 'brussels':
      return [region, 'federal'];
    default:
      return [];
  }
}

/** The kinds of help the plan item of a control needs (content/support/plan-needs.json); [] for an unknown control. */
export function needsOf(content: SupportContent, controlId: string): readonly SupportKind[] {
  return content.needs.get(controlId) ?? [];
}

/**
 * The schemes of the company's region (and federal ones) that pay for at least one kind of help the item needs, in
 * content order (regional first as the content lists them, then federal).
 */
export function schemesForItem(content: SupportContent, controlId: string, region: Region | null | undefined): SupportScheme[] {
  const regions = schemeRegionsFor(region);
  if (regions.length === 0) return [];
  const needs = needsOf(content, controlId);
  return content.schemes
    .filter((s) => regions.includes(s.region) && s.kinds.some((k) => needs.includes(k)))
    .sort((a, b) => regions.indexOf(a.region) - regions.indexOf(b.region));
}
