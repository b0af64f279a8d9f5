import { describe, expect, it } from 'vitest';
import { nextMandatoryDeadline, nextStep, scoreTrend, teamSummary, weekActions, type HomeAssessment, type HomeDomain, type HomeIncident } from './company-home.ts';

const NOW = new Date('2026-12-05T10:00:00Z');
const done: HomeAssessment = {
  started: true,
  finished: true,
  applicable: 40,
  open: 0,
  continueTheme: null,
  score: 62,
  previousScore: 50,
  plan: [
    { controlId: 'pr-mfa', horizon: 'week', effortHours: 1 },
    { controlId: 'pr-backup', horizon: 'week', effortHours: 2 },
    { controlId: 'pr-updates', horizon: 'week', effortHours: 1 },
    { controlId: 'pr-pwm', horizon: 'week', effortHours: 2 },
    { controlId: 'pr-policy', horizon: 'month', effortHours: 6 },
  ],
};
const okDomain: HomeDomain = { id: 'd1', domain: 'bakkerij.be', verified: true, grade: 'B', failing: 0, lastScanAt: '2026-12-05T00:00:00Z' };
const inHours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();
const incident = (h: number | null): HomeIncident => ({ id: 'i1', category: 'ransomware', nextDeadline: h === null ? null : { obligationId: 'gdpr_dpa', dueAt: inHours(h) } });

describe('the one next step on the company home', () => {
  const base = { assessment: done, incidents: [], domains: [okDomain], hasWebsiteOrMail: true, now: NOW };

  it('puts a legal deadline within 72 hours, or one already passed, before everything (GDPR Art. 33, NIS2 Art. 23)', () => {
    expect(nextStep({ ...base, assessment: { ...done, started: false }, incidents: [incident(20)] })).toMatchObject({ kind: 'incident_deadline', incidentId: 'i1' });
    expect(nextStep({ ...base, incidents: [incident(-3)] }).kind).toBe('incident_deadline');
    // A deadline a month away (a final report) does not push the rest aside.
    expect(nextStep({ ...base, incidents: [incident(24 * 30)] }).kind).toBe('do_action');
    expect(nextStep({ ...base, incidents: [incident(null)] }).kind).toBe('do_action');
  });

  it('then leads through the self-assessment: start, continue, finish', () => {
    expect(nextStep({ ...base, assessment: { ...done, started: false, finished: false } }).kind).toBe('start_assessment');
    expect(nextStep({ ...base, assessment: { ...done, finished: false, open: 7 } })).toEqual({ kind: 'continue_assessment', open: 7 });
    expect(nextStep({ ...base, assessment: { ...done, finished: false, open: 0 } }).kind).toBe('finish_assessment');
  });

  it('then this week\'s first action, then the domain: add, prove, fix; else nothing waits', () => {
    expect(nextStep(base)).toEqual({ kind: 'do_action', controlId: 'pr-mfa', effortHours: 1 });
    const noPlan = { ...done, plan: [] };
    expect(nextStep({ ...base, assessment: noPlan, domains: [] }).kind).toBe('add_domain');
    expect(nextStep({ ...base, assessment: noPlan, domains: [], hasWebsiteOrMail: false }).kind).toBe('all_done');
    expect(nextStep({ ...base, assessment: noPlan, domains: [{ ...okDomain, verified: false }] })).toMatchObject({ kind: 'verify_domain', domain: 'bakkerij.be' });
    expect(nextStep({ ...base, assessment: noPlan, domains: [{ ...okDomain, failing: 2 }] })).toMatchObject({ kind: 'fix_domain', failing: 2 });
    expect(nextStep({ ...base, assessment: noPlan }).kind).toBe('all_done');
  });

  it('shows at most three actions for this week, the first of the plan', () => {
    expect(weekActions(done).map((w) => w.controlId)).toEqual(['pr-mfa', 'pr-backup', 'pr-updates']);
  });

  it('says whether the score went up or down since the last finished round', () => {
    expect(scoreTrend({ score: 62, previousScore: 50 })).toBe('up');
    expect(scoreTrend({ score: 40, previousScore: 50 })).toBe('down');
    expect(scoreTrend({ score: 50, previousScore: 50 })).toBe('same');
    expect(scoreTrend({ score: 50, previousScore: null })).toBe('first');
  });

  it('takes the earliest mandatory deadline that is not ticked as done', () => {
    const obligations = [
      { id: 'a', mandatory: true, dueAt: '2026-12-06T10:00:00.000Z' },
      { id: 'b', mandatory: true, dueAt: '2026-12-05T12:00:00.000Z' },
      { id: 'c', mandatory: false, dueAt: '2026-12-05T11:00:00.000Z' },
      { id: 'd', mandatory: true, dueAt: null },
    ];
    expect(nextMandatoryDeadline(obligations, new Set())).toEqual({ obligationId: 'b', dueAt: '2026-12-05T12:00:00.000Z' });
    expect(nextMandatoryDeadline(obligations, new Set(['b']))).toEqual({ obligationId: 'a', dueAt: '2026-12-06T10:00:00.000Z' });
    expect(nextMandatoryDeadline(obligations, new Set(['a', 'b']))).toBeNull();
  });
});

describe('teamSummary ("your team" on the home)', () => {
  it('counts the share trained as the awareness measure does, and never more trained people than people', () => {
    expect(teamSummary({ people: 0, trained: 0 }, null)).toEqual({ people: 0, trained: 0, trainedPercent: null, lastExercise: null });
    expect(teamSummary({ people: 3, trained: 1 }, null).trainedPercent).toBe(33);
    // A person removed from the list after a lesson still counts in the training rows; the share stays at most 100 %.
    expect(teamSummary({ people: 2, trained: 3 }, null)).toMatchObject({ trained: 2, trainedPercent: 100 });
  });
});
