/**
 * What happens when a recipient of a simulated phishing mail opens it, clicks, submits the landing form or opens the
 * lesson. Only the fact and its time are kept, never a typed value nor the client's address (docs/phishing.md).
 * Machine requests (mail scanners, previews) become `scanner` events with a reason and never set a person's times.
 */
import { sha256 } from '../adapters/crypto.ts';
import { classifyRequest, type CapturedRequest, type ScannerMatcher } from '../core/phishing/scanner-filter.ts';
import { deleteUnconfirmedClick, findRecipientByTokenHash, hasEvent, insertEvent, setFirstEvent, type TrackedRecipient } from '../db/repositories/phishing-tracking.repository.ts';
import type { AppDeps } from './deps.ts';
import { consume, HOUR } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

/** The shared contract: first 22 characters of base64url(HMAC-SHA256(secret, 'phishing-recipient:' + id)). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export async function findTrackedRecipient(deps: AppDeps, token: string): Promise<TrackedRecipient | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  return findRecipientByTokenHash(deps.db, sha256(token));
}

/**
 * A campaign that was cancelled, or whose retention date has come, records nothing more; its pages still teach
 * (as GoPhish ignores events on completed campaigns).
 */
export function stillRecording(r: TrackedRecipient, now: Date): boolean {
  return r.campaignStatus !== 'cancelled' && r.purgedAt === null && Date.parse(r.purgeAfter) > now.getTime();
}

/**
 * Every tracked request can add a row (a page load without its stylesheet, a submit, a scanner's fetch). A link that is
 * forwarded, replayed or hammered must not fill the table: per recipient, at most this many requests an hour are
 * recorded; beyond, the pages still answer and teach, and nothing is written but the counter, which is updated in
 * place (OWASP ASVS 4.0.3 §11.1.4: anti-automation on business functions). Far above what a person and their mail
 * scanner do with one mail: a scanner's few fetches, an open per reading, one landing, its stylesheet, a submit.
 */
export const TRACKED_PER_RECIPIENT = { max: 50, windowMs: HOUR } as const;

export type Step = 'open' | 'landing' | 'asset' | 'submit' | 'lesson';
export type Outcome = 'ignored' | 'scanner' | 'recorded' | 'unconfirmed';

function verdictFor(deps: AppDeps, r: TrackedRecipient, req: CapturedRequest, scanners: ScannerMatcher) {
  return classifyRequest(req, r.sentAt ? new Date(r.sentAt) : null, deps.config.phishingScannerDelaySeconds, scanners);
}

/**
 * One request on a tracking route. The landing page load alone is not yet a click: it is kept as an unconfirmed click
 * (`scanner` / `no_assets`) until the page's stylesheet, which carries the token, is fetched; then it becomes the click.
 * A submit is always a click as well.
 */
export async function track(deps: AppDeps, r: TrackedRecipient, step: Step, req: CapturedRequest, scanners: ScannerMatcher): Promise<Outcome> {
  const now = req.now;
  if (!stillRecording(r, now)) return 'ignored';
  if (!(await consume(deps, [{ key: `ptrack:${r.id}`, ...TRACKED_PER_RECIPIENT }])).allowed) return 'ignored';
  const verdict = verdictFor(deps, r, req, scanners);
  const base = { campaignId: r.campaignId, recipientId: r.id, at: now };
  return transact(deps.db, async (trx): Promise<Outcome> => {
    if (verdict.machine) {
      await insertEvent(trx, { ...base, kind: 'scanner', reason: verdict.reason });
      return 'scanner';
    }
    switch (step) {
      case 'open':
        if (await setFirstEvent(trx, r.id, 'opened_at', now)) await insertEvent(trx, { ...base, kind: 'opened', reason: null });
        return 'recorded';
      case 'landing':
        await insertEvent(trx, { ...base, kind: 'scanner', reason: 'no_assets' });
        return 'unconfirmed';
      case 'asset': {
        // Only a page load followed by its stylesheet is a click; a stylesheet fetched on its own is not.
        if (!(await deleteUnconfirmedClick(trx, r.id))) return 'ignored';
        await insertEvent(trx, { ...base, kind: 'clicked', reason: null });
        await setFirstEvent(trx, r.id, 'clicked_at', now);
        return 'recorded';
      }
      case 'submit':
        await setFirstEvent(trx, r.id, 'clicked_at', now);
        await insertEvent(trx, { ...base, kind: 'submitted', reason: null });
        await setFirstEvent(trx, r.id, 'submitted_at', now);
        return 'recorded';
      case 'lesson':
        // Counted once per recipient: a lesson opened, not page views.
        if (await hasEvent(trx, r.id, 'lesson')) return 'ignored';
        await insertEvent(trx, { ...base, kind: 'lesson', reason: null });
        return 'recorded';
    }
  });
}
