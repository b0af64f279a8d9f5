import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRequest, scannerMatcher, validateScannerList, type CapturedRequest } from './scanner-filter.ts';

const list = validateScannerList(JSON.parse(readFileSync(new URL('../../../content/phishing/scanners.json', import.meta.url), 'utf8')));
const m = scannerMatcher(list);
const delivered = new Date('2026-12-01T09:00:00.000Z');
const later = new Date('2026-12-01T09:05:00.000Z');
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const req = (o: Partial<CapturedRequest> = {}): CapturedRequest => ({ method: 'GET', headers: { 'user-agent': FIREFOX }, ip: '198.51.100.7', now: later, ...o });

describe('classifyRequest (mail-scanner filtering, docs/phishing.md; gophish#973)', () => {
  it('lets a person through', () => {
    expect(classifyRequest(req(), delivered, 10, m)).toEqual({ machine: false });
  });
  it('sets HEAD apart (RFC 9110 §9.3.2: metadata only, no browser sends it for a link)', () => {
    expect(classifyRequest(req({ method: 'HEAD' }), delivered, 10, m)).toEqual({ machine: true, reason: 'head' });
  });
  it('sets prefetches apart (Sec-Purpose / Purpose: prefetch)', () => {
    expect(classifyRequest(req({ headers: { 'user-agent': FIREFOX, 'sec-purpose': 'prefetch;prerender' } }), delivered, 10, m)).toEqual({ machine: true, reason: 'prefetch' });
    expect(classifyRequest(req({ headers: { 'user-agent': FIREFOX, purpose: 'prefetch' } }), delivered, 10, m)).toEqual({ machine: true, reason: 'prefetch' });
  });
  it('sets apart requests too soon after delivery, and before any delivery', () => {
    const soon = new Date(delivered.getTime() + 9_000);
    expect(classifyRequest(req({ now: soon }), delivered, 10, m)).toEqual({ machine: true, reason: 'too_soon' });
    expect(classifyRequest(req({ now: new Date(delivered.getTime() + 10_000) }), delivered, 10, m)).toEqual({ machine: false });
    expect(classifyRequest(req(), null, 10, m)).toEqual({ machine: true, reason: 'too_soon' });
  });
  it('sets known scanner agents apart, and requests without an agent', () => {
    for (const ua of ['Mozilla/5.0 (compatible; ms-office; MSOffice 16)', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'python-requests/2.31', 'Mozilla/5.0 HeadlessChrome/120.0']) {
      expect(classifyRequest(req({ headers: { 'user-agent': ua } }), delivered, 10, m)).toEqual({ machine: true, reason: 'agent' });
    }
    expect(classifyRequest(req({ headers: {} }), delivered, 10, m)).toEqual({ machine: true, reason: 'agent' });
  });
  it('sets documented scanner address ranges apart, IPv4, IPv4-mapped and IPv6', () => {
    for (const ip of ['40.107.12.34', '::ffff:104.47.1.2', '2a01:111:f400::1']) {
      expect(classifyRequest(req({ ip }), delivered, 10, m)).toEqual({ machine: true, reason: 'range' });
    }
    expect(classifyRequest(req({ ip: 'not an address' }), delivered, 10, m)).toEqual({ machine: false });
  });
});

describe('validateScannerList', () => {
  it('refuses a list without review date or with a broken range', () => {
    expect(() => validateScannerList({ ...list, review: { sources: ['x'] } })).toThrow(/review.date/);
    expect(() => validateScannerList({ ...list, ranges: [{ cidr: '300.1.1.0/24', what: '', documented: true }] })).toThrow(/address range/);
  });
});
