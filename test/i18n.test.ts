/** Every message exists in nl, fr, de and en, is not empty, and uses the same placeholders in each language. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/core/locale.ts';
import { catalog } from '../src/i18n/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('message catalogue', () => {
  const entries = Object.entries(catalog) as [string, Record<string, string>][];

  it('has every language for every key, none empty', () => {
    const problems: string[] = [];
    for (const [key, m] of entries) {
      for (const l of LOCALES) if (typeof m[l] !== 'string' || m[l].trim() === '') problems.push(`${key}: ${l} missing`);
    }
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(250);
  });

  it('uses the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const [key, m] of entries) {
      const en = JSON.stringify(placeholders(m.en!));
      for (const l of LOCALES) if (JSON.stringify(placeholders(m[l]!)) !== en) problems.push(`${key}: ${l} has ${JSON.stringify(placeholders(m[l]!))}, en has ${en}`);
    }
    expect(problems).toEqual([]);
  });

  it('is not an English copy: Dutch, French and German differ from English except for brand names', () => {
    const brandNames = new Set(['email_provider.microsoft365', 'email_provider.google', 'doc.subtitle_company', 'scan.group.dns']);
    for (const l of ['nl', 'fr', 'de'] as const) {
      const same = entries.filter(([k, m]) => m[l] === m.en && m.en!.length > 12 && !brandNames.has(k)).map(([k]) => k);
      expect(same, `${l} identical to en`).toEqual([]);
    }
  });

  it('contains every key the code asks for by name', () => {
    const src = path.resolve(import.meta.dirname, '../src');
    const missing = new Set<string>();
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z_:0-9]+)+)'/g)) if (!(m[1]! in catalog)) missing.add(`${m[1]} (${path.relative(src, file)})`);
    }
    expect([...missing]).toEqual([]);
  });
});
