/**
 * What happens when a scan's capture is complete: analyse, store, and for a company's watched domain compare with
 * the last scan, e-mail owners and admins about what got worse, and plan the next scan. The scan job calls it after a
 * live capture; `schild demo` calls it with a prepared snapshot.
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
import { planNextMonitorScan, recordMonitorResult } from './domains.ts';
import { queueMail } from './mail.ts';

/** `scheduleNext: false` stores a result without planning the next monitoring scan (the demo's prepared scans). */
export async function storeScanResult(
  deps: AppDeps,
  scan: { id: string; domain: string; company_id: string | null },
  snapshot: Snapshot,
  started: Date,
  opts: { scheduleNext?: boolean } = {},
): Promise<void> {
  const analysis = analyze(snapshot, deps.clock.now());
  const fingerprint = fingerprintOf(snapshot, analysis.checks);
  const finished = deps.clock.now();
  await updateScan(deps.db, scan.id, {
    status: 'done',
    progress: 100,
    step: null,
    algorithm_version: analysis.algorithmVersion,
    grade: analysis.grade,
    result: JSON.stringify({ ...analysis, startedAt: started.toISOString(), durationMs: finished.getTime() - started.getTime() }),
    finished_at: finished.toISOString(),
    fingerprint: JSON.stringify(fingerprint),
  });
  if (scan.company_id) await afterMonitorScan(deps, scan.company_id, scan.domain, scan.id, fingerprint, opts.scheduleNext ?? true);
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

/** Monitoring: compare with the previous scan, e-mail owners and admins about what got worse, plan the next scan. */
async function afterMonitorScan(deps: AppDeps, companyId: string, domain: string, scanId: string, fingerprint: ReturnType<typeof fingerprintOf>, scheduleNext: boolean): Promise<void> {
  const { changes, domainRow } = await recordMonitorResult(deps, companyId, domain, scanId, fingerprint);
  if (!domainRow?.verified_at) return;
  const company = await findCompany(deps.db, companyId);
  if (!company) return;
  if (changes.length > 0) {
    const lang = company.language;
    const list = changes.map((c) => `- ${describeChange(lang, c, domain)}`).join('\n');
    for (const m of (await listMembers(deps.db, companyId)).filter((x) => x.role !== 'member')) {
      await queueMail(deps, deps.db, m.email, lang, {
        subject: 'mail.domain_alert.subject',
        intro: 'mail.domain_alert.intro',
        action: { label: 'mail.domain_alert.action', url: `${deps.config.baseUrl}/${lang}/scan/${scanId}` },
        outro: 'mail.domain_alert.outro',
        params: { domain, changes: list, company: company.name },
      });
    }
  }
  if (scheduleNext) await planNextMonitorScan(deps, companyId, domain);
}
