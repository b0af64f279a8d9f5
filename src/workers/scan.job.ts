import { z } from 'zod';
import { analyze } from '../core/scan/grading.ts';
import { ALL_CHECKS } from '../core/scan/registry.ts';
import { storeScanResult } from '../app/scan-results.ts';
import { continueMonitoring } from '../app/domains.ts';
import { retrieve } from '../adapters/scan/retriever.ts';
import type { AppDeps } from '../app/deps.ts';
import { SCAN_JOB, scannerOptions } from '../app/scans.ts';
import { findScan, updateScan } from '../db/repositories/scan.repository.ts';
import { countScan } from '../app/work-counts.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ scanId: z.string() });

/**
 * Runs one scan: captures the domain (with progress in the database), analyses it, stores the result. A scan that
 * fails is marked failed and its job still ends done (running it again would not help); schild_scans_total tells it.
 */
export const scanJob: JobType = {
  name: SCAN_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    const { scanId } = Payload.parse(payload);
    const scan = await findScan(deps.db, scanId);
    if (!scan) return;
    // The next daily scan of a watched domain is planned first, whatever happens to this one (domains.ts).
    if (scan.company_id) await continueMonitoring(deps, scan.company_id, scan.domain);
    if (scan.status === 'done') return;
    const started = deps.clock.now();
    await updateScan(deps.db, scanId, { status: 'running', started_at: started.toISOString(), progress: 5, step: 'dns' });
    // Progress and partial results are written in order, and all before the final result (a pool may reorder them).
    let writes: Promise<void> = Promise.resolve();
    const write = (patch: Parameters<typeof updateScan>[2]) => {
      writes = writes.then(() => updateScan(deps.db, scanId, patch)).catch(() => undefined);
    };
    let grade: string;
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
      grade = await storeScanResult(deps, scan, snapshot, started);
    } catch (err) {
      await writes;
      await updateScan(deps.db, scanId, { status: 'failed', error: (err as Error).message.slice(0, 500), finished_at: deps.clock.now().toISOString() });
      countScan('failed');
      return;
    }
    countScan('done', grade);
  },
};
