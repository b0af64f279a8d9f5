import { z } from 'zod';
import { analyze } from '../core/scan/grading.ts';
import { ALL_CHECKS } from '../core/scan/registry.ts';
import { fingerprintOf, type Change } from '../core/scan/monitor.ts';
import { MONITOR_INTERVAL_HOURS, recordMonitorResult, scheduleMonitorScan } from '../app/domains.ts';
import { queueMail } from '../app/mail.ts';
import { findCompany, listMembers } from '../db/repositories/company.repository.ts';
import { loadContent } from '../adapters/content.ts';
import { describeOutcome } from '../core/scan/messages.ts';
import { translate } from '../i18n/index.ts';
import type { Locale } from '../core/locale.ts';
import { retrieve } from '../adapters/scan/retriever.ts';
import type { AppDeps } from '../app/deps.ts';
import { SCAN_JOB, scannerOptions } from '../app/scans.ts';
import { findScan, updateScan } from '../db/repositories/scan.repository.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ scanId: z.string() });

/** Runs one scan: captures the domain (with progress in the database), analyses it, stores the result. */
export const scanJob: JobType = {
  name: SCAN_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    const { scanId } = Payload.parse(payload);
    const scan = await findScan(deps.db, scanId);
    if (!scan || scan.status === 'done') return;
    const started = deps.clock.now();
    await updateScan(deps.db, scanId, { status: 'running', started_at: started.toISOString(), progress: 5, step: 'dns' });
    // Progress and partial results are written in order, and all before the final result (a pool may reorder them).
    let writes: Promise<void> = Promise.resolve();
    const write = (patch: Parameters<typeof updateScan>[2]) => {
      writes = writes.then(() => updateScan(deps.db, scanId, patch)).catch(() => undefined);
    };
    try {
      const snapshot = await retrieve(scan.domain, {
        ...scannerOptions(deps.config),
        now: () => deps.clock.now(),
        onProgress: (step, done, total) => {
          write({ progress: Math.round((100 * done) / (total + 1)), step });
        },
        // Results as they arrive: the checks of each finished part are analysed and shown while the scan goes on.
        onPartial: (partialSnapshot, stepsDone) => {
          const checks = ALL_CHECKS.filter((c) => stepsDone.includes(c.id.split('.')[0]!));
          const partialAnalysis = analyze(partialSnapshot, deps.clock.now(), checks);
          write({ result: JSON.stringify({ ...partialAnalysis, partial: true, startedAt: started.toISOString(), durationMs: deps.clock.now().getTime() - started.getTime() }) });
        },
      });
      await writes;
      const analysis = analyze(snapshot, deps.clock.now());
      const fingerprint = fingerprintOf(snapshot, analysis.checks);
      const finished = deps.clock.now();
      await updateScan(deps.db, scanId, {
        status: 'done',
        progress: 100,
        step: null,
        algorithm_version: analysis.algorithmVersion,
        grade: analysis.grade,
        result: JSON.stringify({ ...analysis, startedAt: started.toISOString(), durationMs: finished.getTime() - started.getTime() }),
        finished_at: finished.toISOString(),
        fingerprint: JSON.stringify(fingerprint),
      });
      if (scan.company_id) await afterMonitorScan(deps, scan.company_id, scan.domain, scanId, fingerprint);
    } catch (err) {
      await writes;
      await updateScan(deps.db, scanId, { status: 'failed', error: (err as Error).message.slice(0, 500), finished_at: deps.clock.now().toISOString() });
    }
  },
};

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
async function afterMonitorScan(deps: AppDeps, companyId: string, domain: string, scanId: string, fingerprint: ReturnType<typeof fingerprintOf>): Promise<void> {
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
  await scheduleMonitorScan(deps, companyId, domain, new Date(deps.clock.now().getTime() + MONITOR_INTERVAL_HOURS * 3_600_000));
}
