/**
 * The assessment engine: applicability, scores per NIST CSF 2.0 function, risk per threat scenario, the action plan
 * and the IT-provider checklist. Pure: catalogue, profile and answers in; a result out.
 */
import { BASIC_KEY_MEASURES, FUNCTIONS, PROFILE_FIELDS, SMALL_THEMES, type AssessmentCatalog, type Control, type CsfFunction, type SectorPack, type ThreatId } from './catalog.ts';
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

/**
 * What the method needs of a profile, worked out once per distinct profile: the applicable controls in catalogue order,
 * the inherent risk, and for each threat the controls that reduce it (and the reverse) as index lists. Everything
 * here depends on the profile only, so a quick scan's answers are then scored with plain loops over arrays (issue 13:
 * assess() ran 55 µs per call, most of it in per-threat and per-key-measure passes over the controls). The results
 * are those of the method as written before, number for number (engine-recorded.test.ts).
 */
interface PreparedProfile {
  controls: Control[];
  ids: string[];
  weight: number[];
  fn: number[];
  threats: { threat: ThreatId; likelihood: number; impact: number }[];
  /** Per threat (catalogue order): the controls with a weight > 0 for it, in control order. */
  reducers: { at: number[]; w: number[] }[];
  /** Per control: the threats it names with a weight other than 0, in threat order. */
  named: { at: number[]; w: number[] }[];
  small: number[][];
  basic: number[][];
  /** Who carries out each applicable control, by id (for the provider checklist). */
  whoOf: Map<string, Control['who']>;
}

const PREPARED_LIMIT = 4096;
const preparedBy = new WeakMap<AssessmentCatalog, { controls: readonly Control[]; threats: unknown; byKey: Map<string, PreparedProfile> }>();

function prepare(catalog: AssessmentCatalog, profile: AssessmentProfile): PreparedProfile {
  let memo = preparedBy.get(catalog);
  if (!memo || memo.controls !== catalog.controls || memo.threats !== catalog.threats) {
    memo = { controls: catalog.controls, threats: catalog.threats, byKey: new Map() };
    preparedBy.set(catalog, memo);
  }
  // Every field a condition can test, and the sector pack; JSON keeps 4 and "4" apart, as the conditions do.
  const key = JSON.stringify(PROFILE_FIELDS.map((f) => profile[f]));
  const hit = memo.byKey.get(key);
  if (hit) return hit;
  const controls = applicableControls(catalog, profile);
  const threats = inherentRisk(catalog, profile);
  const prepared: PreparedProfile = {
    controls,
    ids: controls.map((c) => c.id),
    weight: controls.map(weightOf),
    fn: controls.map((c) => FUNCTIONS.indexOf(c.function)),
    threats,
    reducers: threats.map(({ threat }) => {
      const at: number[] = [];
      const w: number[] = [];
      controls.forEach((c, i) => {
        const weight = c.threats[threat] ?? 0;
        if (weight > 0) {
          at.push(i);
          w.push(weight);
        }
      });
      return { at, w };
    }),
    named: controls.map((c) => {
      const at: number[] = [];
      const w: number[] = [];
      threats.forEach(({ threat }, k) => {
        const weight = c.threats[threat] ?? 0;
        if (weight !== 0) {
          at.push(k);
          w.push(weight);
        }
      });
      return { at, w };
    }),
    small: SMALL_THEMES.map((k) => controls.flatMap((c, i) => (c.keyMeasures.small === k ? [i] : []))),
    basic: BASIC_KEY_MEASURES.map((k) => controls.flatMap((c, i) => (c.keyMeasures.basic === k ? [i] : []))),
    whoOf: new Map(controls.map((c) => [c.id, c.who])),
  };
  if (memo.byKey.size >= PREPARED_LIMIT) memo.byKey.clear();
  memo.byKey.set(key, prepared);
  return prepared;
}

/**
 * Runs the whole method. `answers` may hold ids that do not apply (ignored) and may lack ids (open questions).
 */
