/** Turns catalogue entries and engine results into texts in one language. */
import type { AssessmentCatalog, Condition, Control, ThreatId } from '../../core/assessment/catalog.ts';
import type { AssessmentProfile } from '../../core/assessment/profile.ts';
import { sectorPackFor, type AssessmentResult, type Horizon } from '../../core/assessment/engine.ts';
import type { Locale } from '../../core/locale.ts';
import type { MessageKey, T } from '../../i18n/index.ts';

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

export function controlById(catalog: AssessmentCatalog, id: string): Control | undefined {
  return catalog.controls.find((c) => c.id === id);
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

export function presentPlan(catalog: AssessmentCatalog, result: AssessmentResult, locale: Locale, t: T, profile: AssessmentProfile): PresentedPlanItem[] {
  return result.plan.flatMap((p) => {
    const c = controlById(catalog, p.controlId);
    if (!c) return [];
    const l = localizeControl(catalog, c, locale, t, profile);
    return [{ controlId: p.controlId, title: l.title, why: l.why, steps: l.steps, effortHours: p.effortHours, who: c.who, cost: c.cost, horizon: p.horizon, riskRemoved: p.riskRemoved, answer: p.answer }];
  });
}

export function planMeta(t: T, item: { effortHours: number; cost: Control['cost']; who: Control['who'] }, locale: Locale): string {
  const hours = new Intl.NumberFormat(`${locale}-BE`, { maximumFractionDigits: 1 }).format(item.effortHours);
  return t('plan.meta', { hours, cost: t(`cost.${item.cost}` as MessageKey), who: t(`who.${item.who}` as MessageKey) });
}
