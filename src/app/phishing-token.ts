/**
 * The per-recipient token of a simulated phishing mail (issue 10 shared contract): HMAC-SHA256 of the recipient id
 * under the app secret, base64url, first 22 characters (132 bits). Deterministic, so a mail sent again after a crash
 * carries the same link; only its SHA-256 is stored (phishing_recipients.token_hash).
 */
import { hmac, sha256 } from '../adapters/crypto.ts';

export function recipientToken(secret: string, recipientId: string): string {
  return hmac(secret, `phishing-recipient:${recipientId}`).slice(0, 22);
}

export function recipientTokenHash(secret: string, recipientId: string): string {
  return sha256(recipientToken(secret, recipientId));
}
