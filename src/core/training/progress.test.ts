import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSON_IDS } from './lessons.ts';
import { badges, bestStreak, monthlyChallenge, points, streak, teamProgress, weekIndex, type Completion } from './progress.ts';
import { awarenessEvidence, coverage } from './coverage.ts';

const at = (iso: string, lessonId = 'passphrases', perfect = false): Completion => ({ lessonId, completedAt: iso, perfect });
const NOW = new Date('2026-12-09T10:00:00Z'); // a Wednesday

describe('points', () => {
  it('10 per lesson, 5 more for a quiz all right', () => {
    expect(points([at('2026-12-01T00:00:00Z', 'a', true), at('2026-12-02T00:00:00Z', 'b')])).toBe(25);
  });
  it('never negative and grows with every lesson (fast-check)', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 12 }), (perfects) => {
      const done = perfects.map((p, i) => at('2026-12-01T00:00:00Z', `l${i}`, p));
      expect(points(done)).toBeGreaterThanOrEqual(10 * done.length);
      expect(points(done)).toBeLessThanOrEqual(15 * done.length);
    }));
  });
});

describe('streak (weeks in a row, one week off forgiven)', () => {
  it('counts consecutive weeks ending this week or last week', () => {
    expect(streak([at('2026-12-08T09:00:00Z'), at('2026-12-01T09:00:00Z'), at('2026-11-24T09:00:00Z')], NOW)).toBe(3);
    // nothing yet this week: the streak is not lost on Wednesday
    expect(streak([at('2026-12-01T09:00:00Z'), at('2026-11-24T09:00:00Z')], NOW)).toBe(2);
  });
  it('one empty week does not break it; two do', () => {
    expect(streak([at('2026-12-08T09:00:00Z'), at('2026-11-24T09:00:00Z')], NOW)).toBe(2);
    expect(streak([at('2026-12-08T09:00:00Z'), at('2026-11-17T09:00:00Z')], NOW)).toBe(1);
    expect(streak([at('2026-11-17T09:00:00Z')], NOW)).toBe(0);
  });
  it('weeks start on Monday', () => {
    expect(weekIndex(new Date('2026-12-07T00:00:00Z'))).toBe(weekIndex(new Date('2026-12-13T23:59:59Z')));
    expect(weekIndex(new Date('2026-12-06T23:59:59Z'))).toBe(weekIndex(new Date('2026-12-07T00:00:00Z')) - 1);
  });
  it('never exceeds the number of distinct weeks, nor the best streak (fast-check)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 30 }), (days) => {
      const done = days.map((d) => at(new Date(NOW.getTime() - d * 86_400_000).toISOString()));
      const s = streak(done, NOW);
      expect(s).toBeLessThanOrEqual(new Set(done.map((c) => weekIndex(new Date(c.completedAt)))).size);
      expect(s).toBeLessThanOrEqual(bestStreak(done));
    }));
  });
});

describe('monthly challenge', () => {
  it('is the same all month, changes next month, and goes through all lessons in a year', () => {
    const ids = [...LESSON_IDS];
    expect(monthlyChallenge(ids, new Date('2026-12-01T00:00:00Z'))).toBe(monthlyChallenge(ids, new Date('2026-12-31T23:00:00Z')));
    expect(monthlyChallenge(ids, new Date('2026-12-01T00:00:00Z'))).not.toBe(monthlyChallenge(ids, new Date('2027-01-01T00:00:00Z')));
    const year = new Set(Array.from({ length: 12 }, (_, m) => monthlyChallenge(ids, new Date(Date.UTC(2027, m, 15)))));
    expect(year.size).toBe(12);
  });
});

describe('badges', () => {
  it('first lesson, three weeks, phishing, all twelve, monthly challenge', () => {
    expect(badges([], NOW, 'passphrases')).toEqual([]);
    expect(badges([at('2026-12-08T09:00:00Z')], NOW, 'passphrases')).toEqual(['first-lesson', 'monthly-challenge']);
    expect(badges([at('2026-11-08T09:00:00Z')], NOW, 'passphrases')).toEqual(['first-lesson']);
    const weeks = [at('2026-11-10T09:00:00Z', 'a'), at('2026-11-17T09:00:00Z', 'b'), at('2026-11-24T09:00:00Z', 'c')];
    // earned once, kept after a long pause
    expect(badges(weeks, new Date('2027-06-01T00:00:00Z'), 'x')).toContain('three-weeks');
    const phishing = ['recognising-phishing', 'invoice-fraud', 'phone-scams'].map((id) => at('2026-12-08T09:00:00Z', id));
    expect(badges(phishing, NOW, 'x')).toContain('phishing-expert');
    expect(badges(phishing, NOW, 'x')).not.toContain('all-lessons');
    expect(badges(LESSON_IDS.map((id) => at('2026-12-08T09:00:00Z', id)), NOW, 'x')).toContain('all-lessons');
  });
  it('never taken away by doing more (fast-check)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...LESSON_IDS), fc.integer({ min: 0, max: 400 })), { maxLength: 20 }), fc.constantFrom(...LESSON_IDS), fc.integer({ min: 0, max: 400 }), (items, extraId, extraDay) => {
      const done = items.map(([id, d]) => at(new Date(NOW.getTime() - d * 86_400_000).toISOString(), id));
      const more = [...done, at(new Date(NOW.getTime() - extraDay * 86_400_000).toISOString(), extraId)];
      for (const b of badges(done, NOW, 'passphrases')) expect(badges(more, NOW, 'passphrases')).toContain(b);
    }));
  });
});

