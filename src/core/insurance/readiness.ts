/**
 * Insurance readiness (issue 12, docs/insurance.md): the company's position on what cyber insurers commonly ask small
 * businesses. Pure: answers, scan observations and training counts in; one status per question area out.
 *
 * No Belgian insurer's proposal form was found. The areas are the ones broker and IT-firm guides list (reference note
 * support-providers-software.md section 4, sources in INSURANCE_SOURCES): two-step login on e-mail, remote access and
 * admin accounts; protected offline backups with tested restores; updates and supported systems; endpoint
 * protection; limited admin rights; e-mail security; staff training and phishing practice; payment verification; an
 * incident response plan.
 */
import type { Answer } from '../assessment/engine.ts';
import { awarenessEvidence, AWARENESS_CONTROL, type Observed } from '../training/coverage.ts';

export const INSURANCE_AREAS = ['mfa', 'backups', 'updates', 'endpoint', 'admin_rights', 'email_security', 'training', 'payments', 'incident_plan'] as const;
export type InsuranceArea = (typeof INSURANCE_AREAS)[number];

export const AREA_STATUSES = ['in_place', 'partly', 'missing', 'unknown'] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];

/** Each area answered by the catalogue controls that ask the same thing (ids checked against the catalogue in tests). */
export const AREA_CONTROLS: Readonly<Record<InsuranceArea, readonly string[]>> = {
  // "MFA enforced for all users on e-mail, VPN/remote access and privileged/admin accounts" (whtcyber guide)
  mfa: ['pr-mfa-email', 'pr-mfa-critical', 'pr-remote-access'],
  // "protected from ransomware, off-site/offline copies, restore tested" (calvalleytech, triplehsolutions)
  backups: ['pr-backup', 'pr-backup-offline', 'pr-backup-cloud', 'rc-restore-test'],
  // "patching / supported OS" (office-heroes, goleadingit)
  updates: ['pr-updates-auto', 'pr-updates-apps'],
  // "EDR/MDR on 100% of endpoints incl. servers" (whtcyber guide): protection, and someone who acts on its alerts
  endpoint: ['pr-antimalware', 'de-security-alerts'],
  // "limit admin rights, no daily work as admin, remove leavers' access" (calvalleytech)
  admin_rights: ['pr-no-admin-daily', 'pr-leavers', 'pr-least-access'],
  // "e-mail security" (office-heroes, goleadingit); the domain's SPF/DKIM/DMARC is observed by the scan
  email_security: ['pr-email-filter', 'pr-email-domain-auth'],
  // "training/phishing" (office-heroes, goleadingit); measured by lessons and phishing practice
  training: [AWARENESS_CONTROL, 'de-report-suspicious'],
  // "funds-transfer (payment verification) controls" (office-heroes, goleadingit)
  payments: ['pr-invoice-check'],
  // "incident response plan" (office-heroes, goleadingit)
  incident_plan: ['rs-incident-plan'],
};

/** The guides the areas come from (reference note section 4), shown under the summary. */
export const INSURANCE_SOURCES: readonly { title: string; url: string }[] = [
  { title: 'Cyber insurance questionnaire decoded (whtcyber)', url: 'https://whtcyber.pplx.app/blog/cyber-insurance-questionnaire-decoded.html' },
  { title: 'Cyber insurance requirements for small businesses (Cal Valley Tech)', url: 'https://calvalleytech.com/resources/cyber-insurance-requirements-small-businesses.html' },
  { title: 'Cyber insurance checklists (Triple H Solutions)', url: 'https://triplehsolutions.com/article/cyber-insurance-checklists/' },
  { title: 'Cyber insurance guide for small businesses (Office Heroes)', url: 'https://office-heroes.com/?p=5097' },
  { title: 'Cyber insurance requirements (Leading IT, 1 June 2026)', url: 'https://goleadingit.com/?p=13739' },
  { title: 'You received a cybersecurity questionnaire from your insurer (Hudson PS)', url: 'https://hudsonps.com/post/you-received-a-cybersecurity-questionnaire-from-your-insurer-now-what' },
];

