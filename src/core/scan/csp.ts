/**
 * Content-Security-Policy parsing (W3C CSP Level 3 §2.2, §6). Several policies (repeated headers, joined with ',')
 * are all enforced; a script is only allowed if every policy allows it (§2.2.1 "enforced" policies).
 */

export type CspPolicy = Map<string, string[]>;

/** One serialized policy: directives split on ';', names lower-cased, the first occurrence wins (§2.2.1). */
export function parseCspPolicy(text: string): CspPolicy {
  const policy: CspPolicy = new Map();
  for (const part of text.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!policy.has(key)) policy.set(key, values);
  }
  return policy;
}

/** A header value may hold several policies separated by ',' (CSP3 §3.1). */
export function parseCspHeader(value: string): CspPolicy[] {
  return value
    .split(',')
    .map(parseCspPolicy)
    .filter((p) => p.size > 0);
}

/**
 * The source list that governs <script> elements: script-src-elem, then script-src, then default-src (CSP3 §6.8.3
 * "Get the effective directive" and its fallback list for script-src-elem).
 */
export function scriptSources(policy: CspPolicy): string[] | undefined {
  return policy.get('script-src-elem') ?? policy.get('script-src') ?? policy.get('default-src');
}

/**
 * Whether a policy lets inline scripts run: 'unsafe-inline' is ignored when a nonce or hash source is present
 * (CSP3 §6.7.3.3), and 'strict-dynamic' also disables it. No script-src/default-src at all allows everything.
 */
export function allowsInlineScript(policy: CspPolicy): boolean {
  const sources = scriptSources(policy);
  if (!sources) return true;
  const lower = sources.map((s) => s.toLowerCase());
  if (!lower.includes("'unsafe-inline'")) return false;
  return !lower.some((s) => isNonceOrHash(s) || s === "'strict-dynamic'");
}

/** eval() is governed by script-src, falling back to default-src (CSP3 §6.8.3; script-src-elem does not apply). */
export function allowsEval(policy: CspPolicy): boolean {
  const sources = policy.get('script-src') ?? policy.get('default-src');
  return !sources || sources.some((s) => s.toLowerCase() === "'unsafe-eval'");
}

/** Keyword sources are quoted; nonces and hashes (CSP3 §2.3.1 nonce-source, hash-source). */
function isNonceOrHash(source: string): boolean {
  return source.startsWith("'nonce-") || /^'sha(256|384|512)-/.test(source);
}

/** scheme-source (CSP3 §2.3.1): `https:`, `data:` … A scheme alone lets in any host of that scheme. */
const SCHEME_SOURCE = /^[a-z][a-z0-9+.-]*:$/;
/** Schemes that, alone in script-src, let an attacker bring their own script (any https site, a data: URL). */
const SCRIPT_SCHEMES_ANYWHERE = new Set(['http:', 'https:', 'data:']);

/**
 * What is wrong with where a policy lets scripts come from (CSP3 §6.7.2, "Does url match source list"):
 * - `broad`: `*`, a scheme alone (`https:`, `http:`, `data:`) or a wildcard host (`*.example.com`, `https://*`): an
 *   attacker who can inject markup loads script from a host of their own, so the policy does not stop XSS.
 * - `insecure`: sources over plain `http://`: whoever sits on the network can swap the script.
 * With 'strict-dynamic' (CSP3 §8.2) host-source and scheme-source expressions are ignored for scripts, so only
 * nonces and hashes count and neither problem exists. No restriction at all is reported by the caller.
 */
export function scriptSourceWeaknesses(policy: CspPolicy): { broad: string[]; insecure: string[] } {
  const sources = scriptSources(policy);
  if (!sources) return { broad: [], insecure: [] };
  const lower = sources.map((s) => s.toLowerCase());
  if (lower.includes("'strict-dynamic'")) return { broad: [], insecure: [] };
  const broad: string[] = [];
  const insecure: string[] = [];
  for (const source of lower) {
    if (source.startsWith("'")) continue; // keywords, nonces, hashes
    if (source === '*' || SCRIPT_SCHEMES_ANYWHERE.has(source)) broad.push(source);
    else if (SCHEME_SOURCE.test(source)) continue; // blob:, filesystem: … need script that already runs
    else if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?\*/.test(source)) broad.push(source); // host-source with a wildcard host
    if (source.startsWith('http://') && !broad.includes(source)) insecure.push(source);
  }
  return { broad, insecure };
}
