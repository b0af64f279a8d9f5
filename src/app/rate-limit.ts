import { hitCounter, releaseCounter, resetCounter } from '../db/repositories/rate-limit.repository.ts';
import type { AppDeps } from './deps.ts';

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Counts one attempt against each limit; returns the seconds to wait when any limit is exceeded. The count is
 * taken before the work it guards, in one atomic statement per limit, so parallel requests cannot all slip under
 * the limit (a check-then-count race).
 */
export async function consume(deps: AppDeps, limits: Limit[]): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const now = deps.clock.now();
  let retry = 0;
  for (const l of limits) {
    const { count, windowStart } = await hitCounter(deps.db, l.key, now, l.windowMs);
    if (count > l.max) {
      const wait = Math.ceil((new Date(windowStart).getTime() + l.windowMs - now.getTime()) / 1000);
      retry = Math.max(retry, wait, 1);
    }
  }
  return retry > 0 ? { allowed: false, retryAfterSeconds: retry } : { allowed: true };
}

/** Gives back attempts taken by consume() that turned out not to count (for example a right password). */
export async function release(deps: AppDeps, limits: Limit[]): Promise<void> {
  for (const l of limits) await releaseCounter(deps.db, l.key);
}

export async function clear(deps: AppDeps, key: string): Promise<void> {
  await resetCounter(deps.db, key);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
