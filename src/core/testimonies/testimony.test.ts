/** Category → threat map (checked against the real content), status moves and which stories an article shows. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../incidents/triage.ts';
import { CATEGORY_THREATS, threatsForCategory } from './threat-map.ts';
import { canReview, canWithdraw, pickForArticle, plainText, type PublicTestimony } from './testimony.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const threatIds = (JSON.parse(readFileSync(path.join(root, 'content/assessment/threats.json'), 'utf8')) as { id: string }[]).map((t) => t.id);
const incidentCategories = Object.keys((JSON.parse(readFileSync(path.join(root, 'content/incidents/incidents.json'), 'utf8')) as { categories: object }).categories);

describe('incident category → threats', () => {
  it('covers every incident category of the content, and names only threats of the catalogue', () => {
    expect(Object.keys(CATEGORY_THREATS).sort()).toEqual([...CATEGORIES].sort());
    expect([...CATEGORIES].sort()).toEqual([...incidentCategories].sort());
    for (const ids of Object.values(CATEGORY_THREATS)) for (const id of ids) expect(threatIds).toContain(id);
  });

  it('ticks the matching threat first, and nothing for "something else"', () => {
    expect(threatsForCategory('invoice_fraud', threatIds)).toEqual(['invoice_fraud']);
    expect(threatsForCategory('ceo_fraud', threatIds)).toEqual(['invoice_fraud']);
    expect(threatsForCategory('data_leak', threatIds)).toEqual(['data_breach']);
    expect(threatsForCategory('lost_device', threatIds)).toEqual(['device_loss']);
    expect(threatsForCategory('phishing_click', threatIds)).toEqual(['phishing_account_takeover']);
    expect(threatsForCategory('other', threatIds)).toEqual([]);
    // Only threats the catalogue knows survive.
    expect(threatsForCategory('extortion', ['data_breach'])).toEqual(['data_breach']);
  });

  it('every threat but card fraud can be reached from some category', () => {
    const reached = new Set(Object.values(CATEGORY_THREATS).flat());
    expect(threatIds.filter((t) => !reached.has(t))).toEqual(['card_fraud']);
  });
});

describe('status moves', () => {
  it('withdrawal is possible while pending or published (GDPR Art. 7(3): as easy to withdraw as to give)', () => {
    expect(canWithdraw({ status: 'pending' })).toBe(true);
    expect(canWithdraw({ status: 'published' })).toBe(true);
    expect(canWithdraw({ status: 'rejected' })).toBe(false);
    expect(canWithdraw({ status: 'withdrawn' })).toBe(false);
  });
  it('only a pending story is published; a published one can still be taken down', () => {
    expect(canReview({ status: 'pending' }, 'publish')).toBe(true);
    expect(canReview({ status: 'published' }, 'publish')).toBe(false);
    expect(canReview({ status: 'published' }, 'reject')).toBe(true);
    expect(canReview({ status: 'withdrawn' }, 'reject')).toBe(false);
  });
});

describe('plainText', () => {
  it('keeps line breaks, refuses mark-up and control characters', () => {
    expect(plainText('  One.\r\nTwo.  ')).toBe('One.\nTwo.');
    expect(plainText('Click <a href="x">here</a>')).toBeNull();
    expect(plainText('bell\u0007')).toBeNull();
    expect(plainText('tab\tok')).toBe('tab\tok');
    expect(plainText('3 < 5 and 7 > 2')).toBe('3 < 5 and 7 > 2');
  });
});

describe('pickForArticle', () => {
  const t = (id: string, threats: string[], lang: 'nl' | 'en', publishedAt: string): PublicTestimony => ({ id, threats, lang, story: 's', lesson: 'l', sector: null, sizeBand: null, publishedAt });
  const list = [
    t('a', ['ransomware'], 'nl', '2026-11-01'),
    t('b', ['invoice_fraud'], 'en', '2026-11-05'),
    t('c', ['ransomware', 'data_breach'], 'nl', '2026-10-01'),
    t('d', ['ransomware'], 'en', '2026-09-01'),
    t('e', ['ransomware'], 'en', '2026-12-01'),
  ];
  it('shows only overlapping threats, most overlap first, then the page language, then the newest; at most three', () => {
    expect(pickForArticle(list, ['ransomware', 'data_breach'], 'en').map((x) => x.id)).toEqual(['c', 'e', 'd']);
    expect(pickForArticle(list, ['invoice_fraud'], 'nl').map((x) => x.id)).toEqual(['b']);
    expect(pickForArticle(list, ['card_fraud'], 'nl')).toEqual([]);
  });
});
