/**
 * Just enough HTML reading for the checks: <script> tags and <meta> elements. A regex scan of the first 200 kB, not a
 * parser; comments are removed first so commented-out scripts do not count.
 */

export type Attributes = Record<string, string>;

function attributesOf(tag: string): Attributes {
  const attrs: Attributes = {};
  const body = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>"']+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!(name in attrs)) attrs[name] = m[3] ?? m[4] ?? m[5] ?? '';
  }
  return attrs;
}

function tags(html: string, name: string): Attributes[] {
  const clean = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...clean.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))].map((m) => attributesOf(m[0]));
}

export function scriptTags(html: string): Attributes[] {
  return tags(html, 'script');
}

/** <meta http-equiv="..."> values, e.g. content-security-policy (CSP3 §3.3), referrer via <meta name>. */
export function metaHttpEquiv(html: string, name: string): string[] {
  return tags(html, 'meta')
    .filter((a) => (a['http-equiv'] ?? '').toLowerCase() === name)
    .map((a) => a.content ?? '');
}

export function metaNamed(html: string, name: string): string[] {
  return tags(html, 'meta')
    .filter((a) => (a.name ?? '').toLowerCase() === name)
    .map((a) => a.content ?? '');
}
