import { describe, expect, it } from 'vitest';
import { validateSoftwareCatalogue, type Product } from './catalogue.ts';
import { parseSettings, planItemsForProduct, providersFromScanResult, softwarePlanItems, suggestSoftware } from './plan.ts';

const L = (s: string) => ({ nl: `${s} in nl`, fr: `${s} in fr`, de: `${s} in de`, en: `${s} in en` });
const SRC = [{ title: 'Vendor page', url: 'https://vendor.example/help' }];
const fact = (value: string, sources = value === 'unknown' ? [] : SRC) => ({ value, text: L('text'), sources, reviewed: '2026-12-06' });

function product(id: string, facts: Record<string, string>, extra: Record<string, unknown> = {}): unknown {
  const all = ['mfa_available', 'mfa_enforceable', 'sso', 'data_location', 'certifications', 'export_backup', 'end_of_life'];
  return { id, name: id.toUpperCase(), vendor: `${id} inc`, category: 'office_mail', facts: Object.fromEntries(all.map((f) => [f, fact(facts[f] ?? 'unknown')])), ...extra };
}
const stepsFor = { text: { nl: ['stap een'], fr: ['étape une'], de: ['Schritt eins'], en: ['step one', 'step two'] }, sources: [{ title: 'How to', url: 'https://vendor.example/how' }], reviewed: '2026-12-06' };

const catalogue = validateSoftwareCatalogue(
  {
    products: [
      product('suite', { mfa_available: 'yes', mfa_enforceable: 'yes', export_backup: 'yes' }, { signals: { emailProvider: 'microsoft365', scanMail: 'microsoft365' }, steps: { mfa_enforceable: stepsFor } }),
      product('suite-drive', { mfa_available: 'yes', mfa_enforceable: 'yes' }, { partOf: 'suite', category: 'file_sharing' }),
      product('each-user', { mfa_available: 'yes', mfa_enforceable: 'no' }, { category: 'cash_register' }),
      product('unchecked', {}, { category: 'accounting_invoicing' }),
      product('half', { mfa_available: 'yes' }, { category: 'accounting_invoicing' }),
      product('no-mfa', { mfa_available: 'no', mfa_enforceable: 'no', export_backup: 'no' }, { category: 'accounting_invoicing' }),
      product('shop', { mfa_available: 'yes', mfa_enforceable: 'partly' }, { category: 'webshop', signals: { scanWeb: 'shopify' } }),
    ],
  },
  '2026-12-06',
);
const p = (id: string) => catalogue.byId.get(id) as Product;

