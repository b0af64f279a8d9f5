/**
 * Insurance readiness mapping (docs/insurance.md). The question areas come from broker and IT-firm guides (reference
 * note support-providers-software.md section 4: whtcyber "questionnaire decoded" for MFA on e-mail/remote/admin and
 * EDR on all endpoints; calvalleytech and triplehsolutions for protected offline backups with tested restores and
 * limited admin rights; office-heroes and goleadingit for patching, e-mail security, training/phishing, payment
 * verification and an incident response plan). No Belgian insurer's form was found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssessmentCatalog } from '../../adapters/content.ts';
import type { AssessmentCatalog } from '../assessment/catalog.ts';
import type { Answer } from '../assessment/engine.ts';
import { AREA_CONTROLS, areaStatus, INSURANCE_AREAS, INSURANCE_SOURCES, insuranceReadiness, type ReadinessInput } from './readiness.ts';

let catalog: AssessmentCatalog;
beforeAll(() => {
  catalog = loadAssessmentCatalog();
});

const ALL = Object.values(AREA_CONTROLS).flat();
const input = (answers: Record<string, Answer>, extra: Partial<ReadinessInput> = {}): ReadinessInput => ({ applicable: ALL, answers, scan: {}, training: null, ...extra });
const area = (r: ReturnType<typeof insuranceReadiness>, id: string) => r.find((a) => a.area === id)!;

describe('the question areas', () => {
  it('are the nine areas of the reference note, each mapped to controls that exist in the catalogue', () => {
    expect(INSURANCE_AREAS).toEqual(['mfa', 'backups', 'updates', 'endpoint', 'admin_rights', 'email_security', 'training', 'payments', 'incident_plan']);
    const ids = new Set(catalog.controls.map((c) => c.id));
    expect(ALL.filter((id) => !ids.has(id))).toEqual([]);
    expect(INSURANCE_SOURCES.every((s) => s.url.startsWith('https://'))).toBe(true);
  });
});

describe('areaStatus', () => {
  it('in place only when every control is in place; missing when nothing known is; unknown when nothing is known', () => {
    expect(areaStatus([1, 1])).toBe('in_place');
    expect(areaStatus([1, null])).toBe('partly');
    expect(areaStatus([1, 0])).toBe('partly');
    expect(areaStatus([0.5])).toBe('partly');
    expect(areaStatus([0, 0])).toBe('missing');
    expect(areaStatus([0, null])).toBe('missing');
    expect(areaStatus([null, null])).toBe('unknown');
    expect(areaStatus([])).toBe('unknown');
  });
});

describe('insuranceReadiness', () => {
  it('two-step login: e-mail yes, key services yes, remote access no → partly, with the gap and each answer as evidence', () => {
    const r = insuranceReadiness(input({ 'pr-mfa-email': 'yes', 'pr-mfa-critical': 'yes', 'pr-remote-access': 'no' }));
    const mfa = area(r, 'mfa');
    expect(mfa.status).toBe('partly');
    expect(mfa.gaps).toEqual([{ controlId: 'pr-remote-access', value: 'no' }]);
    expect(mfa.evidence).toEqual([
      { kind: 'answer', controlId: 'pr-mfa-email', answer: 'yes' },
      { kind: 'answer', controlId: 'pr-mfa-critical', answer: 'yes' },
      { kind: 'answer', controlId: 'pr-remote-access', answer: 'no' },
    ]);
  });

  it('a control that does not apply (no remote work) or is answered n/a is left out of the status', () => {
    const applicable = ALL.filter((id) => id !== 'pr-remote-access');
    const r = insuranceReadiness(input({ 'pr-mfa-email': 'yes', 'pr-mfa-critical': 'na' }, { applicable }));
    expect(area(r, 'mfa').status).toBe('in_place');
    expect(area(r, 'mfa').evidence.filter((e) => e.kind === 'not_applicable').map((e) => e.controlId)).toEqual(['pr-mfa-critical', 'pr-remote-access']);
  });

  it('nothing answered → unknown everywhere, every applicable control a gap', () => {
    const r = insuranceReadiness(input({}));
    expect(r.map((a) => a.status)).toEqual(INSURANCE_AREAS.map(() => 'unknown'));
    expect(area(r, 'payments').gaps).toEqual([{ controlId: 'pr-invoice-check', value: null }]);
  });

  it('all no → missing; "I don\'t know" next to a no is still missing (nothing known is in place)', () => {
    const r = insuranceReadiness(input({ 'pr-backup': 'no', 'pr-backup-offline': 'unknown', 'pr-backup-cloud': 'no', 'rc-restore-test': 'no' }));
    expect(area(r, 'backups').status).toBe('missing');
  });

  it('the scan of the domain counts over the answer for mail authentication (an insurer can check it too)', () => {
    const scan = { 'pr-email-domain-auth': { observed: 'no' as const, domain: 'example.be', at: '2026-12-01T10:00:00.000Z' } };
    const r = insuranceReadiness(input({ 'pr-email-filter': 'yes', 'pr-email-domain-auth': 'yes' }, { scan }));
    const mail = area(r, 'email_security');
    expect(mail.status).toBe('partly');
    expect(mail.gaps).toEqual([{ controlId: 'pr-email-domain-auth', value: 'no' }]);
    expect(mail.evidence).toContainEqual({ kind: 'scan', controlId: 'pr-email-domain-auth', observation: scan['pr-email-domain-auth'], differsFromAnswer: true });
  });

  it('training is measured: 7 of 9 people trained and phishing practice sent → partly (below 80 %), shown as evidence', () => {
    const training = { people: 9, trained: 7, phishingSent: 9, phishingReported: 4 };
    const r = insuranceReadiness(input({ 'pr-awareness': 'yes', 'de-report-suspicious': 'yes' }, { training }));
    const t = area(r, 'training');
    expect(t.status).toBe('partly');
    expect(t.evidence).toContainEqual({ kind: 'training', controlId: 'pr-awareness', counts: training, observed: 'partly', differsFromAnswer: false });
    expect(t.gaps).toEqual([{ controlId: 'pr-awareness', value: 'partly' }]);
  });

  it('training: 8 of 9 trained with practice mails → in place; no people registered → the answer stands', () => {
    const both = { 'pr-awareness': 'no', 'de-report-suspicious': 'yes' } as const;
    expect(area(insuranceReadiness(input(both, { training: { people: 9, trained: 8, phishingSent: 9, phishingReported: 6 } })), 'training').status).toBe('in_place');
    expect(area(insuranceReadiness(input(both, { training: { people: 0, trained: 0, phishingSent: 0, phishingReported: 0 } })), 'training').status).toBe('partly');
  });
});
