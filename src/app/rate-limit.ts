import { hitCounter, peekCounter, resetCounter } from '../db/repositories/rate-limit.repository.ts';
import type { AppDeps } from './deps.ts';

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/** Counts one attempt against each limit; returns the seconds to wait when any limit is exceeded. */
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

/** Like consume, but only looks: used to refuse before doing expensive work (password hashing). */
export async function isBlocked(deps: AppDeps, limits: Limit[]): Promise<number> {
  const now = deps.clock.now();
  for (const l of limits) {
    if ((await peekCounter(deps.db, l.key, now, l.windowMs)) >= l.max) return Math.ceil(l.windowMs / 1000);
  }
  return 0;
}

export async function clear(deps: AppDeps, key: string): Promise<void> {
  await resetCounter(deps.db, key);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
