/** The incident content as shipped: valid, with reviewed contacts, and French typography kept consistent. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateIncidentContent } from './content.ts';

const raw = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../content/incidents/incidents.json'), 'utf8')) as unknown;
const content = validateIncidentContent(raw);

function frenchTexts(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const v of x) frenchTexts(v, out);
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === 'fr') JSON.stringify(v).replace(/"((?:[^"\\]|\\.)*)"/g, (_m, s: string) => (out.push(s), ''));
      else frenchTexts(v, out);
    }
  }
  return out;
}

describe('incident content', () => {
  it("the CCB's current routes: reporting form and address for everyone; the NIS2 platform and emergency line apart", () => {
    const certBe = content.contacts.find((c) => c.id === 'cert_be')!;
    expect(certBe.url?.en).toMatch(/^https:\/\/ccb\.belgium\.be\/en\/.*report-incident/);
    expect(certBe.email).toBe('info@ccb.belgium.be');
    expect(certBe.phone).toBeNull(); // the emergency line is for NIS2 entities only
    const nis2 = content.contacts.find((c) => c.id === 'ccb_nis2')!;
    expect(nis2.phone).toBe('+32 2 501 05 60');
    expect(nis2.url?.nl).toMatch(/^https:\/\//);
  });
  it('every contact and every source link has a review date', () => {
    for (const c of content.contacts) expect(c.reviewed, c.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [id, o] of Object.entries(content.obligations)) expect(o.reviewed, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  // Issue 9: incident pages in the page's language only, links included. A site with a page per language gets that
  // page; docs/incidents.md ("Links per language") lists the sites without one and which page stands in.
  it("links go to the page in the reader's language where the site has one", () => {
    const contact = (id: string) => content.contacts.find((c) => c.id === id)!.url!;
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      expect(contact('safeonweb')[lang]).toBe(`https://safeonweb.be/${lang}`);
      expect(contact('no_more_ransom')[lang]).toContain(`/${lang}/`);
      expect(content.obligations.gdpr_data_subjects!.sourceUrl![lang]).toContain(`/legal-content/${lang.toUpperCase()}/`);
    }
    expect(contact('cert_be').de).toContain('/de/');
    expect(contact('cert_be').nl).toContain('/nl/');
    expect(contact('dpa').nl).toContain('gegevensbeschermingsautoriteit');
    expect(contact('dpa').fr).toContain('autoriteprotectiondonnees');
  });
  it('sources are named as each language names the law (AVG, RGPD, DSGVO, GDPR)', () => {
    const s = content.obligations.gdpr_dpa_notification!.source;
    expect([s.nl, s.fr, s.de, s.en]).toEqual(['AVG art. 33', 'RGPD art. 33', 'DSGVO Art. 33', 'GDPR Art. 33']);
    // No English left in another language's source (the old single text was English for everyone).
    for (const [id, o] of Object.entries(content.obligations))
      for (const lang of ['nl', 'fr', 'de'] as const)
        expect(o.source[lang], `${id} ${lang}`).not.toMatch(/\b(Advice|Law of|Belgian police|reporting|Your|Proposed|requirement|scope)\b/);
  });
  it('French: one kind of apostrophe and a no-break space before ":" (and ; ? !)', () => {
    const texts = frenchTexts(raw);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => t.includes("'"))).toEqual([]);
    expect(texts.filter((t) => / [:;?!]/.test(t))).toEqual([]);
  });
});
