/**
 * Reading reported mails with the real parser and real authentication checks, DNS answered by the loopback DNS
 * server (never real DNS), then the pure verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseMail } from '../core/mail-report/verdict.ts';
import { findSimulationTokens } from '../core/mail-report/simulation-token.ts';
import { dnsLookup } from '../entrypoints/mail-in.ts';
import { startDnsServer, type TestDnsServer } from '../../test/support/scan/dns-server.ts';
import { fixture, forwardAsAttachment, MAIL_ZONES, signedLegitimateMail } from '../../test/support/mail-in/fixtures.ts';
import { readReportedMail, type DnsLookup } from './mail-report-reading.ts';

let dns: TestDnsServer;
let lookup: DnsLookup;
beforeAll(async () => {
  dns = await startDnsServer(MAIL_ZONES);
  lookup = dnsLookup(dns.server);
});
afterAll(() => dns.stop());

const ctx = { ownDomains: ['bakkerij-peeters.be'], registeredAt: new Map<string, Date>(), now: new Date('2026-12-06T00:00:00Z') };
const from = 'Anna <anna@bakkerij-peeters.be>';
const to = 'abcdefghijklmnop@report.schild.test';

describe('reading a forwarded mail', () => {
  it('phishing forwarded as attachment: lookalike sender, DMARC fails (SPF -all, RFC 7208 §2.6.2), HTML attachment → likely phishing', async () => {
    const mail = await readReportedMail(Buffer.from(forwardAsAttachment(fixture('phishing-lookalike.eml'), { from, to })), lookup);
    expect(mail.original).toMatchObject({ kind: 'attachment', fromAddress: 'factuur@bakkerij-peeterss.be', subject: 'Dringend: openstaande factuur en nieuw rekeningnummer' });
    expect(mail.original.auth).toMatchObject({ spf: 'fail', dmarc: 'fail', source: 'checked' });
    expect(mail.original.attachments.map((a) => a.filename)).toEqual(['factuur-2026-118.html']);
    const a = analyseMail(mail.original, ctx);
    expect(a.verdict).toBe('likely_phishing');
    expect(a.reasons).toEqual(expect.arrayContaining(['auth_dmarc_fail', 'auth_spf_fail', 'sender_lookalike', 'link_lookalike', 'link_text_mismatch', 'attachment_html', 'urgency_words', 'payment_change_words']));
    expect(mail.outer.fromAddress).toBe('anna@bakkerij-peeters.be');
  });

  it('legitimate supplier mail with a valid DKIM signature (RFC 6376) and SPF pass → DMARC pass, likely legitimate', async () => {
    const mail = await readReportedMail(Buffer.from(forwardAsAttachment(await signedLegitimateMail(), { from, to })), lookup);
    expect(mail.original.auth).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass', source: 'checked' });
    const a = analyseMail(mail.original, ctx);
    expect(a).toMatchObject({ verdict: 'likely_legitimate', reasons: ['auth_pass'], senderDomain: 'leverancier.be' });
  });

  it('a body changed after signing breaks the DKIM signature (RFC 6376 §3.7 body hash)', async () => {
    const tampered = (await signedLegitimateMail()).replace('zoals altijd', 'vanaf nu op ons nieuw rekeningnummer');
    const mail = await readReportedMail(Buffer.from(forwardAsAttachment(tampered, { from, to })), lookup);
    expect(mail.original.auth.dkim).not.toBe('pass');
    expect(analyseMail(mail.original, ctx).reasons).toContain('auth_dkim_fail');
  });

  it('falls back to the company server’s Authentication-Results when the original carries no Received header (RFC 8601)', async () => {
    const original = ['Authentication-Results: mx.bakkerij-peeters.be; spf=fail smtp.mailfrom=x@bad.test; dkim=none; dmarc=fail header.from=bad.test', 'From: x@bad.test', 'Subject: hi', '', 'hello', ''].join('\r\n');
    const mail = await readReportedMail(Buffer.from(forwardAsAttachment(original, { from, to })), lookup);
    expect(mail.original.auth).toEqual({ spf: 'fail', dkim: 'none', dmarc: 'fail', source: 'header' });
  });

  it('an inline forward: sender from the copied lines, a shortener link, no authentication', async () => {
    const mail = await readReportedMail(Buffer.from(fixture('forwarded-inline.eml').replace('{{REPORT_ADDRESS}}', to)), lookup);
    expect(mail.original).toMatchObject({ kind: 'inline', fromAddress: 'support@bakkerij-peeters-helpdesk.com', subject: 'Uw wachtwoord verloopt vandaag' });
    const a = analyseMail(mail.original, ctx);
    expect(a.reasons).toEqual(expect.arrayContaining(['auth_unavailable', 'link_shortener', 'urgency_words']));
    expect(a.verdict).toBe('suspicious');
  });

  it('finds the simulation token in an attached original (header and quoted-printable link)', async () => {
    const token = 'Zz9_-AbCdEfGhIjKlMnOpQ';
    const raw = fixture('forwarded-simulation.eml').replaceAll('{{TOKEN}}', token).replace('{{BASE_URL}}', 'https://schild.test').replace('{{REPORT_ADDRESS}}', to);
    const mail = await readReportedMail(Buffer.from(raw), lookup);
    expect(findSimulationTokens(mail.texts)).toEqual([token]);
  });

  it('does not crash on junk: no headers, 8-bit bytes, broken MIME, a huge header', async () => {
    const junk = [
      Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0a, 0x0d, 0x0a, 0xc3, 0x28]),
      Buffer.from('Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: message/rfc822\r\n\r\n--x\r\n'),
      Buffer.from(`Subject: ${'A'.repeat(1_000_000)}\r\n\r\nbody`),
      Buffer.alloc(0),
    ];
    for (const raw of junk) {
      const mail = await readReportedMail(raw, lookup);
      expect(['attachment', 'inline', 'none']).toContain(mail.original.kind);
      analyseMail(mail.original, ctx);
    }
  });
});