export interface ScanObservation {
  observed: Observed;
  domain: string;
  /** When the scan finished (ISO). */
  at: string;
}

export interface TrainingCounts {
  people: number;
  /** People who finished at least one lesson in the last 12 months. */
  trained: number;
  phishingSent: number;
  phishingReported: number;
}

export interface ReadinessInput {
  /** Controls that apply to the company's profile. */
  applicable: readonly string[];
  /** The owner's answers of the latest self-assessment. */
  answers: Readonly<Record<string, Answer>>;
  /** What the latest scans of the company's verified domains observed, per control. */
  scan: Readonly<Record<string, ScanObservation>>;
  training: TrainingCounts | null;
}

export type EvidenceItem =
  | { kind: 'answer'; controlId: string; answer: Answer | null }
  | { kind: 'scan'; controlId: string; observation: ScanObservation; differsFromAnswer: boolean }
  | { kind: 'training'; controlId: string; counts: TrainingCounts; observed: Observed; differsFromAnswer: boolean }
  | { kind: 'not_applicable'; controlId: string };

export interface AreaReadiness {
  area: InsuranceArea;
  status: AreaStatus;
  evidence: EvidenceItem[];
  /** Controls of the area that are not (known to be) in place: what to do, in catalogue order of the area. */
  gaps: { controlId: string; value: Answer | Observed | null }[];
}

const VALUE: Record<Observed, number> = { yes: 1, partly: 0.5, no: 0 };

/** An owner's answer differs from a measurement when one says yes and the other no (as in the scan's contradicts()). */
function differs(answer: Answer | undefined, observed: Observed): boolean {
  if (answer === undefined || answer === 'unknown' || answer === 'na') return false;
  return (observed === 'yes' && answer === 'no') || (observed === 'no' && answer === 'yes');
}

/**
 * The status of one area from the values of its applicable controls. What Schild measured (the scan, the training
 * programme) counts over what was answered, because an insurer can check it and a wrong answer can cost a claim.
 * - in place: every control is yes;
 * - missing: nothing known is in place (every known value is no);
 * - unknown: nothing is known (no answer, "I don't know", nothing measured) or nothing applies;
 * - partly: anything in between (some yes or partly, or yes next to an unknown).
 */
export function areaStatus(values: readonly (number | null)[]): AreaStatus {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return 'unknown';
  if (known.length === values.length && known.every((v) => v === 1)) return 'in_place';
  if (known.every((v) => v === 0)) return 'missing';
  return 'partly';
}

export function insuranceReadiness(input: ReadinessInput): AreaReadiness[] {
  const applicable = new Set(input.applicable);
  const awareness = input.training
    ? awarenessEvidence({ people: input.training.people, trainedLast12Months: input.training.trained, phishingSent: input.training.phishingSent, phishingReported: input.training.phishingReported })
    : null;
  return INSURANCE_AREAS.map((area) => {
    const evidence: EvidenceItem[] = [];
    const values: (number | null)[] = [];
    const gaps: AreaReadiness['gaps'] = [];
    for (const controlId of AREA_CONTROLS[area]) {
      const answer = input.answers[controlId];
      if (!applicable.has(controlId) || answer === 'na') {
        evidence.push({ kind: 'not_applicable', controlId });
        continue;
      }
      evidence.push({ kind: 'answer', controlId, answer: answer ?? null });
      let value: Answer | Observed | null = answer === undefined || answer === 'unknown' ? null : answer;
      const scan = input.scan[controlId];
      if (scan) {
        evidence.push({ kind: 'scan', controlId, observation: scan, differsFromAnswer: differs(answer, scan.observed) });
        value = scan.observed;
      }
      if (controlId === AWARENESS_CONTROL && awareness && input.training) {
        evidence.push({ kind: 'training', controlId, counts: input.training, observed: awareness.observed, differsFromAnswer: differs(answer, awareness.observed) });
        value = awareness.observed;
      }
      values.push(value === null ? null : VALUE[value as Observed]);
      if (value !== 'yes') gaps.push({ controlId, value });
    }
    return { area, status: areaStatus(values), evidence, gaps };
  });
}
