/** Turns catalogue entries and engine results into texts in one language. */
import type { AssessmentCatalog, Condition, Control, ThreatId } from '../../core/assessment/catalog.ts';
import type { AssessmentProfile } from '../../core/assessment/profile.ts';
import { sectorPackFor, type AssessmentResult, type Horizon } from '../../core/assessment/engine.ts';
import type { Locale } from '../../core/locale.ts';
import type { ScoreChange } from '../../core/assessment/progress.ts';
import type { MessageKey, T } from '../../i18n/index.ts';
import { numberFormat, segmenter } from '../../i18n/intl.ts';

export function describeCondition(c: Condition | null, t: T): string {
  if (c === null) return t('cond.always');
  return t('cond.applies', { condition: conditionWords(c, t) });
}

function conditionWords(c: Condition, t: T): string {
  if ('all' in c) return c.all.map((x) => conditionWords(x, t)).join(t('cond.and'));
  if ('any' in c) return c.any.map((x) => conditionWords(x, t)).join(t('cond.or'));
  if ('not' in c) return t('cond.not', { x: conditionWords(c.not, t) });
  const values = c.in ?? (c.eq !== undefined ? [c.eq] : []);
  switch (c.field) {
    case 'website':
    case 'webshop':
    case 'cardPayments':
    case 'remoteWork':
    case 'itProvider':
      return t(`cond.${c.field}.${c.eq === false ? 'false' : 'true'}` as MessageKey);
    case 'email':
      return t('cond.email.in', { list: values.map((v) => t(`email_provider.${String(v)}` as MessageKey)).join(', ') });
    case 'personalData':
      return t('cond.personalData.in', { list: values.map((v) => t(`personal_data.${String(v)}` as MessageKey)).join(', ') });
    case 'employees':
      return c.gte !== undefined ? t('cond.employees.gte', { n: c.gte }) : t('cond.employees.lte', { n: c.lte ?? 0 });
    case 'sector':
      return t('cond.sector.in', { list: values.map(String).join(', ') });
  }
}

export interface LocalizedControl {
  id: string;
  function: Control['function'];
  theme: Control['theme'];
  title: string;
  question: string;
  why: string;
  example: string;
  steps: string[];
  criterion: string;
  effortHours: number;
  cost: Control['cost'];
  who: Control['who'];
  threats: { id: ThreatId; weight: number }[];
  references: Control['references'];
  keyMeasures: Control['keyMeasures'];
  applicability: string;
}

/** One control in one language; with a profile, the sector's example and the mail suite's own steps. */
export function localizeControl(catalog: AssessmentCatalog, c: Control, locale: Locale, t: T, profile?: AssessmentProfile): LocalizedControl {
  const text = c.text[locale];
  const sector = profile ? sectorPackFor(catalog, profile.sector) : undefined;
  const suite = profile && (profile.email === 'microsoft365' || profile.email === 'google') ? c.providerSteps?.[profile.email] : undefined;
  return {
    id: c.id,
    function: c.function,
    theme: c.theme,
    title: text.title,
    question: text.question,
    why: text.why,
    example: sector?.examples[c.id]?.[locale] ?? text.example,
    steps: suite ? suite[locale] : text.steps,
    criterion: text.criterion,
    effortHours: c.effortHours,
    cost: c.cost,
    who: c.who,
    threats: Object.entries(c.threats).map(([id, weight]) => ({ id: id as ThreatId, weight })),
    references: c.references,
    keyMeasures: c.keyMeasures,
    applicability: describeCondition(c.appliesWhen, t),
  };
}

export function threatName(catalog: AssessmentCatalog, id: ThreatId, locale: Locale): string {
  return catalog.threats.find((x) => x.id === id)?.text[locale].name ?? id;
}

// An index per controls array (content is loaded once and never changed at run time); a plan looks up every item.
const byId = new WeakMap<readonly Control[], Map<string, Control>>();

export function controlById(catalog: AssessmentCatalog, id: string): Control | undefined {
  let index = byId.get(catalog.controls);
  if (!index || index.size !== catalog.controls.length) {
    index = new Map(catalog.controls.map((c) => [c.id, c]));
    byId.set(catalog.controls, index);
  }
  return index.get(id);
}

export interface PresentedPlanItem {
  controlId: string;
  title: string;
  why: string;
  steps: string[];
  effortHours: number;
  who: Control['who'];
  cost: Control['cost'];
  horizon: Horizon;
  riskRemoved: number;
  answer: 'no' | 'partly';
}

