/**
 * `next=` after log-in: only a local page of Schild, and always a value Node can put in a Location header.
 * Open redirects are CWE-601; a header value may hold only visible ASCII, space and tab (RFC 9110 §5.5), so an
 * unchecked control character or non-ASCII letter in `next` used to make Node refuse the header: a 500.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './forms.ts';

const FALLBACK = '/en/account';
/** What Node's http module accepts in a header value (lib/_http_common.js checkInvalidHeaderChar). */
const HEADER_SAFE = /^[\t\x20-\x7e]*$/;

function assertSafe(out: string): void {
  expect(out).toMatch(HEADER_SAFE);
  expect(out).toMatch(/^\/(nl|fr|de|en)\//);
  expect(out.startsWith('//')).toBe(false);
  expect(out).not.toContain('\\');
  // Resolved against any origin, it stays on that origin (no open redirect, CWE-601).
  expect(new URL(out, 'https://schild.example').origin).toBe('https://schild.example');
  expect(out.length).toBeLessThanOrEqual(2000);
}

describe('safeNext (open redirect, CWE-601; header values, RFC 9110 §5.5)', () => {
  it('keeps a local page with its query', () => {
    expect(safeNext('/nl/companies/1?tab=x', FALLBACK)).toBe('/nl/companies/1?tab=x');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/nl/',
    '/\\evil.example/nl/',
    '\\\\evil.example',
    '/nl/\\..\\\\evil.example',
    'javascript:alert(1)',
    '%2F%2Fevil.example',
    '/%2F/evil.example',
    ' /nl/account',
    '/xx/account',
    '',
    'x'.repeat(10_000),
    `/nl/${'a'.repeat(5000)}`,
  ])('refuses or neutralises %j', (value) => {
    const out = safeNext(value, FALLBACK);
    assertSafe(out);
    if (!value.startsWith('/nl/')) expect(out).toBe(FALLBACK);
  });

  it.each(['/nl/\r\nSet-Cookie: a=b', '/nl/\u0000', '/nl/é', '/nl/\u2028', '/nl/a\tb', '/nl/\u007f', '/nl/%0d%0a', '/nl/\ud800'])('never returns a value a header cannot carry: %j', (value) => {
    assertSafe(safeNext(value, FALLBACK));
  });

  it('refuses non-strings (repeated fields arrive as arrays)', () => {
    expect(safeNext(['/nl/a', '/nl/b'], FALLBACK)).toBe(FALLBACK);
    expect(safeNext(undefined, FALLBACK)).toBe(FALLBACK);
  });

  it('fuzz: any string, any prefix, stays local and header-safe', () => {
    const prefix = fc.constantFrom('', '/', '//', '/nl/', '/en/', '/\\', 'https://', '/nl//', '/nl/..%2F', '/nl/%');
    fc.assert(
      fc.property(prefix, fc.string({ unit: 'binary', maxLength: 600 }), (p, s) => {
        assertSafe(safeNext(p + s, FALLBACK));
      }),
      { numRuns: 3000 },
    );
  });
});
