/**
 * Request logs never hold the secrets that travel in URLs: e-mail verification and password reset tokens
 * (`?token=`), invitation links (`/invitations/<token>`) and anonymous incident follow-up links
 * (`/incidents/follow/<token>`), also when one of them rides inside another parameter such as `next=`.
 * A log line is read by more people, kept longer and copied to more places than the database (OWASP ASVS 4.0.3
 * §7.1.1 and §8.3.1: no credentials or session tokens in logs or URLs that are logged).
 */
import type { FastifyRequest } from 'fastify';

export const REDACTED = '[redacted]';

/** Path segments that are themselves a bearer secret: whatever follows the prefix, up to the next `/`. */
// Training magic links (/learn/<token>) and unsubscribe links (/learn/unsubscribe/<token>, and the RFC 8058 one-click
// /api/v1/training/unsubscribe/<token>); /:lang/learn/lessons/… carries no secret.
const SECRET_PATH = /(\/(?:invitations|incidents\/follow|learn(?:\/unsubscribe)?(?!\/lessons(?:[/?#]|$))|training\/unsubscribe)\/)[^/?#]+/gi;
/**
 * Links of simulated phishing mails (/p/<token>…): the token is a per-person link secret, and nothing a recipient
 * sends may reach a log, not even in a query string; nor does the address a click came from (docs/phishing.md).
 */
const PHISHING_PATH = /^\/p\/[^/?#]*([^?#]*)(?:[?#].*)?$/;
/** Query parameters whose value is a secret whatever it looks like. */
const SECRET_PARAMS = new Set(['token', 'code', 'password']);

function redactPath(path: string): string {
  return path.replace(SECRET_PATH, `$1${REDACTED}`);
}

function decodeOrSelf(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The URL as it may be logged: same shape, secrets replaced by "[redacted]". Never throws. */
export function redactUrl(url: string): string {
  const phishing = PHISHING_PATH.exec(url);
  if (phishing) return `/p/${REDACTED}${phishing[1] ?? ''}`;
  const q = url.indexOf('?');
  const path = redactPath(q === -1 ? url : url.slice(0, q));
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const key = decodeOrSelf(pair.slice(0, eq)).toLowerCase().replace(/\[\]$/, '');
      const value = pair.slice(eq + 1);
      if (SECRET_PARAMS.has(key)) return `${pair.slice(0, eq)}=${REDACTED}`;
      // A secret link carried inside another parameter (next=/nl/invitations/…): drop the whole value.
      const decoded = decodeOrSelf(value);
      return redactPath(decoded) !== decoded ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** pino serializer for `req`: Fastify's default fields, with the URL redacted. */
export function redactedRequest(request: FastifyRequest): Record<string, unknown> {
  const phishing = PHISHING_PATH.test(request.url);
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    ...(phishing ? {} : { remoteAddress: request.ip, remotePort: request.socket?.remotePort }),
  };
}
