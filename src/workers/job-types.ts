import type { AppDeps } from '../app/deps.ts';

/** Which attempt of its job a run is: a thrown error is retried while `attempt < maxAttempts` (src/workers/runner.ts). */
export interface JobAttempt {
  attempt: number;
  maxAttempts: number;
  /**
   * Renews this run's lease (JOB_LEASE_SECONDS) before a step that must not happen twice; false when the lease had
   * run out and another worker has taken the job over, and this run must stop without doing it.
   */
  renew?: () => Promise<boolean>;
}

/** One kind of background work: `perform` runs it; a thrown error means "try again later" (with backoff). */
export interface JobType {
  name: string;
  perform(deps: AppDeps, payload: unknown, attempt?: JobAttempt): Promise<void>;
}

/** Exponential backoff with a cap: 10 s, 20 s, 40 s … at most one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
