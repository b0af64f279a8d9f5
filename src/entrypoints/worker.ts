/** `schild worker`: a process that only runs background jobs. */
import { startWorker } from '../workers/runner.ts';
import { bootstrap } from './bootstrap.ts';
import { ensureNudgeSchedule } from '../app/training.ts';
import { ensurePhishingRetentionJob } from '../app/phishing-retention.ts';
import { ensureStatsRefreshPlanned } from '../app/statistics.ts';

export async function runWorkerProcess(): Promise<void> {
  const runtime = await bootstrap();
  await ensureNudgeSchedule(runtime.deps);
  await ensurePhishingRetentionJob(runtime.deps);
  const worker = startWorker(runtime.deps, { pollMs: 1000 });
  runtime.deps.log.info({ worker: worker.id, database: runtime.deps.dialect }, 'worker started');
  // The periodic statistics refresh: planned once, however many workers start (docs/statistics.md).
  await ensureStatsRefreshPlanned(runtime.deps);
  const shutdown = async () => {
    await worker.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
