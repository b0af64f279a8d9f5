/**
 * The software catalogue as shipped (content/software/products.json, docs/software.md): it loads, every fact is
 * reviewed within 18 months of today, every stated fact has an https source, and a broken file stops the load with
 * the file and product named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadContent, loadSoftwareCatalogue } from '../src/adapters/content.ts';
import { FACT_IDS, SOFTWARE_CATEGORIES } from '../src/core/software/catalogue.ts';

const FILE = path.join(CONTENT_DIR, 'software', 'products.json');
const today = new Date().toISOString().slice(0, 10);

describe('software catalogue content', () => {
  const catalogue = loadSoftwareCatalogue(FILE, today);

  it('passes validation with today’s date (a review older than 18 months fails here, not at start-up)', () => {
    expect(catalogue.products.length).toBeGreaterThanOrEqual(15);
    expect(loadContent().software.products.length).toBe(catalogue.products.length);
  });

  it('covers every category and the products the issue names', () => {
    for (const c of SOFTWARE_CATEGORIES) expect(catalogue.products.some((p) => p.category === c), c).toBe(true);
    for (const id of ['microsoft-365', 'google-workspace', 'exact-online', 'yuki', 'billit', 'teamleader-focus', 'moneybird', 'winbooks', 'octopus', 'shopify', 'woocommerce', 'dropbox', 'onedrive-sharepoint', 'google-drive', 'teamviewer', 'anydesk'])
      expect(catalogue.byId.has(id), id).toBe(true);
  });

  it('states no fact without a source, and says "not checked yet" for every unknown one', () => {
    for (const p of catalogue.products)
      for (const f of FACT_IDS) {
        const fact = p.facts[f];
        if (fact.value === 'unknown') expect(fact.text.en, `${p.id} ${f}`).toMatch(/not checked yet/i);
        else for (const s of fact.sources) expect(s.url, `${p.id} ${f}`).toMatch(/^https:\/\//);
      }
  });

  it('has the product-specific steps the plan items point to', () => {
    expect(catalogue.byId.get('microsoft-365')!.steps?.mfa_enforceable?.text.en.join(' ')).toMatch(/security defaults/i);
    expect(catalogue.byId.get('shopify')!.steps?.mfa_enforceable?.text.en.join(' ')).toMatch(/required/);
    expect(catalogue.byId.get('teamviewer')!.steps?.mfa_enforceable?.text.en.join(' ')).toMatch(/Enable enforcement/);
  });

  it('stops the load with a clear message when the file is broken', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-software-'));
    try {
      const json = JSON.parse(readFileSync(FILE, 'utf8')) as { products: { facts: Record<string, { value: string }> }[] };
      json.products[0]!.facts.sso!.value = 'probably';
      const broken = path.join(dir, 'products.json');
      writeFileSync(broken, JSON.stringify(json));
      expect(() => loadSoftwareCatalogue(broken)).toThrow(/Invalid software catalogue:[\s\S]*products\.json #0 \(microsoft-365\)[\s\S]*facts\.sso\.value/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