describe('software plan items (docs/software.md)', () => {
  it('asks to require two-step log-in with the product’s own steps and source while the company has not answered yes', () => {
    for (const settings of [{}, { mfa_enforceable: 'no' as const }, { mfa_enforceable: 'unknown' as const }]) {
      const [mfa] = planItemsForProduct(p('suite'), settings, 'en');
      expect(mfa).toEqual({ productId: 'suite', fact: 'mfa_enforceable', setting: 'mfa_enforceable', kind: 'steps', steps: ['step one', 'step two'], source: stepsFor.sources[0] });
    }
    expect(planItemsForProduct(p('suite'), {}, 'fr')[0]!.steps).toEqual(['étape une']);
  });

  it('drops an item as soon as the company answers yes', () => {
    const items = planItemsForProduct(p('suite'), { mfa_enforceable: 'yes', export_backup: 'yes', end_of_life: 'yes' }, 'en');
    expect(items).toEqual([]);
  });

  it('tells everyone to switch it on when an administrator cannot require it', () => {
    const [item] = planItemsForProduct(p('each-user'), {}, 'en');
    expect(item).toMatchObject({ fact: 'mfa_available', kind: 'everyone', steps: [], source: SRC[0] });
  });

  it('asks the vendor when a fact is not checked yet, without inventing steps or a source', () => {
    const items = planItemsForProduct(p('unchecked'), {}, 'en');
    expect(items.map((i) => [i.fact, i.kind, i.source])).toEqual([
      ['mfa_available', 'ask', null],
      ['export_backup', 'ask', null],
    ]);
    expect(planItemsForProduct(p('half'), {}, 'en')[0]).toMatchObject({ fact: 'mfa_enforceable', kind: 'ask', steps: [] });
  });

  it('says so when the product lacks a feature', () => {
    expect(planItemsForProduct(p('no-mfa'), {}, 'en').map((i) => [i.fact, i.kind])).toEqual([
      ['mfa_available', 'missing'],
      ['export_backup', 'missing'],
    ]);
  });

  it('treats "partly" enforceable as something to switch on (with the vendor’s limits in its text)', () => {
    expect(planItemsForProduct(p('shop'), {}, 'en')[0]).toMatchObject({ fact: 'mfa_enforceable', kind: 'steps' });
  });

  it('gives a version item only for an answer: "no" means a version without updates is in use, "don’t know" asks', () => {
    expect(planItemsForProduct(p('suite'), { mfa_enforceable: 'yes', export_backup: 'yes' }, 'en')).toEqual([]);
    expect(planItemsForProduct(p('suite'), { mfa_enforceable: 'yes', export_backup: 'yes', end_of_life: 'no' }, 'en')).toMatchObject([{ fact: 'end_of_life', kind: 'upgrade' }]);
    expect(planItemsForProduct(p('suite'), { mfa_enforceable: 'yes', export_backup: 'yes', end_of_life: 'unknown' }, 'en')).toMatchObject([{ fact: 'end_of_life', kind: 'ask' }]);
  });

  it('covers a part of a suite once: its items go when the suite is listed too', () => {
    const both = softwarePlanItems(catalogue, [{ productId: 'suite', settings: {} }, { productId: 'suite-drive', settings: {} }], 'en');
    expect(new Set(both.map((i) => i.productId))).toEqual(new Set(['suite']));
    const alone = softwarePlanItems(catalogue, [{ productId: 'suite-drive', settings: {} }], 'en');
    expect(alone.map((i) => i.productId)).toContain('suite-drive');
    expect(softwarePlanItems(catalogue, [{ productId: 'gone', settings: {} }], 'en')).toEqual([]);
  });

  it('reads stored settings defensively', () => {
    expect(parseSettings('{"mfa_enforceable":"yes","export_backup":"maybe","x":"no"}')).toEqual({ mfa_enforceable: 'yes' });
    expect(parseSettings('not json')).toEqual({});
    expect(parseSettings(null)).toEqual({});
  });
});

describe('software suggestions', () => {
  const profile = { emailProvider: 'other' as const, webshop: false, naceCode: '69.2' };

  it('suggests from the domain scan first, naming the domain, then from the profile answer', () => {
    const s = suggestSoftware(catalogue, { profile: { ...profile, emailProvider: 'microsoft365' }, scans: [{ domain: 'bakkerij.be', providers: { mail: 'microsoft365', web: 'shopify' } }], listed: [] });
    expect(s).toEqual([
      { productId: 'suite', reason: 'scan_mail', domain: 'bakkerij.be' },
      { productId: 'shop', reason: 'scan_web', domain: 'bakkerij.be' },
    ]);
    expect(suggestSoftware(catalogue, { profile: { ...profile, emailProvider: 'microsoft365' }, scans: [], listed: [] })).toEqual([{ productId: 'suite', reason: 'profile_email' }]);
  });

  it('suggests webshop and cash-register products by sector (NACE-BEL 47 retail, 55–56 hospitality, 47.9 online)', () => {
    expect(suggestSoftware(catalogue, { profile: { ...profile, naceCode: '56.1' }, scans: [], listed: [] })).toEqual([{ productId: 'each-user', reason: 'hospitality' }]);
    expect(suggestSoftware(catalogue, { profile: { ...profile, naceCode: '47.7' }, scans: [], listed: [] })).toEqual([{ productId: 'each-user', reason: 'retail' }]);
    expect(suggestSoftware(catalogue, { profile: { ...profile, webshop: true }, scans: [], listed: [] })).toEqual([{ productId: 'shop', reason: 'webshop' }]);
    expect(suggestSoftware(catalogue, { profile, scans: [], listed: [] })).toEqual([]);
  });

  it('leaves out what the company already listed', () => {
    expect(suggestSoftware(catalogue, { profile: { ...profile, emailProvider: 'microsoft365' }, scans: [], listed: ['suite'] })).toEqual([]);
  });

  it('reads the providers from a stored scan result, ignoring unknown ids', () => {
    const known = ['microsoft365', 'shopify'];
    expect(providersFromScanResult({ checks: [{ details: { providers: { mail: 'microsoft365', web: 'evil', dns: 42 } } }] }, known)).toEqual({ mail: 'microsoft365' });
    expect(providersFromScanResult({ checks: 'x' }, known)).toEqual({});
    expect(providersFromScanResult(null, known)).toEqual({});
  });
});
