/**
 * The IT provider's pages: the companies that share with it now, and one shared plan with only what the company
 * ticked (plan, provider checklist, scan report), a "done" form per plan item and the history of that share.
 * Texts here face the provider and may be technical.
 */
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { orgCan, type OrgRole } from '../../../core/organisations/organisation.ts';
import { ITEM_NOTE_MAX, scanContradicts } from '../../../core/providers/shares.ts';
import { describeOutcome, type ScanMessages } from '../../../core/scan/messages.ts';
import type { SharedPlanView } from '../../../app/provider-work.ts';
import type { Organisation } from '../../../db/repositories/organisation.repository.ts';
import type { ProviderShare } from '../../../db/repositories/provider-share.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { localizeControl, planMeta, presentPlan, providerQuestions } from '../../presenters/assessment.ts';
import { Csrf, ErrorSummary, formatDateTime } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { OrgFrame } from '../organisations/org-views.tsx';
import { Contradiction, formatDay, History, scopesText, updateLines } from './share-parts.tsx';

export function SharedPlansPage(p: { ctx: PageCtx; org: Organisation; shares: ProviderShare[] }) {
  const { t, locale } = p.ctx;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={t('pshare.provider.title')} current="shared-plans">
      <p class="lead">{t('pshare.provider.lead')}</p>
      {p.shares.length === 0 ? <p>{t('pshare.provider.none')}</p> : null}
      <ul class="plain">
        {p.shares.map((s) => (
          <li class="card" data-testid="shared-plan">
            <h2>
              <a href={`/${locale}/orgs/${p.org.id}/shared-plans/${s.id}`}>{s.companyName}</a>
            </h2>
            <p>{t('pshare.provider.shared', { scopes: scopesText(p.ctx, s.scopes), until: formatDay(s.expiresAt, locale) })}</p>
          </li>
        ))}
      </ul>
    </OrgFrame>
  );
}

export interface SharedPlanPageProps {
  ctx: PageCtx;
  org: Organisation;
  role: OrgRole;
  catalog: AssessmentCatalog;
  messages: ScanMessages;
  view: SharedPlanView;
  notice?: MessageKey | undefined;
  /** A refused "done": the item and the message. */
  problem?: { controlId: string; message: string; note: string } | undefined;
}

function MarkDone(p: SharedPlanPageProps & { controlId: string }) {
  const { t, locale } = p.ctx;
  const pending = p.view.updates.find((u) => u.controlId === p.controlId && u.status === 'pending' && u.assessmentId === p.view.plan?.assessmentId);
  if (pending) return <p class="tag">{t('pshare.provider.waiting')}</p>;
  if (!orgCan(p.role, 'work_plans') || !p.view.markable.includes(p.controlId)) return null;
  const id = `f-note-${p.controlId}`;
  const problem = p.problem?.controlId === p.controlId ? p.problem : undefined;
  return (
    <form method="post" action={`/${locale}/orgs/${p.org.id}/shared-plans/${p.view.share.id}/items`} novalidate>
      <Csrf ctx={p.ctx} />
      <input type="hidden" name="controlId" value={p.controlId} />
      <div class={problem ? 'field has-error' : 'field'}>
        <label for={id}>{t('pshare.provider.note')}</label>
        <p class="hint" id={`${id}-hint`}>
          {t('pshare.provider.note_hint', { max: ITEM_NOTE_MAX })}
        </p>
        {problem ? (
          <p class="error" id={`${id}-error`}>
            {problem.message}
          </p>
        ) : null}
        <textarea id={id} name="note" maxLength={ITEM_NOTE_MAX} aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid={problem ? 'true' : undefined}>
          {problem?.note ?? ''}
        </textarea>
      </div>
      <button type="submit">{t('pshare.provider.mark_done')}</button>
    </form>
  );
}

