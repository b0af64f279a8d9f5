import { describe, expect, it } from 'vitest';
import { looksLikeSession, parseSetCookie } from './cookies.ts';

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
