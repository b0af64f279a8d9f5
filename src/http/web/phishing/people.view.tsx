/** The staff list page (add by hand, CSV import, the IT partner's grant), shared by the people and grant routes. */
import type { FastifyRequest } from 'fastify';
import { LOCALES } from '../../../core/locale.ts';
import type { CsvLineError } from '../../../core/phishing/people.ts';
import type { CompanyGrant } from '../../../db/repositories/grant.repository.ts';
import type { PeoplePage as PeopleOnPage } from '../../../app/people.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { csvLineText, peopleCount } from '../../presenters/phishing.ts';
import { Csrf, ErrorSummary, Notice, Pager, PostButton, SelectField, TextField, type FieldErrors } from '../ui/components.tsx';
import { type PageCtx } from '../ui/page-context.ts';
import { noticeFrom } from '../ui/request.ts';
import { GrantsSection } from './grants.view.tsx';
import { DomainLink, PhishingFrame } from './phishing-frame.tsx';
/** The staff list for simulations: list, add one, import a CSV list (all or nothing), remove; and the IT-partner grant. */

const NOTICES: Record<string, MessageKey> = {
  added: 'people.notice.added',
  imported: 'people.notice.imported',
  removed: 'people.notice.removed',
  granted: 'grants.notice.granted',
  revoked: 'grants.notice.revoked',
};

export interface PeoplePageProps {
  ctx: PageCtx;
  request: FastifyRequest;
  /** The page of the staff list shown (PEOPLE_PAGE_SIZE people at most) and the list's size. */
  people: PeopleOnPage;
  domains: string[];
  grants: CompanyGrant[] | null;
  errors?: FieldErrors | undefined;
  /** Import problems, one line each, and the text that was posted (so it can be fixed in place). */
  importErrors?: CsvLineError[] | undefined;
  csv?: string | undefined;
  values?: Record<string, string> | undefined;
  grantError?: string | undefined;
  /** True when a refusal was about a domain rule: the page then explains it and links to the domain page. */
  domainRefusal?: boolean;
  counts?: { added: number; existing: number } | undefined;
  /** A message about the whole form, such as a limit reached. */
  general?: string | undefined;
}

export function PeoplePage(p: PeoplePageProps) {
  const { t, locale } = p.ctx;
  const company = p.request.company!;
  const base = `/${locale}/companies/${company.id}`;
  const languageOptions = LOCALES.map((l) => ({ value: l, label: t(`language.${l}` as MessageKey) }));
  const notice = noticeFrom(p.request, NOTICES);
  return (
    <PhishingFrame ctx={p.ctx} request={p.request} title={t('people.title')} current="people">
      <h2>{t('people.title')}</h2>
      <p>{t('people.lead')}</p>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      {p.counts ? <Notice>{t('people.imported_counts', p.counts)}</Notice> : null}
      <p>
        {t('people.domain_rule')} <DomainLink ctx={p.ctx} request={p.request} base={base} />
      </p>
      {p.domains.length === 0 ? <Notice kind="warn">{t('people.no_verified_domain')}</Notice> : null}
      <ErrorSummary ctx={p.ctx} errors={p.errors} general={p.general} />
      {p.domainRefusal ? (
        <p data-testid="domain-refusal">
          <DomainLink ctx={p.ctx} request={p.request} base={base} />
        </p>
      ) : null}
      {p.people.total === 0 ? (
        <p>{t('people.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="stack" data-testid="people">
            <caption>{t('people.count', { count: peopleCount(locale, p.people.total) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.email')}</th>
                <th scope="col">{t('people.group')}</th>
                <th scope="col">{t('people.language')}</th>
                <th scope="col">{t('people.code')}</th>
                <th scope="col">{t('people.remove')}</th>
              </tr>
            </thead>
            <tbody>
              {p.people.people.map((person) => (
                <tr>
                  <td data-label={t('people.email')}>
                    {person.email}
                    {person.displayName ? <span class="hint"> · {person.displayName}</span> : null}
                  </td>
                  <td data-label={t('people.group')}>{person.group || t('people.no_group')}</td>
                  <td data-label={t('people.language')}>{person.language}</td>
                  <td data-label={t('people.code')}>
                    <code>{person.pseudonym}</code>
                  </td>
                  <td data-label={t('people.remove')}>
                    <PostButton ctx={p.ctx} action={`${base}/people/${person.id}/remove`} label={t('people.remove')} kind="secondary" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={p.ctx} page={p.people.page} pages={p.people.pages} href={(n) => `${base}/people${n > 1 ? `?page=${n}` : ''}`} />

      <form method="post" action={`${base}/people`} novalidate>
        <Csrf ctx={p.ctx} />
        <h3>{t('people.add_heading')}</h3>
        <TextField name="email" type="email" label={t('people.email')} value={p.values?.email} error={p.errors?.email} autocomplete="off" maxLength={254} required />
        <TextField name="name" label={t('people.name')} value={p.values?.name} error={p.errors?.name} autocomplete="off" maxLength={120} />
        <SelectField name="language" label={t('people.language')} options={languageOptions} value={p.values?.language ?? company.language} error={p.errors?.language} />
        <TextField name="group" label={t('people.group')} hint={t('people.group_hint')} value={p.values?.group} error={p.errors?.group} maxLength={60} />
        <button type="submit">{t('people.add_button')}</button>
      </form>

      <form method="post" action={`${base}/people/import`} novalidate>
        <Csrf ctx={p.ctx} />
        <h3>{t('people.import_heading')}</h3>
        {p.importErrors ? (
          <div class="error-summary" role="alert" tabIndex={-1} data-autofocus data-testid="import-errors">
            <h2>{t('people.import_failed')}</h2>
            <ul>
              {p.importErrors.map((e) => (
                <li>{csvLineText(t, e)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class={p.importErrors ? 'field has-error' : 'field'}>
          <label for="f-csv">{t('people.import_field')}</label>
          <p class="hint" id="f-csv-hint">
            {t('people.import_hint')}
          </p>
          <textarea id="f-csv" name="csv" rows={8} aria-describedby="f-csv-hint" spellcheck={false}>
            {p.csv ?? ''}
          </textarea>
        </div>
        <button type="submit">{t('people.import_button')}</button>
      </form>

      {p.grants ? <GrantsSection ctx={p.ctx} base={base} grants={p.grants} error={p.grantError} /> : null}
    </PhishingFrame>
  );
}