export function SharedPlanPage(p: SharedPlanPageProps) {
  const { t, locale } = p.ctx;
  const { share, plan, reports } = p.view;
  const title = share.companyName;
  const contradicted = p.view.updates.filter((u) => scanContradicts(u.status, p.view.observations.get(u.controlId)?.observed));
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={title} current="shared-plans" notice={p.notice}>
      <p>
        <a href={`/${locale}/orgs/${p.org.id}/shared-plans`}>← {t('pshare.provider.title')}</a>
      </p>
      <p data-testid="share-scopes">{t('pshare.provider.shared', { scopes: scopesText(p.ctx, share.scopes), until: formatDay(share.expiresAt, locale) })}</p>
      {p.problem ? <ErrorSummary ctx={p.ctx} errors={undefined} general={p.problem.message} /> : null}
      {(share.scopes.includes('plan') || share.scopes.includes('provider_checklist')) && !plan ? <p>{t('pshare.provider.no_plan')}</p> : null}

      {share.scopes.includes('plan') && plan ? (
        <section data-testid="shared-plan-items">
          <h2>{t('pshare.scope.plan')}</h2>
          {plan.result.plan.length === 0 ? <p>{t('pshare.provider.plan_empty')}</p> : null}
          {presentPlan(p.catalog, plan.result, locale, t, plan.profile).map((item) => (
            <article class="plan-item" id={`item-${item.controlId}`}>
              <h3>{item.title}</h3>
              <p class="why">{item.why}</p>
              <p class="plan-time">{planMeta(t, item, locale)}</p>
              <ol class="steps">
                {item.steps.map((s) => (
                  <li>{s}</li>
                ))}
              </ol>
              <MarkDone {...p} controlId={item.controlId} />
            </article>
          ))}
        </section>
      ) : null}

      {share.scopes.includes('provider_checklist') && plan ? (
        <section data-testid="shared-checklist">
          <h2>{t('pshare.scope.provider_checklist')}</h2>
          <h3>{t('doc.checklist.todo')}</h3>
          {plan.result.providerChecklist.filter((x) => x.reason === 'provider_task').length === 0 ? <p>{t('doc.checklist.empty')}</p> : null}
          <ul class="plain">
            {plan.result.providerChecklist
              .filter((x) => x.reason === 'provider_task')
              .map((x) => {
                const c = p.catalog.controls.find((cc) => cc.id === x.controlId);
                if (!c) return null;
                const l = localizeControl(p.catalog, c, locale, t, plan.profile);
                return (
                  <li class="card">
                    <h4>{l.title}</h4>
                    <p>{t('pshare.provider.criterion', { criterion: l.criterion })}</p>
                    {plan.notes[c.id] ? <p class="hint break">{plan.notes[c.id]}</p> : null}
                    {share.scopes.includes('plan') ? null : <MarkDone {...p} controlId={c.id} />}
                  </li>
                );
              })}
          </ul>
          <h3>{t('doc.checklist.unknown')}</h3>
          {providerQuestions(p.catalog, plan.result, locale, t, plan.profile).length === 0 ? <p>{t('doc.checklist.empty')}</p> : null}
          <ul class="plain">
            {providerQuestions(p.catalog, plan.result, locale, t, plan.profile).map((q) => (
              <li class="card">
                <h4>{q.question}</h4>
                <p>{t('pshare.provider.criterion', { criterion: q.criterion })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {reports ? (
        <p>
          <a href={`/${locale}/orgs/${p.org.id}/shared-plans/${share.id}/scan-report`}>{t('pshare.provider.see_scan')}</a>
        </p>
      ) : null}

      {contradicted.length > 0 ? (
        <section>
          <h2>{t('pshare.provider.claims')}</h2>
          {contradicted.map((u) => (
            <Contradiction ctx={p.ctx} messages={p.messages} update={u} observations={p.view.observations} />
          ))}
        </section>
      ) : null}
      <History ctx={p.ctx} heading={t('pshare.history.heading')} lines={updateLines(p.ctx, p.catalog, p.view.updates)} />
    </OrgFrame>
  );
}

/** The scan report on a page of its own, so that its address answers 404 when the company did not share it. */
export function SharedScanPage(p: { ctx: PageCtx; org: Organisation; messages: ScanMessages; view: SharedPlanView & { reports: NonNullable<SharedPlanView['reports']> } }) {
  const { t, locale } = p.ctx;
  const { share, reports } = p.view;
  return (
    <OrgFrame ctx={p.ctx} org={p.org} title={`${t('pshare.scope.scan_report')} · ${share.companyName}`} current="shared-plans">
      <p>
        <a href={`/${locale}/orgs/${p.org.id}/shared-plans/${share.id}`}>← {share.companyName}</a>
      </p>
      <section data-testid="shared-scan">
        {reports.length === 0 ? <p>{t('pshare.provider.no_scan')}</p> : null}
        {reports.map((r) => (
          <div>
            <h2 class="break">{t('pshare.provider.scan_of', { domain: r.domain, date: formatDateTime(r.finishedAt, locale), grade: r.grade ?? '—' })}</h2>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('pshare.provider.check')}</th>
                    <th scope="col">{t('pshare.provider.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.checks.map((c) => {
                    const text = describeOutcome(p.messages, c, locale, r.domain);
                    return (
                      <tr>
                        <td>
                          {text.title}
                          {c.status === 'fail' || c.status === 'warn' ? <p class="hint">{text.explanation}</p> : null}
                        </td>
                        <td>{t(`scan.status.${c.status}` as MessageKey)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>
    </OrgFrame>
  );
}
