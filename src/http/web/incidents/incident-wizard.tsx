/**
 * The incident wizard: one plain question per screen (GET forms, no JavaScript needed). Questions that cannot apply
 * are skipped, and so are those the company profile already answers (NIS2 status; no card payments means no
 * customers' cards), so an owner under stress is not asked what Schild knows.
 */
import type { Company } from '../../../core/company-profile.ts';
import type { IncidentContent } from '../../../core/incidents/content.ts';
import { awareAtProblem, parseBrusselsWallClock, type AwareAtProblem } from '../../../core/incidents/time.ts';
import { CATEGORIES, DATA_KINDS, FactsSchema, type Facts } from '../../../core/incidents/triage.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { Choice, ErrorSummary, Notice } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

type StepName =
  | 'category'
  | 'privilegedAccount'
  | 'deviceStolen'
  | 'awareAt'
  | 'ongoing'
  | 'personalData'
  | 'dataKinds'
  | 'dataEncrypted'
  | 'gdprRole'
  | 'nis2'
  | 'significantImpact'
  | 'moneyLost'
  | 'cardDataExposed'
  | 'customerCardData'
  | 'extortion'
  | 'insured';
type Answers = Record<string, string>;
export interface Step {
  name: StepName;
  when?: (q: Answers) => boolean;
  options?: readonly string[];
  multi?: boolean;
}

const personal = (q: Answers) => q.personalData !== 'no';
export const STEPS: Step[] = [
  { name: 'category', options: CATEGORIES },
  { name: 'privilegedAccount', when: (q) => q.category === 'account_takeover' || q.category === 'credential_theft', options: ['yes', 'no'] },
  { name: 'deviceStolen', when: (q) => q.category === 'lost_device', options: ['yes', 'no'] },
  { name: 'awareAt' },
  { name: 'ongoing', options: ['yes', 'no'] },
  { name: 'personalData', options: ['yes', 'no', 'unknown'] },
  { name: 'dataKinds', when: personal, options: DATA_KINDS, multi: true },
  { name: 'dataEncrypted', when: personal, options: ['yes', 'no'] },
  { name: 'gdprRole', when: personal, options: ['controller', 'processor'] },
  { name: 'nis2', options: ['essential', 'important', 'out_of_scope', 'unknown'] },
  // NIS2 Art. 23(3): only a significant incident must be reported, so the entities it covers are asked.
  { name: 'significantImpact', when: (q) => q.nis2 === 'essential' || q.nis2 === 'important', options: ['yes', 'no', 'unknown'] },
  { name: 'moneyLost', options: ['yes', 'no'] },
  { name: 'cardDataExposed', options: ['yes', 'no'] },
  { name: 'customerCardData', options: ['yes', 'no'] },
  { name: 'extortion', options: ['yes', 'no'] },
  { name: 'insured', options: ['yes', 'no'] },
];
export const AWARE_STEP = STEPS.find((s) => s.name === 'awareAt')!;

/** Several kinds ticked come as a comma list; "none" when the owner ticked nothing. */
function validMulti(v: string): boolean {
  return v === 'none' || v.split(',').every((k) => (DATA_KINDS as readonly string[]).includes(k));
}

/** The raw query as answers: the date and time pair joined, the ticked kinds joined, unknown values dropped. */
export function answered(raw: Record<string, unknown>): Answers {
  const q = { ...raw };
  if (typeof q.awareDate === 'string' && typeof q.awareTime === 'string') q.awareAt = `${q.awareDate}T${q.awareTime.slice(0, 5)}`;
  if (q.dataKindsAsked !== undefined && typeof q.dataKinds !== 'string') {
    const ticked = (Array.isArray(q.dataKinds) ? q.dataKinds : []).filter((k): k is string => typeof k === 'string' && (DATA_KINDS as readonly string[]).includes(k));
    q.dataKinds = ticked.length ? [...new Set(ticked)].join(',') : 'none';
  }
  const out: Answers = {};
  for (const s of STEPS) {
    const v = q[s.name];
    if (typeof v !== 'string' || v.length > 200) continue;
    if (s.multi ? validMulti(v) : s.options ? s.options.includes(v) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) out[s.name] = v;
  }
  return out;
}

