/**
 * Two-step log-in set up and used on a phone (issue 9): a tappable otpauth:// link (Key Uri Format, as used by
 * authenticator apps) beside the QR code, the key in blocks of four, the number keypad for app codes
 * (inputmode="numeric", autocomplete="one-time-code", WHATWG HTML), recovery codes to download or print and a tick
 * that they were kept before finishing, and a separate field for a recovery code at log-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/adapters/totp.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, signUpAndVerify, totpSecretFrom } from '../support/flows.ts';

const CODE = /<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/li>/g;
const numericField = (html: string, name: string) => new RegExp(`<input id="f-${name}" name="${name}"[^>]*autocomplete="one-time-code"[^>]*inputmode="numeric"[^>]*pattern="\\[0-9\\]\\*"`).test(html);

describe.each(DIALECTS)('two-step log-in on a phone on %s', (dialect) => {
  let t: TestApp;
  let b: Browser;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    b = new Browser(t.app);
    await signUpAndVerify(t, b, 'phone@example.be');
    await logIn(b, 'phone@example.be');
  });
  afterEach(async () => {
    await t.close();
  });

  async function setUp(): Promise<{ secret: string; page: string }> {
    await b.get('/en/account/security');
    await b.post('/en/account/security/setup', {});
    const page = (await b.get('/en/account/security')).body;
    return { secret: totpSecretFrom(page)!, page };
  }

  it('the set-up page has a tappable otpauth:// link, the key in blocks of four and a number keypad', async () => {
    const { secret, page } = await setUp();
    const href = /<a href="(otpauth:\/\/[^"]+)" data-testid="otpauth-link"/.exec(page)?.[1];
    expect(href).toBeDefined();
    const uri = new URL(href!.replace(/&amp;/g, '&'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Schild');
    const shown = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!;
    expect(shown).toMatch(/^(?:[A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(numericField(page, 'code')).toBe(true);
  });

  it('after switching on: codes to download and print, and finishing needs the "kept" tick', async () => {
    const { secret } = await setUp();
    const on = await b.post('/en/account/security/confirm', { code: currentTotp(secret, t.clock.now()) });
    expect(on.statusCode).toBe(200);
    const codes = [...on.body.matchAll(CODE)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    // The download is a data: link holding exactly these codes, one a line.
    const href = /href="(data:text\/plain;charset=utf-8,[^"]+)" download="schild-recovery-codes.txt"/.exec(on.body)?.[1];
    expect(href).toBeDefined();
    const file = decodeURIComponent(href!.slice('data:text/plain;charset=utf-8,'.length));
    expect(file.split('\r\n').filter((l) => /^[a-z2-9]{4}-/.test(l))).toEqual(codes);
    // The print button needs the script, so it starts hidden; the page says how to print without it.
    expect(on.body).toMatch(/<button type="button" class="secondary" data-print[^>]*\shidden[\s>=]/);
    expect(on.body).toContain('action="/en/account/security/codes-kept"');

    const notTicked = await b.post('/en/account/security/codes-kept', { codes });
    expect(notTicked.statusCode).toBe(400);
    expect([...notTicked.body.matchAll(CODE)].map((m) => m[1]!)).toEqual(codes);
    expect(notTicked.body).toContain('tick the box');
    const done = await b.post('/en/account/security/codes-kept', { codes, kept: 'yes' });
    expect(done.headers.location).toBe('/en/account/security?done=mfa_ready');
    const after = await b.get(String(done.headers.location));
    expect(after.body).toContain('Done: two-step login is on and your recovery codes are kept.');
    expect(after.body).not.toMatch(CODE);
  });

  it('codes sent back in a bad shape are not shown: the page starts over, no 500', async () => {
    const { secret } = await setUp();
    await b.post('/en/account/security/confirm', { code: currentTotp(secret, t.clock.now()) });
    for (const body of <Record<string, string | string[]>[]>[{}, { codes: '<script>x</script>' }, { codes: Array.from({ length: 11 }, () => 'abcd-efgh-jkmn') }, { codes: 'abcd-efgh-jkmn', kept: 'maybe' }]) {
      const res = await b.post('/en/account/security/codes-kept', body);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/en/account/security');
    }
  });

  it('the log-in code field opens the number keypad; a recovery code has its own field and works once', async () => {
    const { secret } = await setUp();
    const on = await b.post('/en/account/security/confirm', { code: currentTotp(secret, t.clock.now()) });
    const codes = [...on.body.matchAll(CODE)].map((m) => m[1]!);
    const phone = new Browser(t.app);
    expect((await logIn(phone, 'phone@example.be')).headers.location).toMatch(/^\/en\/login\/mfa/);
    const step = await phone.get('/en/login/mfa');
    expect(numericField(step.body, 'code')).toBe(true);
    expect(step.body).toMatch(/<input id="f-recoveryCode" name="recoveryCode" type="text"/);
    const wrong = await phone.post('/en/login/mfa', { recoveryCode: 'aaaa-bbbb-cccc' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/<details open[\s>=]/);
    const ok = await phone.post('/en/login/mfa', { recoveryCode: codes[0]! });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/en/account/security?done=recovery_used');
    const again = new Browser(t.app);
    await logIn(again, 'phone@example.be');
    await again.get('/en/login/mfa');
    expect((await again.post('/en/login/mfa', { recoveryCode: codes[0]! })).statusCode).toBe(400);
    // An empty form gets a translated message on the code field, not a 500.
    const empty = await again.post('/en/login/mfa', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#f-code"');
  });
});
