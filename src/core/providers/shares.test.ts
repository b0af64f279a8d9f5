/** Rules of sharing a plan with an IT provider (docs/providers.md "Sharing a plan"). */
import { describe, expect, it } from 'vitest';
import { isShareActive, markableControls, markRefusal, parseNote, parseScopes, parseShareInput, scanContradicts, shareExpiry } from './shares.ts';

const PROVIDERS = new Set(['org-1']);

describe('the share form', () => {
  it('accepts a verified provider, known scopes in a fixed order and one of the offered periods', () => {
    expect(parseShareInput({ organisationId: 'org-1', scopes: ['scan_report', 'plan'], days: '90' }, PROVIDERS)).toEqual({
      ok: true,
      value: { organisationId: 'org-1', scopes: ['plan', 'scan_report'], days: 90 },
    });
    expect(parseShareInput({ organisationId: 'org-1', scopes: 'provider_checklist', days: '365' }, PROVIDERS).ok).toBe(true);
  });

  it('refuses what data minimisation forbids (GDPR Art. 5(1)(c)): no scope, an unknown scope, an open-ended period, an unverified provider', () => {
    const problems = (raw: Parameters<typeof parseShareInput>[0]) => {
      const r = parseShareInput(raw, PROVIDERS);
      return r.ok ? {} : r.problems;
    };
    expect(problems({ organisationId: 'org-1', scopes: undefined, days: '30' })).toEqual({ scopes: 'choose_scope' });
    expect(problems({ organisationId: 'org-1', scopes: ['plan', 'members'], days: '30' })).toEqual({ scopes: 'choose_scope' });
    expect(problems({ organisationId: 'org-1', scopes: 'plan', days: '3650' })).toEqual({ days: 'choose_days' });
    expect(problems({ organisationId: 'org-1', scopes: 'plan', days: ['30', '90'] })).toEqual({ days: 'choose_days' });
    expect(problems({ organisationId: 'org-2', scopes: 'plan', days: '30' })).toEqual({ organisationId: 'choose_provider' });
  });

  it('ends a share exactly the chosen number of days later, and only while not revoked', () => {
    const now = new Date('2026-12-06T10:00:00.000Z');
    const expiresAt = shareExpiry(now, 30);
    expect(expiresAt).toBe('2027-01-05T10:00:00.000Z');
    expect(isShareActive({ revokedAt: null, expiresAt }, '2027-01-05T09:59:59.999Z')).toBe(true);
    expect(isShareActive({ revokedAt: null, expiresAt }, expiresAt)).toBe(false);
    expect(isShareActive({ revokedAt: '2026-12-07T00:00:00.000Z', expiresAt }, '2026-12-08T00:00:00.000Z')).toBe(false);
  });

  it('reads stored scopes defensively: unknown ones are dropped, broken JSON shares nothing', () => {
    expect(parseScopes('["scan_report","incidents","plan"]')).toEqual(['plan', 'scan_report']);
    expect(parseScopes('not json')).toEqual([]);
  });
});

describe('notes', () => {
  it('keeps plain text with line breaks, drops control characters and counts characters as people see them', () => {
    expect(parseNote('  Done.\r\nChecked twice.\u0007 ', 1000, true)).toEqual({ ok: true, note: 'Done.\nChecked twice.' });
    expect(parseNote('é'.repeat(1000), 1000, true)).toEqual({ ok: true, note: 'é'.repeat(1000) });
    expect(parseNote('🔒'.repeat(1000), 1000, true).ok).toBe(true);
    expect(parseNote('x'.repeat(1001), 1000, true)).toEqual({ ok: false, problem: 'too_long' });
    expect(parseNote(' \n ', 1000, true)).toEqual({ ok: false, problem: 'required' });
    expect(parseNote(['a', 'b'], 1000, true)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseNote(['a', 'b'], 1000, false)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseNote(undefined, 1000, false)).toEqual({ ok: true, note: null });
  });
});

describe('what a provider may mark done', () => {
  const result = {
    plan: [{ controlId: 'a' }, { controlId: 'b' }],
    providerChecklist: [
      { controlId: 'b', reason: 'provider_task' as const },
      { controlId: 'q', reason: 'unknown' as const },
    ],
  };

  it('every open plan item with the plan shared; with only the checklist, its provider tasks; nothing otherwise', () => {
    expect(markableControls(result, ['plan'])).toEqual(['a', 'b']);
    expect(markableControls(result, ['provider_checklist'])).toEqual(['b']);
    expect(markableControls(result, ['scan_report'])).toEqual([]);
  });

  it('refuses an item outside the plan, and a second "done" while the first still waits for the owner', () => {
    const updates = [{ assessmentId: 'A1', controlId: 'a', status: 'pending' as const }];
    expect(markRefusal('q', ['a', 'b'], updates, 'A1')).toBe('not_in_plan');
    expect(markRefusal('a', ['a', 'b'], updates, 'A1')).toBe('duplicate');
    expect(markRefusal('a', ['a', 'b'], [{ ...updates[0]!, status: 'declined' }], 'A1')).toBeNull();
    expect(markRefusal('a', ['a', 'b'], updates, 'A2')).toBeNull();
  });
});

describe('the scan against a "done"', () => {
  it('contradicts a pending or confirmed "done" only when it observed the control as not met', () => {
    expect(scanContradicts('pending', 'no')).toBe(true);
    expect(scanContradicts('confirmed', 'no')).toBe(true);
    expect(scanContradicts('declined', 'no')).toBe(false);
    expect(scanContradicts('confirmed', 'partly')).toBe(false);
    expect(scanContradicts('confirmed', undefined)).toBe(false);
  });
});
