/** TOTP (RFC 6238) with the common authenticator-app settings: SHA-1, 6 digits, 30 s, ±1 step of clock drift. */
import { authenticator } from 'otplib';
import QRCode from 'qrcode';

authenticator.options = { window: 1 };

export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(secret: string, account: string): string {
  return authenticator.keyuri(account, 'Schild', secret);
}

/**
 * The RFC 6238 time step (T = floor(Unix time / 30 s)) that `code` belongs to, within ±1 step of `now`, or null.
 * The caller records the step so that the same code is not accepted twice (RFC 6238 §5.2).
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  try {
    const delta = authenticator.clone({ epoch: now.getTime(), window: 1 }).checkDelta(digits, secret);
    return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
  } catch {
    return null;
  }
}

/** The code an authenticator app shows at `at` (tests and the demo use it). */
export function currentTotp(secret: string, at: Date = new Date()): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

/** The otpauth URI as an inline SVG QR code (no data: URL needed, so the CSP stays strict). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
