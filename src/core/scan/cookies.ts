/** Set-Cookie parsing (RFC 6265 §5.2) and what makes a cookie look like a login session. */

export interface SetCookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  /** Lower-cased SameSite value, undefined when absent (browsers then default to Lax). */
  sameSite?: string;
}

export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair, ...attributes] = line.split(';');
  const eq = (pair ?? '').indexOf('=');
  if (eq <= 0) return undefined; // RFC 6265 §5.2 step 2: no '=' or an empty name → ignore the cookie
  const cookie: SetCookie = { name: (pair ?? '').slice(0, eq).trim(), secure: false, httpOnly: false };
  for (const attribute of attributes) {
    const [rawName, ...rest] = attribute.split('=');
    const name = (rawName ?? '').trim().toLowerCase();
    if (name === 'secure') cookie.secure = true;
    else if (name === 'httponly') cookie.httpOnly = true;
    else if (name === 'samesite') cookie.sameSite = rest.join('=').trim().toLowerCase();
  }
  return cookie;
}

/**
 * Names used by common frameworks for session or login cookies: Django `sessionid`, PHP `PHPSESSID`, Java
 * `JSESSIONID`, ASP.NET, Express `connect.sid`, Laravel, WordPress, plus anything mentioning a session, auth or token.
 * CSRF tokens are left out: they are often meant to be read by scripts, so HttpOnly would break them.
 */
const SESSION_WORDS = /sess|auth|token|jwt|login|logged_in|remember/i;
const SESSION_NAMES = /^(sid|[a-z]*_sid|connect\.sid|cfid|cftoken|frontend|_shopify_s)$/i;

export function looksLikeSession(name: string): boolean {
  if (/csrf|xsrf/i.test(name)) return false;
  const bare = name.replace(/^__(Host|Secure)-/, '');
  return SESSION_WORDS.test(bare) || SESSION_NAMES.test(bare);
}
