import { z } from 'zod';
import { analyze } from '../core/scan/grading.ts';
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
    try {
      const snapshot = await retrieve(scan.domain, {
        ...scannerOptions(deps.config),
        now: () => deps.clock.now(),
        onProgress: (step, done, total) => {
          void updateScan(deps.db, scanId, { progress: Math.round((100 * done) / (total + 1)), step });
        },
      });
      const analysis = analyze(snapshot, deps.clock.now());
      const finished = deps.clock.now();
      await updateScan(deps.db, scanId, {
        status: 'done',
        progress: 100,
        step: null,
        algorithm_version: analysis.algorithmVersion,
        grade: analysis.grade,
        result: JSON.stringify({ ...analysis, startedAt: started.toISOString(), durationMs: finished.getTime() - started.getTime() }),
        finished_at: finished.toISOString(),
      });
    } catch (err) {
      await updateScan(deps.db, scanId, { status: 'failed', error: (err as Error).message.slice(0, 500), finished_at: deps.clock.now().toISOString() });
    }
  },
};
