/**
 * Belgian enterprise number (KBO/BCE ondernemingsnummer / numéro d'entreprise): ten digits starting with 0 or 1,
 * whose last two digits equal 97 − (first eight digits mod 97).
 * Accepts the usual written forms: "0123.456.749", "BE 0123 456 749", "123456749" (old nine-digit form).
 */
export type EnterpriseNumberResult = { ok: true; value: string; formatted: string } | { ok: false };

export function parseEnterpriseNumber(input: string): EnterpriseNumberResult {
  const compact = input.trim().toUpperCase().replace(/^BE/, '').replace(/[\s.\-/]/g, '');
  if (!/^\d{9,10}$/.test(compact)) return { ok: false };
  const digits = compact.length === 9 ? `0${compact}` : compact;
  if (digits[0] !== '0' && digits[0] !== '1') return { ok: false };
  const base = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  if (97 - (base % 97) !== check) return { ok: false };
  return { ok: true, value: digits, formatted: `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}` };
}
