import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillDocument, validateEmployerDocuments } from './documents.ts';
import { fillPlaceholders, firstNameOf, markedMail, readTeachingTemplate } from './teaching.ts';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/phishing/templates/test-parcel.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('readTeachingTemplate (shared template contract)', () => {
  it('reads a valid template and marks the signs at their parts', () => {
    const t = readTeachingTemplate(fixture);
    expect(t.landing).toBe('login');
    const m = markedMail(t.i18n.nl, { firstName: 'An', company: 'Bakkerij Lies' });
    expect(m.subject).toBe('An, je pakket wacht op je');
    expect(m.body.join(' ')).toContain('Bakkerij Lies');
    expect(m.signsByPart.sender).toHaveLength(1);
    expect(m.signsByPart.attachment).toEqual([]);
  });
  it('names the template and the field that is wrong', () => {
    const noGerman = { ...fixture, i18n: { ...(fixture.i18n as object), de: undefined } };
    expect(() => readTeachingTemplate(noGerman)).toThrow(/test-parcel: missing language de/);
    expect(() => readTeachingTemplate({ ...fixture, landing: 'fake' })).toThrow(/landing/);
    const badSign = structuredClone(fixture) as { i18n: { en: { signs: unknown[] } } };
    badSign.i18n.en.signs = [{ part: 'footer', text: 'x' }];
    expect(() => readTeachingTemplate(badSign)).toThrow(/en.signs/);
  });
});

describe('placeholders', () => {
  it('fills only {{firstName}} and {{company}}, as text', () => {
    expect(fillPlaceholders('{{ firstName }} at {{company}} {{other}}', { firstName: '<b>', company: 'X' })).toBe('<b> at X {{other}}');
    expect(firstNameOf('  An  Peeters ', 'colleague')).toBe('An');
    expect(firstNameOf(null, 'colleague')).toBe('colleague');
  });
});

describe('employer documents (content/phishing/documents.json)', () => {
  const docs = validateEmployerDocuments(JSON.parse(readFileSync(new URL('../../../content/phishing/documents.json', import.meta.url), 'utf8')));
  it('has a review date and sources, and fills in the company and the retention period', () => {
    expect(docs.review.sources.some((s) => s.includes('2016/679'))).toBe(true);
    const d = fillDocument(docs.documents['staff-notice'].fr, { company: 'Boulangerie Luc', months: 12 });
    const text = JSON.stringify(d);
    expect(text).toContain('Boulangerie Luc');
    expect(text).toContain('12 mois');
    expect(text).not.toMatch(/\{\{/);
  });
  it('writes French with one kind of apostrophe and a no-break space before colons', () => {
    for (const id of ['staff-notice', 'legitimate-interest'] as const) {
      const d = docs.documents[id].fr;
      for (const text of [d.title, ...d.sections.flatMap((s) => [s.heading, ...s.paragraphs])]) {
        expect(text).not.toContain("'");
        expect(text).not.toMatch(/[^\u00a0]:/);
      }
    }
  });
  it('mentions works councils to German readers only as "if you have a works council"', () => {
    const paragraphs = (['legitimate-interest', 'staff-notice'] as const).flatMap((id) => docs.documents[id].de.sections.flatMap((s) => s.paragraphs));
    const mentions = paragraphs.filter((p) => p.includes('Betriebsrat'));
    expect(mentions.length).toBeGreaterThan(0);
    for (const p of mentions) expect(p.startsWith('Wenn Sie einen Betriebsrat haben')).toBe(true);
  });
  it('refuses a document without a language', () => {
    const broken = structuredClone(docs) as unknown as { documents: { 'staff-notice': Record<string, unknown> } };
    delete broken.documents['staff-notice'].de;
    expect(() => validateEmployerDocuments(broken)).toThrow(/staff-notice.de/);
  });
});
