/** The sector field: a NACE-BEL code, or a word for the trade searched on the server (company form and quick scan). */
import type { Locale } from '../../../core/locale.ts';
import { isSelectableNaceCode, searchNace, type NaceList } from '../../../core/nace.ts';
import { text } from './forms.ts';

/** How many matching sectors the form offers when the owner typed a word instead of choosing a line. */
const SECTOR_CHOICES = 8;

/**
 * The sector field takes a code ("56.1", or a datalist line "56.1 — Restaurants") or a word ("bakker", "coiffeur").
 * A word is searched on the server, so this works without JavaScript and on phones that hide datalist suggestions:
 * the form comes back with the matching sectors as choices (`naceChoice`), and a chosen one wins over the typed text.
 */
export function sectorField(nace: NaceList, codeField: string, choiceField = 'naceChoice') {
  const chosen = (body: unknown): unknown => {
    if (!body || typeof body !== 'object') return body;
    const b = body as Record<string, unknown>;
    const choice = b[choiceField];
    return typeof choice === 'string' && isSelectableNaceCode(nace, choice) ? { ...b, [codeField]: choice } : body;
  };
  const schema = text(200, 'company.error.nace')
    .transform((v) => v.split(/\s/)[0] ?? '')
    .superRefine((v, ctx) => {
      if (isSelectableNaceCode(nace, v)) return;
      ctx.addIssue({ code: 'custom', message: searchNace(nace, v, 'en', 1).length > 0 && !/^\d/.test(v) ? 'company.error.nace_choose' : /^\d/.test(v) ? 'company.error.nace' : 'company.error.nace_none' });
    });
  return { chosen, schema };
}

/** The sectors to offer for what the owner typed, when it was a word rather than a code. */
export function sectorChoices(nace: NaceList, typed: unknown, locale: Locale): { value: string; label: string }[] {
  if (typeof typed !== 'string' || typed.trim() === '' || /^\d/.test(typed.trim())) return [];
  return searchNace(nace, typed.slice(0, 200), locale, SECTOR_CHOICES).map((n) => ({ value: n.code, label: `${n.code} — ${n.title[locale]}` }));
}