export function nextStep(q: Answers): Step | undefined {
  return STEPS.find((s) => (s.when ? s.when(q) : true) && q[s.name] === undefined);
}

function applicableSteps(q: Answers) {
  return STEPS.filter((s) => (s.when ? s.when(q) : true));
}

/** Why the typed moment cannot start a legal clock (a date that does not exist, the future, long ago), or null. */
export function awareAtAnswerProblem(q: Answers, now: Date): AwareAtProblem | null {
  if (q.awareAt === undefined) return null;
  const d = parseBrusselsWallClock(q.awareAt);
  return d === 'impossible' ? 'impossible' : awareAtProblem(d, now);
}

export const AWARE_PROBLEM_MESSAGE: Record<AwareAtProblem, MessageKey> = { impossible: 'incident.date_impossible', future: 'incident.future', too_old: 'incident.date_too_old' };

/** What the company profile answers already: its NIS2 status, and "no" to customers' cards without card payments. */
export function profileAnswers(company: Company): Answers {
  const out: Answers = {};
  if (company.nis2Status !== 'unknown') out.nis2 = company.nis2Status === 'none' ? 'out_of_scope' : company.nis2Status;
  if (!company.cardPayments) out.customerCardData = 'no';
  return out;
}

/** Wizard answers → facts (skipped questions take their safe defaults). awareAt is Brussels wall-clock time. */
export function factsFrom(all: Answers): Facts | undefined {
  // After going back and changing an answer, answers to questions that no longer apply are dropped (a lost device's
  // "stolen" does not carry over to phishing).
  const q = Object.fromEntries(applicableSteps(all).flatMap((s) => (all[s.name] === undefined ? [] : [[s.name, all[s.name]!]]))) as Answers;
  const aware = parseBrusselsWallClock(q.awareAt ?? '');
  if (aware === 'impossible') return undefined;
  const yes = (k: string) => q[k] === 'yes';
  const kinds = personal(q) && q.dataKinds && q.dataKinds !== 'none' ? q.dataKinds.split(',') : [];
  const candidate = {
    category: q.category,
    awareAt: aware.toISOString(),
    ongoing: yes('ongoing'),
    personalData: q.personalData,
    specialCategoryData: kinds.includes('special_category'),
    dataEncrypted: personal(q) && yes('dataEncrypted'),
    gdprRole: personal(q) ? q.gdprRole : 'controller',
    nis2: q.nis2,
    moneyLost: yes('moneyLost'),
    cardDataExposed: yes('cardDataExposed'),
    extortion: yes('extortion'),
    insured: yes('insured'),
    significantImpact: q.significantImpact ?? 'unknown',
    customerCardData: yes('customerCardData'),
    dataKinds: kinds,
    privilegedAccount: yes('privilegedAccount'),
    deviceStolen: yes('deviceStolen'),
  };
  const r = FactsSchema.safeParse(candidate);
  return r.success ? r.data : undefined;
}

export function hiddenAnswers(q: Answers, except?: string) {
  return Object.entries(q)
    .filter(([k]) => k !== except)
    .map(([k, v]) => <input type="hidden" name={k} value={v} />);
}

