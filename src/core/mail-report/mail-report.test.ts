import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachmentReasons, listZip, riskOfName } from './attachments.ts';
import { domainShownIn, extractLinks } from './links.ts';
import { inlineForwarded, parseAuthenticationResults, registrationDateFromRdap, textReasons } from './signals.ts';
import { findSimulationTokens } from './simulation-token.ts';
import type { AnalysisContext, OriginalMail } from './types.ts';
import { analyseMail, mustNotAnswer } from './verdict.ts';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv'; // 22 base64url characters

/** A ZIP with only what listZip reads: central directory entries and the end record (PKWARE APPNOTE 4.3.12, 4.3.16). */
function zipOf(names: string[], encrypted = false): Uint8Array {
  const parts: Buffer[] = [];
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(encrypted ? 1 : 0, 8);
    h.writeUInt16LE(n.length, 28);
    parts.push(h, n);
  }
  const cd = Buffer.concat(parts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(0, 16);
  return new Uint8Array(Buffer.concat([cd, end]));
}

function mail(over: Partial<OriginalMail> = {}): OriginalMail {
  return { kind: 'attachment', fromAddress: 'info@supplier.be', fromName: null, replyTo: null, subject: 'Hello', text: 'Hello there.', links: [], attachments: [], auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass', source: 'checked' }, ...over };
}
const ctx: AnalysisContext = { ownDomains: ['bakkerij-peeters.be'], registeredAt: new Map(), now: new Date('2026-12-06T00:00:00Z') };

describe('simulation token (issue 10 shared contract: /p/<22 chars> link or X-Schild-Simulation header)', () => {
  it('finds the token in a link and in the header, once each', () => {
    expect(findSimulationTokens([`click https://schild.test/p/${TOKEN} now`, `X-Schild-Simulation: ${TOKEN}`])).toEqual([TOKEN]);
    expect(findSimulationTokens([`<a href="https://x.test/p/${TOKEN}/pixel.gif">`])).toEqual([TOKEN]);
  });
  it('ignores tokens of another length', () => {
    expect(findSimulationTokens([`https://x.test/p/${TOKEN}X`, 'https://x.test/p/short'])).toEqual([]);
  });
});

describe('links', () => {
  it('takes href and visible text from HTML and bare URLs from text', () => {
    const links = extractLinks('<a href="https://evil.test/x?a=1&amp;b=2">www.mybank.be</a>', 'see https://plain.test/page.');
    expect(links).toEqual([
      { href: 'https://evil.test/x?a=1&b=2', text: 'www.mybank.be' },
      { href: 'https://plain.test/page', text: '' },
    ]);
  });
  it('reads a domain shown as link text', () => {
    expect(domainShownIn('www.shop.example.co.uk/login')).toBe('example.co.uk');
    expect(domainShownIn('Click here')).toBeNull();
  });
  it('flags a link whose text shows another domain, an IP, a shortener and a lookalike', () => {
    const a = analyseMail(
      mail({
        links: [
          { href: 'http://evil.test/login', text: 'www.mybank.be' },
          { href: 'http://203.0.113.9/x', text: '' },
          { href: 'https://bit.ly/abc', text: '' },
          { href: 'https://bakkerij-peeterss.be/', text: '' },
        ],
      }),
      ctx,
    );
    expect(a.reasons).toEqual(expect.arrayContaining(['link_text_mismatch', 'link_ip', 'link_shortener', 'link_lookalike']));
    expect(a.verdict).toBe('likely_phishing');
  });
});

describe('attachments', () => {
  it('classes risky file types by their last extension', () => {
    expect(riskOfName('factuur.pdf.exe')).toBe('executable');
    expect(riskOfName('order.js')).toBe('script');
    expect(riskOfName('Invoice.XLSM')).toBe('macro');
    expect(riskOfName('scan.html')).toBe('html');
    expect(riskOfName('docs.iso')).toBe('disk_image');
    expect(riskOfName('photo.jpg')).toBeNull();
    expect(riskOfName('report.pdf')).toBeNull();
  });
  it('lists a ZIP and flags an executable inside it, and a password-protected archive', () => {
    const zip = listZip(zipOf(['readme.txt', 'invoice.pdf.exe']));
    expect(zip).toEqual({ entries: ['readme.txt', 'invoice.pdf.exe'], encrypted: false });
    expect(attachmentReasons([{ filename: 'a.zip', contentType: 'application/zip', entries: zip!.entries, encrypted: false }], '')).toEqual(['attachment_executable']);
    const locked = listZip(zipOf(['x.pdf'], true));
    expect(attachmentReasons([{ filename: 'a.zip', contentType: 'application/zip', entries: locked!.entries, encrypted: locked!.encrypted }], '')).toEqual(['archive_password']);
    expect(attachmentReasons([{ filename: 'a.7z', contentType: 'application/x-7z', entries: null, encrypted: false }], 'Het wachtwoord is 1234')).toEqual(['archive_password']);
  });
  it('never throws on junk bytes', () => {
    expect(listZip(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(listZip(new Uint8Array(5000).fill(0x50))).toBeNull();
  });
});

describe('text signals in four languages', () => {
  it.each([
    ['nl', 'Betaal dringend op ons nieuw rekeningnummer'],
    ['fr', 'Virement urgent sur notre nouveau compte, immédiatement'],
    ['de', 'Bitte sofort auf unsere neue Bankverbindung überweisen'],
    ['en', 'Please pay immediately to our new bank account'],
  ])('%s: urgency and payment change', (_lang, text) => {
    expect(textReasons('', text)).toEqual(['urgency_words', 'payment_change_words']);
  });
  it('says nothing about an ordinary mail', () => {
    expect(textReasons('Agenda', 'See you on Monday at ten.')).toEqual([]);
  });
});

describe('inline forward', () => {
  it('reads the copied sender and subject after a forward marker (nl, en)', () => {
    expect(inlineForwarded('Kijk eens\n\n---------- Doorgestuurd bericht ---------\nVan: Bank <alert@bank-veilig.test>\nOnderwerp: Uw kaart\n')).toEqual({ fromAddress: 'alert@bank-veilig.test', fromName: 'Bank', subject: 'Uw kaart' });
    expect(inlineForwarded('no forward here')).toBeNull();
  });
});

describe('authentication', () => {
  it('parses an Authentication-Results header (RFC 8601 §2.2)', () => {
    expect(parseAuthenticationResults('mx.example.be; spf=fail (sender IP is 203.0.113.5) smtp.mailfrom=x.test; dkim=none; dmarc=fail action=quarantine header.from=x.test')).toEqual({ spf: 'fail', dkim: 'none', dmarc: 'fail' });
  });
  it('DMARC and SPF failing make a mail likely phishing (RFC 7489 §6.6.2: the From is not proven)', () => {
    const a = analyseMail(mail({ auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', source: 'checked' } }), ctx);
    expect(a.reasons).toEqual(['auth_dmarc_fail', 'auth_spf_fail']);
    expect(a.verdict).toBe('likely_phishing');
  });
  it('an authenticated mail without signs looks legitimate, and says so', () => {
    const a = analyseMail(mail(), ctx);
    expect(a).toMatchObject({ verdict: 'likely_legitimate', reasons: ['auth_pass'] });
  });
  it('an inline forward says authentication could not be checked', () => {
    const a = analyseMail(mail({ kind: 'inline', auth: { spf: null, dkim: null, dmarc: null, source: 'none' } }), ctx);
    expect(a.reasons).toEqual(['auth_unavailable']);
  });
});

describe('sender', () => {
  it('flags a sender domain that looks like the company’s own (lookalike generator)', () => {
    const a = analyseMail(mail({ fromAddress: 'boekhouding@bakkerij-peeterss.be' }), ctx);
    expect(a.reasons).toContain('sender_lookalike');
    expect(a.senderDomain).toBe('bakkerij-peeterss.be');
  });
  it('does not flag the company’s own domain', () => {
    expect(analyseMail(mail({ fromAddress: 'anna@bakkerij-peeters.be' }), ctx).reasons).not.toContain('sender_lookalike');
  });
  it('flags a young sender domain from a recorded RDAP answer (RFC 9083 events)', () => {
    const rdap = JSON.parse(readFileSync(new URL('../../../test/fixtures/mail-in/rdap-young-domain.json', import.meta.url), 'utf8')) as unknown;
    const registered = registrationDateFromRdap(rdap);
    expect(registered?.toISOString()).toBe('2026-11-28T08:14:02.000Z');
    const a = analyseMail(mail({ fromAddress: 'x@bakkerij-peeterss.be' }), { ...ctx, registeredAt: new Map([['bakkerij-peeterss.be', registered!]]) });
    expect(a.reasons).toContain('sender_young_domain');
    expect(registrationDateFromRdap({ events: 'nope' })).toBeNull();
  });
});

describe('loops (RFC 3834)', () => {
  const base = { envelopeFrom: 'anna@bakkerij-peeters.be', from: 'anna@bakkerij-peeters.be', autoSubmitted: null, precedence: null, listId: false, ourDomains: ['report.schild.test', 'schild.test'] };
  it('answers an ordinary forward', () => {
    expect(mustNotAnswer(base)).toBe(false);
    expect(mustNotAnswer({ ...base, autoSubmitted: 'no' })).toBe(false);
  });
  it.each([
    ['a bounce (empty return path)', { envelopeFrom: null }],
    ['MAILER-DAEMON', { envelopeFrom: 'MAILER-DAEMON@mx.test' }],
    ['Auto-Submitted: auto-replied (§5)', { autoSubmitted: 'auto-replied' }],
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['a mailing list', { listId: true }],
    ['our own answers', { from: 'no-reply@schild.test', envelopeFrom: 'bounce@schild.test' }],
  ])('never answers %s', (_name, over) => {
    expect(mustNotAnswer({ ...base, ...over })).toBe(true);
  });
});
