import { describe, expect, it } from 'vitest';
import { mailDkim } from './checks/mail-dkim.check.ts';
import { mailSpf } from './checks/mail-spf.check.ts';
import { webHsts } from './checks/web-hsts.check.ts';
import { detectProviders, responsible } from './providers.ts';
import { NOW, finalHop, goodSnapshot, snapshotWith } from './snapshot.fixture.ts';

describe('provider detection', () => {
  it('finds Microsoft 365 from the MX', () => {
    expect(detectProviders(goodSnapshot())).toEqual({ mail: 'microsoft365' });
  });

  it('finds Google Workspace, Cloudflare DNS and a Cloudflare-fronted site', () => {
    const s = snapshotWith((s) => {
      s.mail.mx = {
        status: 'ok',
        records: [
          { preference: 5, exchange: 'alt1.aspmx.l.google.com' },
          { preference: 1, exchange: 'aspmx.l.google.com' },
        ],
      };
      s.dns.ns = { status: 'ok', records: ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'] };
      finalHop(s).headers['cf-ray'] = '8a1b2c3d4e5f-BRU';
    });
    expect(detectProviders(s)).toEqual({ mail: 'google', dns: 'cloudflare', web: 'cloudflare' });
  });

  it('falls back to the SPF include when the MX is a filtering gateway', () => {
    const s = snapshotWith((s) => {
      s.mail.mx = { status: 'ok', records: [{ preference: 10, exchange: 'mx.filter.test' }] };
      s.mail.apexTxt = { status: 'ok', records: ['v=spf1 include:_spf.google.com -all'] };
    });
    expect(detectProviders(s).mail).toBe('google');
  });

  it.each([
    [['ns-1234.awsdns-56.org', 'ns-78.awsdns-09.com'], 'route53'],
    [['ns1.combell.net', 'ns2.combell.net'], 'combell'],
    [['ns01.one.com', 'ns02.one.com'], 'one_com'],
    [['dns200.anycast.me', 'ns200.anycast.me'], undefined],
    [['ns1.dns-parking.com'], 'hostinger'],
    [['ns27.domaincontrol.com'], 'godaddy'],
    [['ns0.transip.net'], 'transip'],
    [['ns1.someone.com'], undefined], // label boundaries: someone.com is not one.com
  ])('NS %j → %s', (records, provider) => {
    const s = snapshotWith((s) => void (s.dns.ns = { status: 'ok', records }));
    expect(detectProviders(s).dns).toBe(provider);
  });

  it.each([
    ['mx.mailprotect.be', 'combell'],
    ['mx1.mail.ovh.net', 'ovh'],
    ['mx1.hostinger.com', 'hostinger'],
    ['spool.mail.gandi.net', 'gandi'],
    ['example-be.l-v1.mx.microsoft', 'microsoft365'],
    ['mailstore1.secureserver.net', 'godaddy'],
  ])('MX %s → %s', (exchange, provider) => {
    const s = snapshotWith((s) => void (s.mail.mx = { status: 'ok', records: [{ preference: 10, exchange }] }));
    expect(detectProviders(s).mail).toBe(provider);
  });
});

describe('who must act', () => {
  it('names the provider for the check role, or the IT provider when unknown', () => {
    expect(responsible('dns', { dns: 'cloudflare' })).toEqual({ who: 'dns_provider', providerHint: 'cloudflare' });
    expect(responsible('dns', {})).toEqual({ who: 'it_provider' });
    expect(responsible('mail', { mail: 'google' })).toEqual({ who: 'mail_provider', providerHint: 'google' });
    expect(responsible('web', { web: 'vercel' })).toEqual({ who: 'web_host', providerHint: 'vercel' });
    expect(responsible('owner', { web: 'vercel' })).toEqual({ who: 'owner' });
  });

  it('puts who and providerHint on outcomes', () => {
    const s = snapshotWith((s) => {
      s.dns.ns = { status: 'ok', records: ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'] };
      finalHop(s).headers.server = 'cloudflare';
    });
    expect(mailDkim(s, { now: NOW })).toMatchObject({ who: 'mail_provider', details: { providerHint: 'microsoft365' } });
    expect(mailSpf(s, { now: NOW })).toMatchObject({
      who: 'dns_provider',
      details: { providerHint: 'cloudflare', providers: { mail: 'microsoft365' } },
    });
    expect(webHsts(s, { now: NOW })).toMatchObject({ who: 'web_host', details: { providerHint: 'cloudflare' } });
  });
});
