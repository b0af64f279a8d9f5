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

export function verifyTotp(secret: string, code: string): boolean {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return false;
  try {
    return authenticator.check(digits, secret);
  } catch {
    return false;
  }
}

export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}

/** The otpauth URI as an inline SVG QR code (no data: URL needed, so the CSP stays strict). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
