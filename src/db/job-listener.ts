/**
 * PostgreSQL LISTEN for the job queue (issue 13: "wake workers with LISTEN/NOTIFY instead of polling"). A worker
 * keeps one connection of its own listening on the jobs channel; whoever enqueues a job due now sends NOTIFY after
 * committing (deps.kickWorker), and every worker tries to claim at once. Claiming stays FOR UPDATE SKIP LOCKED, so a
 * wake-up never runs a job twice; polling stays as the fallback for jobs due later and for a lost connection.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { JOB_CHANNEL } from './repositories/job.repository.ts';

export interface JobListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listenForJobs(url: string, onWake: () => void, log: Pick<Logger, 'warn'>, retryMs = 1000): JobListener {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    const retry = (err?: unknown) => {
      if (closed || client !== c) return;
      client = undefined;
      if (err) log.warn({ err }, 'job wake-up connection lost; polling until it is back');
      void c.end().catch(() => undefined);
      timer = setTimeout(() => void connect(), retryMs);
      timer.unref?.();
    };
    c.on('error', retry);
    c.on('end', () => retry());
    c.on('notification', (msg) => {
      if (msg.channel === JOB_CHANNEL) onWake();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${JOB_CHANNEL}`);
      markReady();
      // Jobs enqueued while no one listened: look once now.
      onWake();
    } catch (err) {
      retry(err);
    }
  };
  void connect();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
