import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSimulation } from './render.ts';
import { validateTemplate } from './templates.ts';

const file = path.resolve(import.meta.dirname, '../../../content/phishing/templates/parcel-delivery.json');
const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const template = validateTemplate(json, 'parcel-delivery');

describe('phishing template validator (issue 10 shared content format)', () => {
  it('accepts the parcel-delivery template in all four languages', () => {
    expect(template.scenario).toBe('parcel');
    expect(Object.keys(template.i18n).sort()).toEqual(['de', 'en', 'fr', 'nl']);
  });
  it('refuses a missing language, an unknown placeholder, a URL in the text, a bad scenario and a file-name mismatch', () => {
    const clone = () => JSON.parse(JSON.stringify(json)) as { i18n: Record<string, { body: string[]; subject: string }>; scenario: string };
    const noDe = clone();
    delete noDe.i18n.de;
    expect(() => validateTemplate(noDe, 'parcel-delivery')).toThrow(/missing language de/);
    const badPlaceholder = clone();
    badPlaceholder.i18n.en!.subject = 'Hi {{lastName}}';
    expect(() => validateTemplate(badPlaceholder, 'parcel-delivery')).toThrow(/unknown placeholder/);
    const url = clone();
    url.i18n.nl!.body.push('Ga naar https://example.be');
    expect(() => validateTemplate(url, 'parcel-delivery')).toThrow(/URL/);
    const scenario = clone();
    scenario.scenario = 'lottery';
    expect(() => validateTemplate(scenario, 'parcel-delivery')).toThrow(/scenario/);
    expect(() => validateTemplate(json, 'other-name')).toThrow(/file name/);
  });
});

describe('simulation renderer', () => {
  const base = {
    template,
    lang: 'en' as const,
    person: { email: 'an.peeters@bakkerij.be', displayName: null },
    company: { name: 'Bakkerij <Peeters> & Zn' },
    link: 'https://schild.test/p/abcdefghijklmnopqrstuv',
    pixelUrl: 'https://schild.test/p/abcdefghijklmnopqrstuv/pixel.gif',
  };
  it('fills the placeholders, greets by the address when there is no name, and carries the link as the button', () => {
    const m = renderSimulation(base);
    expect(m.text).toContain('Dear An,');
    expect(m.text).toContain('for Bakkerij <Peeters> & Zn today');
    expect(m.text).toContain(`Plan a new delivery: ${base.link}`);
    expect(m.html).toContain(`href="${base.link}"`);
    expect(m.html).toContain(`<img src="${base.pixelUrl}" width="1" height="1" alt="">`);
    expect(m.attachments).toEqual([]);
  });
  it('HTML-escapes everything that comes from the company or the person (no markup injection)', () => {
    const m = renderSimulation({ ...base, person: { email: 'x@bakkerij.be', displayName: '<script>alert(1)</script> Jan' } });
    expect(m.html).toContain('Bakkerij &lt;Peeters&gt; &amp; Zn');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.html).not.toContain('<script>');
  });
  it('a QR template embeds the code picture as an inline (CID) attachment and refuses to render without it', () => {
    const qr = { ...template, qr: true };
    expect(() => renderSimulation({ ...base, template: qr })).toThrow(/QR/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const m = renderSimulation({ ...base, template: qr, qrPng: png });
    expect(m.html).toContain('src="cid:qr@schild.invalid"');
    expect(m.attachments).toEqual([{ cid: 'qr@schild.invalid', filename: 'qr.png', contentType: 'image/png', content: png }]);
  });
  it('keeps the subject on one line (RFC 5322 §2.2: no CR or LF in a header)', () => {
    const m = renderSimulation({ ...base, company: { name: 'A\r\nBcc: x@evil.test' }, template: { ...template, i18n: { ...template.i18n, en: { ...template.i18n.en, subject: 'For {{company}}' } } } });
    expect(m.subject).toBe('For A Bcc: x@evil.test');
  });
});
