/**
 * The assessment engine: applicability, scores per NIST CSF 2.0 function, risk per threat scenario, the action plan
 * and the IT-provider checklist. Pure: catalogue, profile and answers in; a result out.
 */
import { BASIC_KEY_MEASURES, FUNCTIONS, SMALL_THEMES, type AssessmentCatalog, type Control, type CsfFunction, type SectorPack, type ThreatId } from './catalog.ts';
import { holds, type AssessmentProfile } from './profile.ts';
import { ALGORITHM_VERSION, ANSWER_CREDIT, HORIZONS, MAX_RISK_REDUCTION, QUICK_SCAN_MAX, WEIGHT } from './scoring-tables.ts';

export const ANSWERS = ['yes', 'partly', 'no', 'unknown', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];
export type Answers = Readonly<Record<string, Answer>>;
export type Horizon = 'week' | 'month' | 'quarter';

export interface PlanItem {
  controlId: string;
  answer: 'no' | 'partly';
  riskRemoved: number;
  effortHours: number;
  horizon: Horizon;
}

export interface AssessmentResult {
  algorithmVersion: string;
  applicableControls: string[];
  answeredCount: number;
  scores: { overall: number | null; byFunction: Record<CsfFunction, number | null> };
  risks: { threat: ThreatId; level: number; likelihood: number; impact: number }[];
  plan: PlanItem[];
  providerChecklist: { controlId: string; reason: 'unknown' | 'provider_task' }[];
  open: string[];
  keyMeasures: { small: { met: number; total: number }; basic: { met: number; total: number } };
}

export function sectorPackFor(catalog: AssessmentCatalog, division: string): SectorPack | undefined {
  return catalog.sectors.find((s) => s.divisions.includes(division));
}

export function applicableControls(catalog: AssessmentCatalog, profile: AssessmentProfile): Control[] {
  return catalog.controls.filter((c) => holds(c.appliesWhen, profile));
}

/** The quick scan: the applicable controls with a quick rank, best ranked first, at most QUICK_SCAN_MAX. */
export function quickScanControls(catalog: AssessmentCatalog, profile: AssessmentProfile): Control[] {
  return applicableControls(catalog, profile)
    .filter((c) => c.quickRank !== null)
    .sort((a, b) => (a.quickRank ?? 99) - (b.quickRank ?? 99) || a.id.localeCompare(b.id))
    .slice(0, QUICK_SCAN_MAX);
}

export function weightOf(c: Control): number {
  return c.keyMeasures.basic || c.keyMeasures.small ? WEIGHT.keyMeasure : WEIGHT.base;
}

function credit(a: Answer | undefined): number | null {
  return a === 'yes' || a === 'partly' || a === 'no' ? ANSWER_CREDIT[a] : null;
}

/** 0–100, or null when nothing in scope was answered. Unknown, n/a and unanswered are left out. */
function score(controls: Control[], answers: Answers): number | null {
  let got = 0;
  let max = 0;
  for (const c of controls) {
    const v = credit(answers[c.id]);
    if (v === null) continue;
    got += weightOf(c) * v;
    max += weightOf(c);
  }
  return max === 0 ? null : Math.round((100 * got) / max);
}

/**
 * Risk before any control: likelihood and impact (0–1, unrounded) of each threat for this profile. The profile facts
 * a threat names in its exposure and impact factors move these numbers; controls only act afterwards.
 */
export function inherentRisk(catalog: AssessmentCatalog, profile: AssessmentProfile): { threat: ThreatId; likelihood: number; impact: number }[] {
  const sector = sectorPackFor(catalog, profile.sector);
  return catalog.threats.map((t) => {
    const sectorWeight = sector?.threatWeights[t.id] ?? 1;
    const exposure = t.exposure.filter((e) => holds(e.when, profile)).reduce((f, e) => f * e.factor, 1);
    const impactFactor = t.impactFactors.filter((e) => holds(e.when, profile)).reduce((f, e) => f * e.factor, 1);
    return { threat: t.id, likelihood: Math.min(1, t.baseline * sectorWeight * exposure), impact: Math.min(1, t.impact * impactFactor) };
  });
}

function threatState(catalog: AssessmentCatalog, profile: AssessmentProfile, controls: Control[], answers: Answers) {
  return inherentRisk(catalog, profile).map(({ threat, likelihood, impact }) => {
    // Controls that reduce this threat; "n/a" removes a control from the sum, anything not answered yes/partly counts
    // as missing. One pass per threat, without intermediate arrays: this runs for every threat on every quick scan.
    let total = 0;
    let covered = 0;
    for (const c of controls) {
      const w = c.threats[threat] ?? 0;
      const a = answers[c.id];
      if (w <= 0 || a === 'na') continue;
      total += w;
      covered += w * (credit(a) ?? 0);
    }
    const mitigation = total === 0 ? 0 : covered / total;
    return { threat, likelihood, impact, total, mitigation };
  });
}

