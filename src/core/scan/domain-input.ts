/** What a person types as a domain to scan, and the port map of the scanner's test mode: pure, no I/O. */
import { isValidHostname } from './lookalike.ts';

/** Lower-cases, strips a scheme, path, port and trailing dot; null when it is not a public-looking host name. */
export function normaliseDomain(input: string): string | null {
  let d = input.trim().toLowerCase();
  d = d.replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  if (d.startsWith('www.')) d = d.slice(4);
  if (d.length > 253 || !d.includes('.')) return null;
  if (/^[\d.]+$/.test(d) || d.includes(':')) return null; // addresses are not domains
  if (!isValidHostname(d)) return null;
  return d;
}

/** "443=8443,80=8080": which port to use instead of a standard one (tests against local hosts only). */
export function parsePortMap(text: string | undefined): Record<number, number> {
  const map: Record<number, number> = {};
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const [from, to] = pair.split('=').map(Number);
    if (from && to && from < 65536 && to < 65536) map[from] = to;
  }
  return map;
}