export function assess(catalog: AssessmentCatalog, profile: AssessmentProfile, answers: Answers): AssessmentResult {
  const p = prepare(catalog, profile);
  const { controls, ids } = p;
  const n = controls.length;
  const given: (Answer | undefined)[] = new Array<Answer | undefined>(n);
  for (let i = 0; i < n; i++) given[i] = answers[ids[i]!];

  // Scores 0–100 (null when nothing in scope was answered): key measures weigh double; unknown, n/a and unanswered
  // are left out. Overall and per function, each summed in control order.
  let got = 0;
  let max = 0;
  const fnGot = FUNCTIONS.map(() => 0);
  const fnMax = FUNCTIONS.map(() => 0);
  for (let i = 0; i < n; i++) {
    const v = credit(given[i]);
    if (v === null) continue;
    const w = p.weight[i]!;
    got += w * v;
    max += w;
    const f = p.fn[i]!;
    fnGot[f] = fnGot[f]! + w * v;
    fnMax[f] = fnMax[f]! + w;
  }
  const ratio = (g: number, m: number) => (m === 0 ? null : Math.round((100 * g) / m));
  // In FUNCTIONS' order (the answer's key order), written out: Object.fromEntries cost a tenth of a quick scan's assess().
  const byFunction: Record<CsfFunction, number | null> = {
    govern: ratio(fnGot[0]!, fnMax[0]!),
    identify: ratio(fnGot[1]!, fnMax[1]!),
    protect: ratio(fnGot[2]!, fnMax[2]!),
    detect: ratio(fnGot[3]!, fnMax[3]!),
    respond: ratio(fnGot[4]!, fnMax[4]!),
    recover: ratio(fnGot[5]!, fnMax[5]!),
  };

  // Per threat: the share of its reducing controls (by weight) answered yes or partly; "n/a" leaves the sum.
  const threats = p.threats.map(({ threat, likelihood, impact }, k) => {
    const { at, w } = p.reducers[k]!;
    let total = 0;
    let covered = 0;
    for (let j = 0; j < at.length; j++) {
      const a = given[at[j]!];
      if (a === 'na') continue;
      total += w[j]!;
      covered += w[j]! * (credit(a) ?? 0);
    }
    return { threat, likelihood, impact, total, mitigation: total === 0 ? 0 : covered / total };
  });

  const risks = threats
    .map((t) => ({
      threat: t.threat,
      likelihood: Math.round(100 * t.likelihood),
      impact: Math.round(100 * t.impact),
      level: Math.round(100 * t.likelihood * t.impact * (1 - MAX_RISK_REDUCTION * t.mitigation)),
    }))
    .sort((a, b) => b.level - a.level || a.threat.localeCompare(b.threat));

  // Risk a control would remove if it went from its current answer to "yes" (threats summed in catalogue order).
  const removed = (i: number): number => {
    const { at, w } = p.named[i]!;
    const gap = 1 - (credit(given[i]) ?? 0);
    let sum = 0;
    for (let j = 0; j < at.length; j++) {
      const t = threats[at[j]!]!;
      if (t.total === 0) continue;
      sum = sum + 100 * t.likelihood * t.impact * MAX_RISK_REDUCTION * (w[j]! / t.total) * gap;
    }
    return sum;
  };

  const candidates: { c: Control; riskRemoved: number; perHour: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (given[i] !== 'no' && given[i] !== 'partly') continue;
    const riskRemoved = removed(i);
    candidates.push({ c: controls[i]!, riskRemoved, perHour: riskRemoved / controls[i]!.effortHours });
  }
  candidates.sort((a, b) => b.perHour - a.perHour || a.c.effortHours - b.c.effortHours || a.c.id.localeCompare(b.c.id));

  // Week, then month, then quarter, each in the order above.
  const byHorizon: Record<Horizon, PlanItem[]> = { week: [], month: [], quarter: [] };
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
    byHorizon[horizon].push({ controlId: c.id, answer: answers[c.id] as 'no' | 'partly', riskRemoved: Math.round(riskRemoved * 10) / 10, effortHours: c.effortHours, horizon });
  }
  const plan = [...byHorizon.week, ...byHorizon.month, ...byHorizon.quarter];

  const providerChecklist: AssessmentResult['providerChecklist'] = [];
  for (let i = 0; i < n; i++) if (given[i] === 'unknown') providerChecklist.push({ controlId: ids[i]!, reason: 'unknown' });
  // With an IT provider, everything not marked "owner" goes on their list; without one, only the specialist work.
  for (const item of plan) {
    const who = p.whoOf.get(item.controlId);
    if (who === 'it_provider' || (profile.itProvider && who === 'either')) providerChecklist.push({ controlId: item.controlId, reason: 'provider_task' });
  }

  const met = (groups: number[][]) => groups.filter((g) => g.length > 0 && g.every((i) => given[i] === 'yes')).length;
  let answeredCount = 0;
  const open: string[] = [];
  for (let i = 0; i < n; i++) {
    if (given[i] === undefined) open.push(ids[i]!);
    else answeredCount++;
  }

  return {
    algorithmVersion: ALGORITHM_VERSION,
    applicableControls: ids.slice(),
    answeredCount,
    scores: { overall: ratio(got, max), byFunction },
    risks,
    plan,
    providerChecklist,
    open,
    keyMeasures: {
      small: { met: met(p.small), total: SMALL_THEMES.length },
      basic: { met: met(p.basic), total: BASIC_KEY_MEASURES.length },
    },
  };
}