export function presentPlan(catalog: AssessmentCatalog, result: AssessmentResult, locale: Locale, _t: T, profile: AssessmentProfile): PresentedPlanItem[] {
  const suite = profile.email === 'microsoft365' || profile.email === 'google' ? profile.email : undefined;
  return result.plan.flatMap((p) => {
    const c = controlById(catalog, p.controlId);
    if (!c) return [];
    // Only the texts a plan shows: the rest of localizeControl (the applicability sentence) is not needed here.
    const text = c.text[locale];
    const steps = (suite ? c.providerSteps?.[suite]?.[locale] : undefined) ?? text.steps;
    return [{ controlId: p.controlId, title: text.title, why: text.why, steps, effortHours: p.effortHours, who: c.who, cost: c.cost, horizon: p.horizon, riskRemoved: p.riskRemoved, answer: p.answer }];
  });
}

export function planMeta(t: T, item: { effortHours: number; cost: Control['cost']; who: Control['who'] }, locale: Locale): string {
  const hours = formatHours(item.effortHours, locale);
  return t('plan.meta', { hours, cost: t(`cost.${item.cost}` as MessageKey), who: t(`who.${item.who}` as MessageKey) });
}

/**
 * The first sentence of a text, for the one-line "why" of a folded plan action. Intl.Segmenter knows each language's
 * sentence ends (abbreviations such as "bv." or "z. B." are not sentence ends for it).
 */
export function firstSentence(text: string, locale: Locale): string {
  const first = segmenter(locale, { granularity: 'sentence' }).segment(text)[Symbol.iterator]().next();
  return first.done ? text : first.value.segment.trim();
}

/** Hours as people in the page's language write them: "1,5" in nl, fr and de (Belgian usage), "1.5" in English. */
export function formatHours(hours: number, locale: Locale): string {
  return numberFormat(locale === 'en' ? 'en-GB' : `${locale}-BE`, { maximumFractionDigits: 1 }).format(hours);
}

/** The risks as both the web page and the PDF show them: every threat, highest first, with the same words. */
export function presentRisks(catalog: AssessmentCatalog, result: AssessmentResult, locale: Locale, t: T): { threat: ThreatId; label: string; level: number; levelText: string }[] {
  return result.risks.map((r) => ({ threat: r.threat, label: threatName(catalog, r.threat, locale), level: r.level, levelText: t('doc.risk_level', { level: r.level }) }));
}

/** "I don't know" answers as questions for the IT provider, each with what a good answer looks like. */
export function providerQuestions(catalog: AssessmentCatalog, result: AssessmentResult, locale: Locale, t: T, profile: AssessmentProfile): { controlId: string; question: string; criterion: string }[] {
  return result.providerChecklist
    .filter((x) => x.reason === 'unknown')
    .flatMap((x) => {
      const c = controlById(catalog, x.controlId);
      if (!c) return [];
      const l = localizeControl(catalog, c, locale, t, profile);
      return [{ controlId: c.id, question: l.question, criterion: l.criterion }];
    });
}

/** How many of the asked questions got an answer, and how many were skipped (left without any answer). */
export function answeredSummary(asked: readonly string[], answers: Readonly<Record<string, unknown>>): { total: number; answered: number; skipped: number } {
  const answered = asked.filter((id) => answers[id] !== undefined).length;
  return { total: asked.length, answered, skipped: asked.length - answered };
}

export function answeredText(t: T, s: { total: number; answered: number; skipped: number }): string {
  return s.skipped === 0 ? t('qs.skipped_none', { total: s.total }) : t('qs.skipped', { answered: s.answered, total: s.total, skipped: s.skipped });
}

/**
 * The sentence after "done" or "undo" that says how the overall score moved and why: the action's answer changed.
 * Null when there is nothing to explain (the answer did not move, or no score either side).
 */
export function scoreChangeText(t: T, locale: Locale, change: ScoreChange | null, title: string, kind: 'done' | 'undone'): string | null {
  if (!change || change.before === null || change.after === null) return null;
  const params = { before: change.before, after: change.after, title, from: t(`answer.${change.from}` as MessageKey), to: t(`answer.${change.to}` as MessageKey) };
  if (change.before === change.after) return t('assess.score_same', params);
  return kind === 'done' ? t('assess.score_done', params) : t('assess.score_undone', params);
}
