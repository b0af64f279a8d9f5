/** Builds the translated plan and checklist documents that the PDF renderers lay out. */
import type { PlanDocument, ChecklistDocument, ScoreRow } from '../../adapters/pdf/documents.ts';
import { FUNCTIONS, type AssessmentCatalog } from '../../core/assessment/catalog.ts';
import type { AssessmentResult } from '../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../core/assessment/profile.ts';
import type { Locale } from '../../core/locale.ts';
import type { MessageKey, T } from '../../i18n/index.ts';
import { planItemSupport } from './support.ts';
import { answeredSummary, answeredText, controlById, localizeControl, planMeta, presentPlan, presentRisks, providerQuestions } from './assessment.ts';
import { dateTimeFormat } from '../../i18n/intl.ts';

function longDate(d: Date, locale: Locale): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(d);
}

export function scoreRows(result: AssessmentResult, t: T): ScoreRow[] {
  const row = (label: string, value: number | null): ScoreRow => ({ label, value, valueText: value === null ? t('doc.not_answered') : t('doc.score_value', { score: value }) });
  return [row(t('doc.overall'), result.scores.overall), ...FUNCTIONS.map((f) => row(t(`function.${f}` as MessageKey), result.scores.byFunction[f]))];
}

/**
 * "Key measures met", said plainly as the owner's own declaration: only an accredited conformity assessment body
 * verifies CyberFundamentals (CCB CyberFundamentals framework, conformity assessment), so the text must not read as one.
 */
export function keyMeasuresText(result: AssessmentResult, t: T): string {
  return t('doc.key_measures', { smallMet: result.keyMeasures.small.met, smallTotal: result.keyMeasures.small.total, basicMet: result.keyMeasures.basic.met, basicTotal: result.keyMeasures.basic.total });
}

function meta(t: T, lang: Locale, titleKey: MessageKey, companyName: string | null, date: Date, algorithmVersion: string) {
  return {
    lang,
    title: t(titleKey),
    subtitle: companyName ? t('doc.subtitle_company', { company: companyName, date: longDate(date, lang) }) : t('doc.subtitle_anonymous', { date: longDate(date, lang) }),
    generatedLabel: t('doc.generated', { version: algorithmVersion }),
    footer: t('doc.footer'),
  };
}

/**
 * The plan PDF. With `quickScan` (the questions that were asked and the answers given) it also says how many were
 * skipped and lists the "I don't know" answers as questions for the IT provider, exactly as the quick-scan result page.
 */
export function planDocument(
  catalog: AssessmentCatalog,
  result: AssessmentResult,
  profile: AssessmentProfile,
  lang: Locale,
  t: T,
  companyName: string | null,
  date: Date,
  quickScan?: { asked: readonly string[]; answers: Readonly<Record<string, unknown>> },
): PlanDocument {
  const plan = presentPlan(catalog, result, lang, t, profile);
  return {
    ...meta(t, lang, 'doc.plan.title', companyName, date, result.algorithmVersion),
    scoresHeading: t('doc.scores_heading'),
    scores: scoreRows(result, t),
    risksHeading: t('doc.risks_heading'),
    risks: presentRisks(catalog, result, lang, t).map((r) => ({ label: r.label, level: r.level, levelText: r.levelText })),
    keyMeasuresText: keyMeasuresText(result, t),
    answeredText: quickScan ? answeredText(t, answeredSummary(quickScan.asked, quickScan.answers)) : undefined,
    providerQuestions: quickScan
      ? {
          heading: t('qs.provider_heading'),
          intro: t('qs.provider_intro'),
          emptyText: t('qs.provider_none'),
          items: providerQuestions(catalog, result, lang, t, profile).map((q) => ({ question: q.question, checks: t('qs.provider_checks', { criterion: q.criterion }) })),
        }
      : undefined,
    horizons: (['week', 'month', 'quarter'] as const).map((h) => ({
      heading: t(`horizon.${h}` as MessageKey),
      emptyText: t('horizon.empty'),
      items: plan.filter((p) => p.horizon === h).map((p) => ({ title: p.title, why: p.why, steps: p.steps, meta: withSupport(planMeta(t, p, lang), p.controlId, profile, lang, t) })),
    })),
  };
}

/** The plan item's meta line, with "who can help pay" on a line of its own when the region has a scheme for it. */
function withSupport(meta: string, controlId: string, profile: AssessmentProfile, lang: Locale, t: T): string {
  const support = planItemSupport(controlId, profile.region, lang);
  return support.length === 0 ? meta : `${meta}\n${t('support.pdf_line', { list: support.map((s) => `${s.scheme} (${s.url})`).join(', ') })}`;
}

export function checklistDocument(
  catalog: AssessmentCatalog,
  result: AssessmentResult,
  profile: AssessmentProfile,
  lang: Locale,
  t: T,
  companyName: string | null,
  date: Date,
  notes: Readonly<Record<string, string>> = {},
): ChecklistDocument {
  const item = (id: string, status: string) => {
    const c = controlById(catalog, id)!;
    const l = localizeControl(catalog, c, lang, t, profile);
    return { title: l.title, criterion: l.criterion, note: notes[id] || undefined, status };
  };
  return {
    ...meta(t, lang, 'doc.checklist.title', companyName, date, result.algorithmVersion),
    intro: t('doc.checklist.intro'),
    sections: [
      {
        heading: t('doc.checklist.todo'),
        emptyText: t('doc.checklist.empty'),
        items: result.providerChecklist.filter((p) => p.reason === 'provider_task').map((p) => item(p.controlId, t('doc.checklist.status_open'))),
      },
      {
        heading: t('doc.checklist.unknown'),
        emptyText: t('doc.checklist.empty'),
        items: result.providerChecklist.filter((p) => p.reason === 'unknown').map((p) => item(p.controlId, t('doc.checklist.status_unknown'))),
      },
    ],
    signatureLabel: t('doc.checklist.signature'),
  };
}
