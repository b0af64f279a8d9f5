import { describe, expect, it } from 'vitest';
import { webCookies } from './checks/web-cookies.check.ts';
import { browserAccepts, looksLikeSession, parseSetCookie } from './cookies.ts';
import { NOW, finalHop, snapshotWith } from './snapshot.fixture.ts';

describe('Set-Cookie parsing (RFC 6265 §5.2)', () => {
  it('reads the flags case-insensitively', () => {
    expect(parseSetCookie('id=1; path=/; SECURE; httponly; SameSite=Strict')).toEqual({
      name: 'id',
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
    });
    expect(parseSetCookie('id=a=b; Max-Age=60')).toEqual({ name: 'id', secure: false, httpOnly: false });
  });

  it('ignores a line without a name', () => {
    expect(parseSetCookie('=x; Secure')).toBeUndefined();
    expect(parseSetCookie('novalue')).toBeUndefined();
  });
});

describe('session cookie names', () => {
  it.each([
    'sessionid',
    'PHPSESSID',
    'JSESSIONID',
    'ASP.NET_SessionId',
    'connect.sid',
    'laravel_session',
    'wordpress_logged_in_abc',
    '__Host-auth',
    'access_token',
    'sid',
  ])('%s is a session cookie', (name) => expect(looksLikeSession(name)).toBe(true));
  it.each(['_ga', 'cookie_consent', 'lang', 'csrftoken', 'XSRF-TOKEN', 'theme'])('%s is not', (name) =>
    expect(looksLikeSession(name)).toBe(false),
  );
});

describe('SameSite values (RFC 6265bis §5.6.7)', () => {
  it.each(['Yes', 'true', '', 'Strictly', 'Lax,Strict'])('SameSite=%s is not Strict, Lax or None: treated as absent', (value) => {
    expect(parseSetCookie(`id=1; Secure; SameSite=${value}`)?.sameSite).toBeUndefined();
  });
  it('keeps Strict, Lax and None in any case', () => {
    expect(parseSetCookie('id=1; SameSite=STRICT')?.sameSite).toBe('strict');
    expect(parseSetCookie('id=1; samesite=Lax')?.sameSite).toBe('lax');
    expect(parseSetCookie('id=1; SameSite=none; Secure')?.sameSite).toBe('none');
  });
  it('a session cookie with an invalid SameSite gets the "no SameSite" warning', () => {
    const s = snapshotWith((snap) => void (finalHop(snap).setCookies = ['sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Yes']));
    expect(webCookies(s, { now: NOW })).toMatchObject({ status: 'warn', messageKey: 'web.cookies.session_no_samesite' });
  });
});

describe('load-balancer affinity cookies are not login sessions', () => {
  it.each(['AWSALB', 'AWSALBCORS', 'AWSELB', 'ARRAffinity', 'ARRAffinitySameSite', 'ApplicationGatewayAffinity', 'BIGipServer~pool_web', 'NSC_web_lb', 'GCLB', 'SERVERID', 'ROUTEID', 'INGRESSCOOKIE', 'heroku-session-affinity', 'incap_ses_123_456', '__cf_bm', 'stickysession'])(
    '%s is not a session cookie',
    (name) => expect(looksLikeSession(name)).toBe(false),
  );
  it('an affinity cookie without HttpOnly is not reported as a session problem', () => {
    const s = snapshotWith((snap) => void (finalHop(snap).setCookies = ['heroku-session-affinity=ACyDaANoA2; Path=/; Secure; SameSite=None']));
    const outcome = webCookies(s, { now: NOW });
    expect(outcome.status).toBe('pass');
  });
});

describe('cookie scope from the Public Suffix List (RFC 6265 §5.3 steps 5 and 6)', () => {
  it('reads the Domain attribute without its leading dot', () => {
    expect(parseSetCookie('id=1; Domain=.Example.BE')?.domain).toBe('example.be');
  });
  it('a cookie scoped to a public suffix is rejected by browsers, so it is not judged', () => {
    expect(browserAccepts({ name: 'sid', secure: false, httpOnly: false, domain: 'co.uk' }, 'www.bakery.co.uk')).toBe(false);
    expect(browserAccepts({ name: 'sid', secure: false, httpOnly: false, domain: 'github.io' }, 'bakery.github.io')).toBe(false);
    expect(browserAccepts({ name: 'sid', secure: false, httpOnly: false, domain: 'bakery.co.uk' }, 'www.bakery.co.uk')).toBe(true);
    expect(browserAccepts({ name: 'sid', secure: false, httpOnly: false, domain: 'other.be' }, 'www.example.be')).toBe(false);
    const s = snapshotWith((snap) => void (finalHop(snap).setCookies = ['sessionid=abc; Domain=be; Path=/', 'sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']));
    expect(webCookies(s, { now: NOW }).status).toBe('pass');
  });
});
