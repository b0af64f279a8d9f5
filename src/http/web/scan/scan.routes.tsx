/**
 * One-off scan of a public domain, for anyone: a form, a progress page (refreshes itself without JavaScript; a small
 * script polls the API when JavaScript is on), and the report grouped by mail, web, DNS and brand with a grade.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ScanMessages } from '../../../core/scan/messages.ts';
import type { AppDeps } from '../../../app/deps.ts';
import { requestScan } from '../../../app/scans.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { PUBLIC } from '../../access.ts';
import { renderChecklistPdf } from '../../../adapters/pdf/checklist-pdf.ts';
import { type PresentedCheck, type PresentedScan } from '../../presenters/scan.ts';
import { PresentedScans } from '../../presenters/scan-cache.ts';
import { sendPage } from '../../render.ts';
import { Csrf, ErrorSummary, Notice, TextField } from '../ui/components.tsx';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, type PageCtx } from '../ui/page-context.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

const GROUPS = ['mail', 'web', 'dns', 'brand'] as const;

function ScanForm(p: { ctx: PageCtx; value?: string; error?: string }) {
  const { t, locale } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('scan.title')} narrow>
      <h1>{t('scan.title')}</h1>
      <p class="lead">{t('scan.lead')}</p>
      <ErrorSummary ctx={p.ctx} errors={p.error ? { domain: p.error } : undefined} />
      <form method="post" action={`/${locale}/scan`} novalidate>
        <Csrf ctx={p.ctx} />
        <TextField name="domain" label={t('scan.domain')} hint={t('scan.domain_hint')} value={p.value} error={p.error} maxLength={253} required />
        <button type="submit">{t('scan.start')}</button>
      </form>
      <p class="hint">{t('scan.what_we_do')}</p>
    </Layout>
  );
}

function CheckItem(p: { ctx: PageCtx; c: PresentedCheck }) {
  const { t } = p.ctx;
  return (
    <article class={`plan-item scan-check ${p.c.status}`} data-check={p.c.id} data-status={p.c.status}>
      <h4>
        <span class="tag">{t(`scan.status.${p.c.status}` as MessageKey)}</span> {p.c.title}
      </h4>
      <p>{p.c.explanation}</p>
      {p.c.status === 'fail' || p.c.status === 'warn' || p.c.status === 'error' ? (
        <>
          <p>
            <strong>{t('scan.fix')}:</strong> {p.c.fix}
          </p>
          <p class="hint">
            {t('scan.who')}: {t(`scan.who.${p.c.who}` as MessageKey)}
          </p>
        </>
      ) : null}
    </article>
  );
}

function ScanPage(p: { ctx: PageCtx; scan: PresentedScan }) {
  const { t, locale } = p.ctx;
  const s = p.scan;
  const r = s.result;
  const running = s.status === 'queued' || s.status === 'running';
  const counts = r ? (['fail', 'warn', 'pass'] as const).map((st) => [st, r.checks.filter((c) => c.status === st).length] as const) : [];
  return (
    <Layout ctx={p.ctx} title={`${t('scan.report_title')} ${s.domain}`}>
      <h1>
        {t('scan.report_title')} <span data-testid="scan-domain">{s.domain}</span>
      </h1>
      {running ? (
        <section id="scan-progress" data-scan={s.id} data-lang={locale} data-partial={String(s.partial.length)}>
          <p>{t('scan.running')}</p>
          <label for="progress">{t('scan.progress', { step: s.step ? t(`scan.step.${s.step}` as MessageKey) : t('scan.step.queued') })}</label>
          <progress id="progress" class="progress" max={100} value={s.progress}>
            {`${s.progress}%`}
          </progress>
          {s.partial.length > 0 ? (
            <section>
              <h2>{t('scan.so_far')}</h2>
              {s.partial
                .filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'pass')
                .map((c) => (
                  <CheckItem ctx={p.ctx} c={c} />
                ))}
            </section>
          ) : null}
          <p class="hint">
            {t('scan.refresh_hint')}{' '}
            <a href={`/${locale}/scan/${s.id}`} data-testid="scan-refresh">
              {t('scan.refresh')}
            </a>
          </p>
        </section>
      ) : null}
      {s.status === 'failed' ? <Notice kind="warn">{t('scan.failed')}</Notice> : null}
      {r ? (
        <>
          <p class="lead">
            {t('scan.grade')}: <strong data-testid="scan-grade">{r.grade}</strong> ({r.score}/100)
            {r.incomplete ? ` · ${t('scan.incomplete')}` : ''}
          </p>
          <p>{counts.map(([st, n]) => `${t(`scan.status.${st}` as MessageKey)}: ${n}`).join(' · ')}</p>
          <p class="hint">{t('scan.method', { version: r.algorithmVersion, seconds: Math.max(1, Math.round(r.durationMs / 1000)) })}</p>
          {GROUPS.map((g) => {
            const list = r.checks.filter((c) => c.id.startsWith(`${g}.`));
            return list.length === 0 ? null : (
              <section>
                <h2>{t(`scan.group.${g}` as MessageKey)}</h2>
                {list.map((c) => (
                  <CheckItem ctx={p.ctx} c={c} />
                ))}
              </section>
            );
          })}
          <div class="actions">
            <a class="button secondary" href={`/${locale}/scan/${s.id}/report.pdf`}>
              {t('scan.pdf')}
            </a>
            <a href={`/${locale}/scan`}>{t('scan.again')}</a>
          </div>
        </>
      ) : null}
    </Layout>
  );
}

export function scanRoutes(deps: AppDeps, messages: ScanMessages) {
  const presented = new PresentedScans(messages);
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/scan', { config: { access: PUBLIC } }, async (request, reply) => sendPage(reply, <ScanForm ctx={pageCtx(request)} />));

    app.post('/:lang/scan', { config: { access: PUBLIC } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const body = z.object({ domain: z.string().max(253) }).safeParse(request.body);
      const value = body.success ? body.data.domain : '';
      const r = await requestScan(deps, value, { user: request.user, ip: request.ip });
      if (!r.ok) {
        const message = r.error === 'rate_limited' ? request.t('error.rate_limited') : request.t('scan.error.domain');
        return sendPage(reply, <ScanForm ctx={ctx} value={value} error={message} />, r.error === 'rate_limited' ? 429 : 400);
      }
      return reply.redirect(`/${ctx.locale}/scan/${r.scanId}`, 303);
    });

    app.get('/:lang/scan/:scanId/report.pdf', { config: { access: PUBLIC } }, async (request, reply) => {
      const id = (request.params as { scanId: string }).scanId;
      const scan = /^[0-9a-f-]{36}$/.test(id) ? await presented.get(deps.db, id, request.locale) : undefined;
      if (!scan?.result) return reply.callNotFound();
      const t = request.t;
      const item = (c: PresentedCheck) => ({ title: c.title, criterion: `${c.explanation} ${c.fix}`.trim(), status: `${t(`scan.status.${c.status}` as MessageKey)} · ${t(`scan.who.${c.who}` as MessageKey)}` });
      const toFix = scan.result.checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error');
      const fine = scan.result.checks.filter((c) => c.status === 'pass' || c.status === 'info');
      const pdf = await renderChecklistPdf({
        lang: request.locale,
        title: `${t('scan.report_title')} ${scan.domain}`,
        subtitle: `${t('scan.grade')}: ${scan.result.grade} (${scan.result.score}/100) — ${dateTimeFormat(`${request.locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date(scan.result.startedAt))}`,
        generatedLabel: t('scan.method', { version: scan.result.algorithmVersion, seconds: Math.max(1, Math.round(scan.result.durationMs / 1000)) }),
        footer: t('scan.pdf_footer'),
        intro: t('scan.pdf_intro'),
        sections: [
          { heading: t('scan.pdf_to_fix'), emptyText: t('doc.checklist.empty'), items: toFix.map(item) },
          { heading: t('scan.pdf_fine'), emptyText: t('doc.checklist.empty'), items: fine.map(item) },
        ],
        signatureLabel: t('doc.checklist.signature'),
      });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="schild-scan-${scan.domain}.pdf"`).send(pdf);
    });

    app.get('/:lang/scan/:scanId', { config: { access: PUBLIC } }, async (request, reply) => {
      const id = (request.params as { scanId: string }).scanId;
      const scan = /^[0-9a-f-]{36}$/.test(id) ? await presented.get(deps.db, id, request.locale) : undefined;
      if (!scan) return reply.callNotFound();
      return sendPage(reply, <ScanPage ctx={pageCtx(request)} scan={scan} />);
    });
  };
}
