import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillDocument, validateEmployerDocuments } from './documents.ts';
import { fillPlaceholders, firstNameOf } from './render.ts';
import { markedMail } from './teaching.ts';
import { validateTemplate } from './templates.ts';

// A real template, through H1's validator: the teaching page reads the same templates the sender sends.
const parcel = validateTemplate(JSON.parse(readFileSync(new URL('../../../content/phishing/templates/parcel-delivery.json', import.meta.url), 'utf8')), 'parcel-delivery');

describe('the marked mail of the teaching page', () => {
  it('fills the placeholders as the sent mail did and puts each sign at its part', () => {
    const m = markedMail(parcel.i18n.nl, { firstName: 'An', company: 'Bakkerij Lies' });
    expect(m.body[0]).toBe('Beste An,');
    expect(m.body.join(' ')).toContain('Bakkerij Lies');
    expect(m.body.join(' ')).not.toContain('{{');
    expect(m.signsByPart.sender).toHaveLength(1);
    expect(m.signsByPart.link).toHaveLength(1);
    expect(m.signsByPart.attachment).toEqual([]);
  });
});

describe('placeholders', () => {
  it('fills only {{firstName}} and {{company}}, as text', () => {
    expect(fillPlaceholders('{{ firstName }} at {{company}} {{other}}', { firstName: '<b>', company: 'X' })).toBe('<b> at X {{other}}');
    expect(firstNameOf({ email: 'x@y.be', displayName: '  An  Peeters ' })).toBe('An');
    expect(firstNameOf({ email: 'an.peeters@y.be', displayName: null })).toBe('An');
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
