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

/** script-src falls back to default-src (CSP3 §6.8.1 "effective directive" fallback list). */
export function scriptSources(policy: CspPolicy): string[] | undefined {
  return policy.get('script-src') ?? policy.get('default-src');
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
  return !lower.some((s) => s.startsWith("'nonce-") || /^'sha(256|384|512)-/.test(s) || s === "'strict-dynamic'");
}

export function allowsEval(policy: CspPolicy): boolean {
  const sources = scriptSources(policy);
  return !sources || sources.some((s) => s.toLowerCase() === "'unsafe-eval'");
}