function nowInBrussels(d: Date): string {
  const p = Object.fromEntries(
    dateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The question asked before `current` (skipping those the profile answered), or undefined on the first one. With no
 * `current`, the last question: the result page goes back to it.
 */
export function previousStep(q: Answers, current: StepName | undefined, fixed: readonly string[]): Step | undefined {
  const steps = applicableSteps(q).filter((s) => !fixed.includes(s.name));
  const at = current === undefined ? steps.length : steps.findIndex((s) => s.name === current);
  return at > 0 ? steps[at - 1] : undefined;
}

/**
 * A plain link back to an earlier question, carrying every answer so none is lost (works without JavaScript; GOV.UK
 * "back link" pattern). The server shows that question with its answer selected; going forward again asks only what
 * is still open.
 */
export function backHref(locale: string, q: Answers, to: Step | undefined): string | undefined {
  if (!to) return undefined;
  return `/${locale}/incident/report?${new URLSearchParams({ ...q, back: to.name }).toString()}`;
}

/** The question the back link asks for, if it is one this report can go back to. */
export function backStep(raw: Record<string, unknown>, q: Answers): Step | undefined {
  const name = raw.back;
  return typeof name === 'string' ? applicableSteps(q).find((s) => s.name === name && q[s.name] !== undefined) : undefined;
}

export function StepPage(p: {
  ctx: PageCtx;
  content: IncidentContent;
  q: Answers;
  step: Step;
  now: Date;
  error?: string | undefined;
  carry?: Answers;
  fromProfile?: string | undefined;
  /** Questions the company profile answered: never asked, so the back link skips them. */
  fixed?: readonly string[];
}) {
  const { t, locale } = p.ctx;
  const steps = applicableSteps(p.q);
  const index = steps.findIndex((s) => s.name === p.step.name) + 1;
  const name = p.step.name;
  const back = backHref(locale, { ...p.q, ...(p.carry ?? {}) }, previousStep(p.q, name, p.fixed ?? []));
  const label = (v: string) =>
    name === 'category' ? p.content.categories[v as Facts['category']]?.[locale].label ?? v : t(`incident.q.${name}.${v}` as MessageKey);
  const hint = (v: string) => (name === 'category' ? p.content.categories[v as Facts['category']]?.[locale].hint : undefined);
  // Back on this question, the moment typed before is kept; otherwise it starts at now.
  const [defaultDate, defaultTime] = (p.q.awareAt ?? nowInBrussels(p.now)).split('T');
  return (
    <Layout ctx={p.ctx} title={t('incident.title')} narrow>
      <p class="hint">{t('incident.step_of', { step: index, total: steps.length })}</p>
      <progress class="progress" max={steps.length} value={index - 1} aria-label={t('incident.progress')}>
        {`${index - 1}/${steps.length}`}
      </progress>
      <ErrorSummary ctx={p.ctx} errors={undefined} general={p.error} />
      {p.fromProfile ? <Notice>{t('incident.from_profile', { answers: p.fromProfile })}</Notice> : null}
      <form method="get" action={`/${locale}/incident/report`} novalidate>
        {hiddenAnswers({ ...p.q, ...(p.carry ?? {}) }, name)}
        {name === 'awareAt' ? (
          <fieldset class="field" id="f-awareAt">
            <legend>
              <h1>{t('incident.q.awareAt')}</h1>
            </legend>
            <p class="hint">{t('incident.q.awareAt.hint')}</p>
            <input type="hidden" name="awareAtCombined" value="1" />
            <label for="f-date">{t('incident.q.awareAt.date')}</label>
            <input id="f-date" type="date" name="awareDate" value={defaultDate} required />
            <label for="f-time">{t('incident.q.awareAt.time')}</label>
            <input id="f-time" type="time" name="awareTime" value={defaultTime} required />
          </fieldset>
        ) : (
          <fieldset class="field" id={`f-${name}`}>
            <legend>
              <h1>{t(`incident.q.${name}` as MessageKey)}</h1>
            </legend>
            {name !== 'category' ? <p class="hint">{t(`incident.q.${name}.hint` as MessageKey)}</p> : null}
            {p.step.multi ? <input type="hidden" name={`${name}Asked`} value="1" /> : null}
            <div class="choices">
              {(p.step.options ?? []).map((v) => (
                <Choice
                  type={p.step.multi ? 'checkbox' : 'radio'}
                  name={name}
                  value={v}
                  label={label(v)}
                  hint={hint(v)}
                  checked={p.step.multi ? (p.q[name] ?? '').split(',').includes(v) : p.q[name] === v}
                  required={!p.step.multi}
                />
              ))}
            </div>
          </fieldset>
        )}
        <div class="actions">
          <button type="submit">{t('incident.next')}</button>
          {back ? (
            <a href={back} class="button secondary" data-testid="wizard-back">
              ← {t('incident.back')}
            </a>
          ) : null}
        </div>
      </form>
      <p class="hint">{t('incident.disclaimer')}</p>
    </Layout>
  );
}
