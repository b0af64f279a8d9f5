/** Set-Cookie parsing (RFC 6265 §5.2, RFC 6265bis) and what makes a cookie look like a login session. */
import { isPublicSuffix } from './public-suffix.ts';

export interface SetCookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  /**
   * Lower-cased SameSite value: only 'strict', 'lax' or 'none'. Any other value is ignored like an absent attribute
   * (RFC 6265bis §5.6.7: "If cookie-av's attribute-value is not a case-insensitive match for Strict, Lax or None,
   * ignore the cookie-av"), and browsers then apply their default.
   */
  sameSite?: 'strict' | 'lax' | 'none';
  /** The Domain attribute, lower case, without a leading dot (RFC 6265 §5.2.3); absent for a host-only cookie. */
  domain?: string;
}

const SAME_SITE_VALUES = new Set(['strict', 'lax', 'none']);

export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair, ...attributes] = line.split(';');
  const eq = (pair ?? '').indexOf('=');
  if (eq <= 0) return undefined; // RFC 6265 §5.2 step 2: no '=' or an empty name → ignore the cookie
  const cookie: SetCookie = { name: (pair ?? '').slice(0, eq).trim(), secure: false, httpOnly: false };
  for (const attribute of attributes) {
    const [rawName, ...rest] = attribute.split('=');
    const name = (rawName ?? '').trim().toLowerCase();
    const value = rest.join('=').trim();
    if (name === 'secure') cookie.secure = true;
    else if (name === 'httponly') cookie.httpOnly = true;
    else if (name === 'samesite') {
      const v = value.toLowerCase();
      // The last SameSite attribute wins (RFC 6265 §5.3 step 1 processes the attribute list in order).
      if (SAME_SITE_VALUES.has(v)) cookie.sameSite = v as SetCookie['sameSite'];
      else delete cookie.sameSite;
    } else if (name === 'domain' && value !== '') cookie.domain = value.replace(/^\./, '').toLowerCase(); // §5.2.3
  }
  return cookie;
}

/**
 * RFC 6265 §5.3 steps 5–6: a user agent rejects a cookie whose Domain is a public suffix (unless it equals the host
 * itself) or does not domain-match the host that set it. Such a cookie is never stored, so it is not judged.
 * Public suffixes come from the Public Suffix List (public-suffix.ts).
 */
export function browserAccepts(cookie: SetCookie, host: string): boolean {
  if (cookie.domain === undefined) return true;
  const h = host.toLowerCase().replace(/\.$/, '');
  if (cookie.domain === h) return true;
  if (isPublicSuffix(cookie.domain)) return false;
  return h.endsWith(`.${cookie.domain}`);
}

/**
 * Names used by common frameworks for session or login cookies: Django `sessionid`, PHP `PHPSESSID`, Java
 * `JSESSIONID`, ASP.NET, Express `connect.sid`, Laravel, WordPress, plus anything mentioning a session, auth or token.
 * CSRF tokens are left out: they are often meant to be read by scripts, so HttpOnly would break them.
 */
const SESSION_WORDS = /sess|auth|token|jwt|login|logged_in|remember/i;
const SESSION_NAMES = /^(sid|[a-z]*_sid|connect\.sid|cfid|cftoken|frontend|_shopify_s)$/i;

/**
 * Load-balancer and CDN affinity cookies: they pin a visitor to one server and carry no login, so a missing HttpOnly
 * there is no session risk, even when the name says "session" (heroku-session-affinity, incap_ses_*). Names from the
 * vendors' documentation: AWS ELB/ALB (AWSELB, AWSALB, AWSALBCORS, AWSALBTG), Azure App Service and Application
 * Gateway (ARRAffinity, ApplicationGatewayAffinity), F5 BIG-IP (BIGipServer<pool>), Citrix ADC (NSC_…), Google Cloud
 * (GCLB), HAProxy (SERVERID), Imperva (incap_ses_…, visid_incap_…), Cloudflare (__cf_bm, _cfuvid), Heroku
 * (heroku-session-affinity), ingress-nginx (INGRESSCOOKIE), Apache mod_proxy_balancer (ROUTEID).
 */
const AFFINITY_NAMES = /affinity|^awsalb|^awselb|^bigipserver|^nsc_|^gclb$|^serverid$|^routeid$|^ingresscookie$|^incap_ses_|^visid_incap_|^__cf_bm$|^_cfuvid$|sticky/i;

export function looksLikeSession(name: string): boolean {
  if (/csrf|xsrf/i.test(name)) return false;
  const bare = name.replace(/^__(Host|Secure)-/, '');
  if (AFFINITY_NAMES.test(bare)) return false;
  return SESSION_WORDS.test(bare) || SESSION_NAMES.test(bare);
}
