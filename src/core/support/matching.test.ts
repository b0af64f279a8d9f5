/**
 * Which schemes can pay for a plan item (docs/support-schemes.md): the region's schemes plus the federal ones, for the
 * kind of help the item needs. Facts from /work/shared/reference/support-providers-software.md section 1: the
 * kmo-portefeuille pays for advice and training (VLAIO), the chèque cybersécurité for advice only (SPW Économie), the
 * increased investment deduction for digital fixed assets incl. ICT security systems (from 1 Jan 2025).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssessmentCatalog, loadSupport } from '../../adapters/content.ts';
import { needsOf, schemeRegionsFor, schemesForItem } from './matching.ts';
import type { SupportContent, SupportScheme } from './schemes.ts';

let real: SupportContent;
beforeAll(() => {
  real = loadSupport(loadAssessmentCatalog());
});

const ids = (list: SupportScheme[]) => list.map((s) => s.id);

describe('schemesForItem on the real content', () => {
  it('flanders, an advice item (two-step login for e-mail, done with the IT provider) → the kmo-portefeuille', () => {
    expect(needsOf(real, 'pr-mfa-email')).toEqual(['advice']);
    expect(ids(schemesForItem(real, 'pr-mfa-email', 'flanders'))).toContain('vl-kmo-portefeuille');
    // advice is not an investment: the federal deduction does not pay for it
    expect(ids(schemesForItem(real, 'pr-mfa-email', 'flanders'))).not.toContain('fed-investment-deduction');
  });

  it('wallonia, the same advice item → the chèque cybersécurité and nothing Flemish', () => {
    expect(ids(schemesForItem(real, 'pr-mfa-email', 'wallonia'))).toEqual(['wal-cheque-cybersecurite']);
  });

  it('brussels, an advice item → the general consultancy grant', () => {
    expect(ids(schemesForItem(real, 'pr-mfa-email', 'brussels'))).toEqual(['bru-prime-consultance']);
  });

  it('no region, or outside Belgium → nothing', () => {
    expect(schemesForItem(real, 'pr-mfa-email', null)).toEqual([]);
    expect(schemesForItem(real, 'pr-mfa-email', undefined)).toEqual([]);
    expect(schemesForItem(real, 'pr-backup', 'other')).toEqual([]);
  });

  it('an investment item (a backup bought as hardware or software) → the federal deduction, in every region', () => {
    expect(needsOf(real, 'pr-backup')).toContain('investment');
    for (const region of ['flanders', 'wallonia', 'brussels'] as const) {
      const list = ids(schemesForItem(real, 'pr-backup', region));
      expect(list).toContain('fed-investment-deduction');
      // regional schemes first, the federal one last
      expect(list.at(-1)).toBe('fed-investment-deduction');
    }
  });

  it('a training item (the yearly phishing training) in flanders → the kmo-portefeuille, which pays for training, only', () => {
    expect(ids(schemesForItem(real, 'pr-awareness', 'flanders'))).toEqual(['vl-kmo-portefeuille']);
    // the Walloon cheque pays for advice only
    expect(schemesForItem(real, 'pr-awareness', 'wallonia')).toEqual([]);
  });

  it('an item the owner does alone (check a change of bank account by phone) → nothing to pay for', () => {
    expect(needsOf(real, 'pr-invoice-check')).toEqual([]);
    expect(schemesForItem(real, 'pr-invoice-check', 'flanders')).toEqual([]);
  });
});

describe('schemesForItem on hand-made content', () => {
  const scheme = (id: string, region: SupportScheme['region'], kinds: SupportScheme['kinds']) => ({ id, region, kinds }) as SupportScheme;
  const content: SupportContent = {
    schemes: [scheme('fed-a', 'federal', ['investment']), scheme('vl-b', 'flanders', ['advice']), scheme('wal-c', 'wallonia', ['advice', 'investment'])],
    needs: new Map([
      ['x-advice', ['advice']],
      ['x-both', ['advice', 'investment']],
    ]),
  };

  it('orders the region before federal and matches any needed kind', () => {
    expect(ids(schemesForItem(content, 'x-both', 'flanders'))).toEqual(['vl-b', 'fed-a']);
    expect(ids(schemesForItem(content, 'x-both', 'wallonia'))).toEqual(['wal-c', 'fed-a']);
    expect(ids(schemesForItem(content, 'x-advice', 'wallonia'))).toEqual(['wal-c']);
  });

  it('an unknown control needs nothing', () => {
    expect(schemesForItem(content, 'x-unknown', 'flanders')).toEqual([]);
  });

  it('regions: each Belgian region with federal, other and none with nothing', () => {
    expect(schemeRegionsFor('brussels')).toEqual(['brussels', 'federal']);
    expect(schemeRegionsFor('other')).toEqual([]);
    expect(schemeRegionsFor(null)).toEqual([]);
  });
});
