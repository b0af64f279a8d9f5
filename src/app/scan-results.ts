/**
 * What happens when a scan's capture is complete: analyse, store, and for a company's watched domain compare with
 * the last scan and e-mail owners and admins about what got worse (the next scan is planned before a scan runs, in
 * the scan job). The scan job calls it after a live capture; `schild demo` calls it with a prepared snapshot.
 */
import { loadContent } from '../adapters/content.ts';
import type { Locale } from '../core/locale.ts';
import { analyze } from '../core/scan/grading.ts';
import { describeOutcome } from '../core/scan/messages.ts';
import { fingerprintOf, type Change } from '../core/scan/monitor.ts';
import type { Snapshot } from '../core/scan/snapshot.ts';
import { findCompany, listMembers } from '../db/repositories/company.repository.ts';
import { updateScan } from '../db/repositories/scan.repository.ts';
import { translate } from '../i18n/index.ts';
import type { AppDeps } from './deps.ts';
import { recordMonitorResult } from './domains.ts';
import { queueMail } from './mail.ts';
import { transact } from '../db/transaction.ts';
import type { Conn } from '../db/repositories/types.ts';

/**
 * Stores a finished scan in one transaction: its result, and for a company's verified domain the new fingerprint and
 * the alert mails about what got worse. Before 2026-12-07 these were separate writes: a process killed between them,
 * or a failed mail insert, left the fingerprint moved on without its alert, so that change was never reported (issue
 * 13: "no lost report"). Now either all of it is kept or none, and the scan job marks the scan failed; the next daily
 * scan (planned before this one ran, domains.ts `continueMonitoring`) compares with the old fingerprint and alerts
 * then. Each alert carries an idempotency key (scan and recipient), so it is queued once however the work is retried.
 * Returns the grade stored.
 */
export async function storeScanResult(deps: AppDeps, scan: { id: string; domain: string; company_id: string | null }, snapshot: Snapshot, started: Date): Promise<string> {
  const analysis = analyze(snapshot, deps.clock.now());
  const fingerprint = fingerprintOf(snapshot, analysis.checks);
  const finished = deps.clock.now();
  const alerts = await transact(deps.db, async (trx) => {
    await updateScan(trx, scan.id, {
      status: 'done',
      progress: 100,
      step: null,
      algorithm_version: analysis.algorithmVersion,
      grade: analysis.grade,
      result: JSON.stringify({ ...analysis, startedAt: started.toISOString(), durationMs: finished.getTime() - started.getTime() }),
      finished_at: finished.toISOString(),
      fingerprint: JSON.stringify(fingerprint),
    });
    return scan.company_id ? alertOnChanges(deps, trx, scan.company_id, scan.domain, scan.id, fingerprint) : 0;
  });
  if (alerts > 0) deps.kickWorker();
  return analysis.grade;
}

function describeChange(lang: Locale, c: Change, domain: string): string {
  const messages = loadContent().scanMessages;
  switch (c.kind) {
    case 'worse': {
      const title = describeOutcome(messages, { id: c.checkId, messageKey: `${c.checkId}.ok`, params: {} }, lang, domain).title;
      return translate(lang, 'monitor.change.worse', { check: title, from: translate(lang, `scan.status.${c.from}` as never), to: translate(lang, `scan.status.${c.to}` as never) });
    }
    case 'cert_expiring':
      return translate(lang, 'monitor.change.cert_expiring', { days: c.days });
    case 'records':
      return translate(lang, 'monitor.change.records', { record: c.record.toUpperCase() });
    case 'lookalike':
      return translate(lang, 'monitor.change.lookalike', { lookalike: c.domain });
  }
}

/** Monitoring: compare with the previous scan and queue a mail to owners and admins about what got worse; returns how many. */
async function alertOnChanges(deps: AppDeps, conn: Conn, companyId: string, domain: string, scanId: string, fingerprint: ReturnType<typeof fingerprintOf>): Promise<number> {
  const { changes, domainRow } = await recordMonitorResult(deps, conn, companyId, domain, scanId, fingerprint);
  if (!domainRow?.verified_at || changes.length === 0) return 0;
  const company = await findCompany(conn, companyId);
  if (!company) return 0;
  const lang = company.language;
  const list = changes.map((c) => `- ${describeChange(lang, c, domain)}`).join('\n');
  const recipients = (await listMembers(conn, companyId)).filter((x) => x.role !== 'member');
  for (const m of recipients) {
    await queueMail(
      deps,
      conn,
      m.email,
      lang,
      {
        subject: 'mail.domain_alert.subject',
        intro: 'mail.domain_alert.intro',
        action: { label: 'mail.domain_alert.action', url: `${deps.config.baseUrl}/${lang}/scan/${scanId}` },
        outro: 'mail.domain_alert.outro',
        params: { domain, changes: list, company: company.name },
      },
      undefined,
      `domain-alert:${scanId}:${m.email.toLowerCase()}`,
    );
  }
  return recipients.length;
}
