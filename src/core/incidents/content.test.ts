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
    expect(certBe.url).toMatch(/^https:\/\/ccb\.belgium\.be\/.*report-incident/);
    expect(certBe.email).toBe('info@ccb.belgium.be');
    expect(certBe.phone).toBeNull(); // the emergency line is for NIS2 entities only
    const nis2 = content.contacts.find((c) => c.id === 'ccb_nis2')!;
    expect(nis2.phone).toBe('+32 2 501 05 60');
    expect(nis2.url).toMatch(/^https:\/\//);
  });
  it('every contact has a review date', () => {
    for (const c of content.contacts) expect(c.reviewed, c.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('French: one kind of apostrophe and a no-break space before ":" (and ; ? !)', () => {
    const texts = frenchTexts(raw);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => t.includes("'"))).toEqual([]);
    expect(texts.filter((t) => / [:;?!]/.test(t))).toEqual([]);
  });
});
