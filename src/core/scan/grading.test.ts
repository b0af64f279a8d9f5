import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineCheck, type CheckOutcome, type CheckStatus, type Severity } from './check.ts';
import { mailDmarc } from './checks/mail-dmarc.check.ts';
import { GRADE_BANDS, analyze, gradeOf, rankByBusinessRisk, scoreOf } from './grading.ts';
import { ALL_CHECKS, CHECK_IDS, SCAN_ALGORITHM_VERSION } from './registry.ts';
import { NOW, goodSnapshot, snapshotWith } from './snapshot.fixture.ts';
import type { Snapshot } from './snapshot.ts';

const REQUIRED = [
  'dns.dnssec', 'dns.caa', 'dns.ns',
  'mail.mx', 'mail.spf', 'mail.dmarc', 'mail.dkim', 'mail.starttls', 'mail.mta_sts', 'mail.tlsrpt', 'mail.null_mx',
  'web.https', 'web.redirect', 'web.cert', 'web.tls_version', 'web.hsts', 'web.csp', 'web.frame', 'web.xcto',
  'web.referrer', 'web.cookies', 'web.sri', 'web.securitytxt', 'web.server_disclosure',
]; // prettier-ignore

function outcome(id: string, status: CheckStatus, severity: Severity, details: Record<string, unknown> = {}): CheckOutcome {
  return { id, status, severity, messageKey: `${id}.x`, params: {}, who: 'it_provider', details };
}

describe('registry', () => {
  it('lists every required check once, under a versioned algorithm', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    expect(CHECK_IDS).toEqual(expect.arrayContaining(REQUIRED));
    expect(SCAN_ALGORITHM_VERSION).toMatch(/^schild-scan-\d+\.\d+\.\d+$/);
  });

  it('has one file per check, named after its id, and no unregistered check file', () => {
    const dir = fileURLToPath(new URL('./checks/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.check.ts'));
    expect(files.sort()).toEqual(CHECK_IDS.map((id) => `${id.replaceAll('.', '-')}.check.ts`).sort());
  });
});

describe('grading tables', () => {
  it.each([
    [100, 'A+'],
    [95, 'A'],
    [90, 'A'],
    [89, 'A-'],
    [85, 'A-'],
    [80, 'B+'],
    [72, 'B'],
    [65, 'B-'],
    [60, 'C+'],
    [50, 'C'],
    [45, 'C-'],
    [40, 'D+'],
    [30, 'D'],
    [25, 'D-'],
    [24, 'F'],
    [0, 'F'],
  ])('score %i → %s', (score, grade) => expect(gradeOf(score)).toBe(grade));

  it('bands run from 100 down to 0', () => {
    expect(GRADE_BANDS[0]?.min).toBe(100);
    expect(GRADE_BANDS.at(-1)?.min).toBe(0);
    expect(GRADE_BANDS.map((b) => b.min)).toEqual([...GRADE_BANDS.map((b) => b.min)].sort((a, b) => b - a));
  });

  it('subtracts per severity and status; could-not-test, info and skipped cost nothing', () => {
    expect(
      scoreOf([
        outcome('a', 'fail', 'high'),
        outcome('b', 'warn', 'medium'),
        outcome('c', 'error', 'critical'),
        outcome('d', 'info', 'high'),
        outcome('e', 'skipped', 'high'),
      ]),
    ).toBe(81);
    expect(scoreOf(Array.from({ length: 10 }, (_, i) => outcome(`x${i}`, 'fail', 'critical')))).toBe(0);
  });

  it('caps the grade at C with a critical failure', () => {
    const outcomes = [outcome('mail.dmarc', 'fail', 'critical')];
    expect(scoreOf(outcomes)).toBe(70);
    expect(gradeOf(70, outcomes)).toBe('C');
    expect(gradeOf(40, outcomes)).toBe('D+');
  });
});