/**
 * Runs the whole method. `answers` may hold ids that do not apply (ignored) and may lack ids (open questions).
 */
export function assess(catalog: AssessmentCatalog, profile: AssessmentProfile, answers: Answers): AssessmentResult {
  const controls = applicableControls(catalog, profile);
  const byFunction = Object.fromEntries(FUNCTIONS.map((f) => [f, score(controls.filter((c) => c.function === f), answers)])) as Record<CsfFunction, number | null>;
  const threats = threatState(catalog, profile, controls, answers);

  const risks = threats
    .map((t) => ({
      threat: t.threat,
      likelihood: Math.round(100 * t.likelihood),
      impact: Math.round(100 * t.impact),
      level: Math.round(100 * t.likelihood * t.impact * (1 - MAX_RISK_REDUCTION * t.mitigation)),
    }))
    .sort((a, b) => b.level - a.level || a.threat.localeCompare(b.threat));

  // Risk a control would remove if it went from its current answer to "yes".
  const removed = (c: Control): number =>
    threats.reduce((sum, t) => {
      const w = c.threats[t.threat] ?? 0;
      if (w === 0 || t.total === 0) return sum;
      const gap = 1 - (credit(answers[c.id]) ?? 0);
      return sum + 100 * t.likelihood * t.impact * MAX_RISK_REDUCTION * (w / t.total) * gap;
    }, 0);

  const candidates = controls
    .filter((c) => answers[c.id] === 'no' || answers[c.id] === 'partly')
    .map((c) => ({ c, riskRemoved: removed(c) }))
    .sort((a, b) => b.riskRemoved / b.c.effortHours - a.riskRemoved / a.c.effortHours || a.c.effortHours - b.c.effortHours || a.c.id.localeCompare(b.c.id));

  const plan: PlanItem[] = [];
  let weekCount = 0;
  let weekHours = 0;
  let monthHours = 0;
  for (const { c, riskRemoved } of candidates) {
    let horizon: Horizon = 'quarter';
    // A longer action does not block the week: the next ones that still fit are taken.
    if (weekCount < HORIZONS.weekMaxItems && weekHours + c.effortHours <= HORIZONS.weekMaxTotalHours) {
      horizon = 'week';
      weekCount++;
      weekHours += c.effortHours;
    } else if (monthHours + c.effortHours <= HORIZONS.monthMaxTotalHours) {
      horizon = 'month';
      monthHours += c.effortHours;
    }
    plan.push({ controlId: c.id, answer: answers[c.id] as 'no' | 'partly', riskRemoved: Math.round(riskRemoved * 10) / 10, effortHours: c.effortHours, horizon });
  }
  const order: Record<Horizon, number> = { week: 0, month: 1, quarter: 2 };
  plan.sort((a, b) => order[a.horizon] - order[b.horizon]);

  const whoOf = new Map(controls.map((c) => [c.id, c.who]));
  const providerChecklist = [
    ...controls.filter((c) => answers[c.id] === 'unknown').map((c) => ({ controlId: c.id, reason: 'unknown' as const })),
    // With an IT provider, everything not marked "owner" goes on their list; without one, only the specialist work.
    ...plan
      .filter((p) => {
        const who = whoOf.get(p.controlId);
        return who === 'it_provider' || (profile.itProvider && who === 'either');
      })
      .map((p) => ({ controlId: p.controlId, reason: 'provider_task' as const })),
  ];

  const keyMeasureCount = <K extends string>(keys: readonly K[], of: (c: Control) => K | null) => {
    let met = 0;
    for (const k of keys) {
      const mapped = controls.filter((c) => of(c) === k);
      if (mapped.length > 0 && mapped.every((c) => answers[c.id] === 'yes')) met++;
    }
    return { met, total: keys.length };
  };

  return {
    algorithmVersion: ALGORITHM_VERSION,
    applicableControls: controls.map((c) => c.id),
    answeredCount: controls.filter((c) => answers[c.id] !== undefined).length,
    scores: { overall: score(controls, answers), byFunction },
    risks,
    plan,
    providerChecklist,
    open: controls.filter((c) => answers[c.id] === undefined).map((c) => c.id),
    keyMeasures: {
      small: keyMeasureCount(SMALL_THEMES, (c) => c.keyMeasures.small),
      basic: keyMeasureCount(BASIC_KEY_MEASURES, (c) => c.keyMeasures.basic),
    },
  };
}
