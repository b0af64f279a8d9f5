/** The insurance-readiness summary in one language, shared by the page and the PDF (every string translated here). */
import type { InsuranceSummary } from '../../../app/insurance.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { AreaReadiness, AreaStatus, EvidenceItem, InsuranceArea } from '../../../core/insurance/readiness.ts';
import type { Locale } from '../../../core/locale.ts';
import type { MessageKey, T } from '../../../i18n/index.ts';
import { controlArticle } from '../../presenters/articles.ts';
import { controlById } from '../../presenters/assessment.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

export interface PresentedGap {
  controlId: string;
  title: string;
  /** The plan item (answered no or partly, so it is in the plan), else null. */
  planUrl: string | null;
  /** The question, when it is not answered yet (or "I don't know"). */
  answerUrl: string | null;
  articleUrl: string | null;
}

export interface PresentedArea {
  area: InsuranceArea;
  title: string;
  question: string;
  status: AreaStatus;
  statusText: string;
  evidence: string[];
  gaps: PresentedGap[];
}

function dateOnly(iso: string, locale: Locale): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

function evidenceText(e: EvidenceItem, catalog: AssessmentCatalog, lang: Locale, t: T): string | null {
  const question = controlById(catalog, e.controlId)?.text[lang].question ?? e.controlId;
  switch (e.kind) {
    case 'not_applicable':
      return null;
    case 'answer':
      return e.answer === null ? t('insurance.evidence.no_answer', { question }) : t('insurance.evidence.answer', { answer: t(`answer.${e.answer}` as MessageKey), question });
    case 'scan': {
      const text = t('insurance.evidence.scan', { domain: e.observation.domain, date: dateOnly(e.observation.at, lang), observed: t(`insurance.observed.${e.observation.observed}` as MessageKey) });
      return e.differsFromAnswer ? `${text} ${t('insurance.evidence.measured_wins')}` : text;
    }
    case 'training': {
      const c = e.counts;
      const practice = c.phishingSent > 0 ? t('insurance.evidence.phishing', { sent: c.phishingSent, reported: c.phishingReported }) : t('insurance.evidence.no_phishing');
      const text = `${t('insurance.evidence.training', { trained: c.trained, people: c.people })} ${practice}`;
      return e.differsFromAnswer ? `${text} ${t('insurance.evidence.measured_wins')}` : text;
    }
  }
}

export function presentArea(a: AreaReadiness, catalog: AssessmentCatalog, companyId: string, lang: Locale, t: T): PresentedArea {
  const base = `/${lang}/companies/${companyId}`;
  return {
    area: a.area,
    title: t(`insurance.area.${a.area}` as MessageKey),
    question: t(`insurance.area.${a.area}.question` as MessageKey),
    status: a.status,
    statusText: t(`insurance.status.${a.status}` as MessageKey),
    evidence: a.evidence.flatMap((e) => evidenceText(e, catalog, lang, t) ?? []),
    gaps: a.gaps.map((g) => {
      const control = controlById(catalog, g.controlId);
      const inPlan = g.value === 'no' || g.value === 'partly';
      return {
        controlId: g.controlId,
        title: control?.text[lang].title ?? g.controlId,
        planUrl: inPlan ? `${base}/results#action-${g.controlId}` : null,
        answerUrl: g.value === null && control ? `${base}/assessment/${control.theme}#q-${g.controlId}` : null,
        articleUrl: controlArticle(g.controlId, lang)?.url ?? null,
      };
    }),
  };
}

export function presentInsurance(summary: InsuranceSummary, catalog: AssessmentCatalog, companyId: string, lang: Locale, t: T) {
  const areas = summary.areas.map((a) => presentArea(a, catalog, companyId, lang, t));
  return {
    areas,
    summaryText: t('insurance.summary', { inPlace: areas.filter((a) => a.status === 'in_place').length, total: areas.length }),
    basedOnText: summary.assessedAt && summary.answeredCount > 0 ? t('insurance.based_on', { date: dateOnly(summary.assessedAt, lang) }) : null,
  };
}