describe('rankByBusinessRisk', () => {
  it('puts spoofing first, then certificate, then session cookies, then the rest by severity', () => {
    const ranked = rankByBusinessRisk([
      outcome('web.hsts', 'pass', 'medium'),
      outcome('dns.dnssec', 'fail', 'critical'),
      outcome('web.csp', 'fail', 'medium'),
      outcome('web.xcto', 'error', 'low'),
      outcome('web.cookies', 'fail', 'high', { sessionIssue: true }),
      outcome('mail.spf', 'warn', 'low'), // ~all: too minor to jump the queue
      outcome('web.cert', 'warn', 'high'),
      outcome('mail.dkim', 'warn', 'medium'),
      outcome('mail.dmarc', 'warn', 'high'),
      outcome('web.frame', 'warn', 'medium'),
      outcome('brand.lookalike', 'skipped', 'info'),
      outcome('web.referrer', 'info', 'low'),
    ]);
    expect(ranked.map((o) => o.id)).toEqual([
      'mail.dmarc',
      'mail.dkim',
      'web.cert',
      'web.cookies',
      'dns.dnssec',
      'web.csp',
      'web.frame',
      'mail.spf',
      'web.xcto',
      'web.referrer',
      'web.hsts',
      'brand.lookalike',
    ]);
  });

  it('does not lift a cookie finding that is not about a session', () => {
    const ranked = rankByBusinessRisk([
      outcome('web.hsts', 'fail', 'medium'),
      outcome('web.cookies', 'warn', 'medium', { sessionIssue: false }),
    ]);
    expect(ranked.map((o) => o.id)).toEqual(['web.hsts', 'web.cookies']);
  });
});

describe('analyze', () => {
  it('grades the good snapshot A+ with every check present', () => {
    const result = analyze(goodSnapshot(), NOW);
    expect(result).toMatchObject({ algorithmVersion: SCAN_ALGORITHM_VERSION, grade: 'A+', score: 100, incomplete: false });
    expect(result.checks.map((c) => c.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  it('ranks a missing DMARC record first and caps the grade', () => {
    const result = analyze(
      snapshotWith((s) => void (s.mail.dmarcTxt = { status: 'nxdomain' })),
      NOW,
    );
    expect(result.checks[0]).toMatchObject({ id: 'mail.dmarc', status: 'fail' });
    expect(result.grade).toBe('C');
  });

  it('survives a throwing check: that one is an error, the rest completes', () => {
    const broken = defineCheck({ id: 'test.broken', severity: 'high', role: 'web' }, () => {
      throw new Error('boom');
    });
    const result = analyze(goodSnapshot(), NOW, [broken, mailDmarc]);
    expect(result.checks).toHaveLength(2);
    expect(result.checks.find((c) => c.id === 'test.broken')).toMatchObject({
      status: 'error',
      messageKey: 'scan.check_failed',
      params: { reason: 'internal' },
      details: { message: 'boom' },
    });
    expect(result.checks.find((c) => c.id === 'mail.dmarc')?.status).toBe('pass');
    expect(result).toMatchObject({ incomplete: true, score: 100 });
  });

  it('reports a check the retriever timed out on as could-not-test', () => {
    const result = analyze(
      snapshotWith((s) => void (s.checkErrors['mail.starttls'] = { reason: 'timeout', message: 'budget 20 s' })),
      NOW,
    );
    expect(result.checks.find((c) => c.id === 'mail.starttls')).toMatchObject({
      status: 'error',
      messageKey: 'scan.could_not_test',
      params: { reason: 'timeout' },
      who: 'mail_provider',
    });
    expect(result.incomplete).toBe(true);
  });

  it('runs every check without crashing on a domain that has nothing', () => {
    const none = { status: 'nxdomain' } as const;
    const empty: Snapshot = {
      domain: 'nothing.test',
      capturedAt: NOW.toISOString(),
      dns: { ns: none, nameServers: [], caa: none, dnssec: { ds: none, dnskey: none } },
      mail: {
        mx: none,
        apexTxt: none,
        spfLookups: { txt: {}, a: {}, mx: {} },
        dmarcTxt: none,
        dkim: { selectors: {} },
        mtaStsTxt: none,
        tlsRptTxt: none,
        smtp: [],
      },
      web: {
        https: { status: 'no_address', hops: [] },
        http: { status: 'no_address', hops: [] },
        tls: { host: 'nothing.test', status: 'no_address' },
        securityTxt: { status: 'no_address', url: 'https://nothing.test/.well-known/security.txt' },
      },
      checkErrors: {},
    };
    const result = analyze(empty, NOW);
    expect(result.checks.filter((c) => c.messageKey === 'scan.check_failed')).toEqual([]);
    for (const c of result.checks) expect(c.messageKey, c.id).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
    expect(result.checks.find((c) => c.id === 'web.https')?.messageKey).toBe('web.no_website');
  });

  it('gives every outcome a stable message key, whatever the snapshot', () => {
    for (const check of ALL_CHECKS) {
      const o = check(goodSnapshot(), { now: NOW });
      expect(o.id).toBe(check.id);
      expect(o.messageKey.startsWith(`${check.id}.`) || o.messageKey.startsWith('scan.')).toBe(true);
    }
  });
});