describe('team progress and coverage (small-cell rule)', () => {
  it('shows no team figure below five learners', () => {
    expect(teamProgress(4, 4, 10)).toEqual({ learners: 4, challengeShare: null, lessonsDone: null });
    expect(teamProgress(5, 2, 10)).toEqual({ learners: 5, challengeShare: 40, lessonsDone: 10 });
  });
  it('per person only from five invited people, as pseudonym and count, sorted by pseudonym (no ranking)', () => {
    const mk = (n: number) => Array.from({ length: n }, (_, i) => ({ pseudonym: `P-${9 - i}`, invited: true, joined: i % 2 === 0, lessonsDone: i === 0 ? ['passphrases', 'updates'] : [] }));
    expect(coverage(['passphrases', 'updates'], mk(4)).perPerson).toBeNull();
    const c = coverage(['passphrases', 'updates'], mk(5));
    expect(c.perPerson?.map((p) => p.pseudonym)).toEqual(['P-5', 'P-6', 'P-7', 'P-8', 'P-9']);
    expect(c).toMatchObject({ people: 5, invited: 5, active: 3, perLesson: [{ lessonId: 'passphrases', done: 1 }, { lessonId: 'updates', done: 1 }] });
  });
});

describe('awareness evidence for pr-awareness (CIS 14.1: trained at least annually)', () => {
  it('yes needs ≥ 80 % trained and a simulation in 12 months', () => {
    expect(awarenessEvidence({ people: 5, trainedLast12Months: 4, phishingSent: 5, phishingReported: 2 })).toEqual({ observed: 'yes', coveragePercent: 80, reportRatePercent: 40 });
    expect(awarenessEvidence({ people: 5, trainedLast12Months: 5, phishingSent: 0, phishingReported: 0 })?.observed).toBe('partly');
    expect(awarenessEvidence({ people: 5, trainedLast12Months: 3, phishingSent: 5, phishingReported: 0 })?.observed).toBe('partly');
    expect(awarenessEvidence({ people: 5, trainedLast12Months: 0, phishingSent: 0, phishingReported: 0 })).toEqual({ observed: 'no', coveragePercent: 0, reportRatePercent: null });
    expect(awarenessEvidence({ people: 0, trainedLast12Months: 0, phishingSent: 0, phishingReported: 0 })).toBeNull();
  });
  it('percentages stay within 0..100 (fast-check)', () => {
    fc.assert(fc.property(fc.nat(50), fc.nat(60), fc.nat(60), fc.nat(60), (people, trained, sent, reported) => {
      const e = awarenessEvidence({ people, trainedLast12Months: trained, phishingSent: sent, phishingReported: reported });
      if (!e) return;
      expect(e.coveragePercent).toBeGreaterThanOrEqual(0);
      expect(e.coveragePercent).toBeLessThanOrEqual(100);
      if (e.reportRatePercent !== null) expect(e.reportRatePercent).toBeLessThanOrEqual(100);
    }));
  });
});

describe('measured awareness answers the control only when the owner left it open', () => {
  it('fills an open or "unknown" answer, keeps an owner answer', async () => {
    const { answersWithEvidence } = await import('./coverage.ts');
    expect(answersWithEvidence({}, { 'pr-awareness': 'yes' })).toEqual({ 'pr-awareness': 'yes' });
    expect(answersWithEvidence({ 'pr-awareness': 'unknown' }, { 'pr-awareness': 'partly' })).toEqual({ 'pr-awareness': 'partly' });
    expect(answersWithEvidence({ 'pr-awareness': 'no', x: 'yes' }, { 'pr-awareness': 'yes' })).toEqual({ 'pr-awareness': 'no', x: 'yes' });
  });
});
