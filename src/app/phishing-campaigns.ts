/** Phishing simulation campaigns: create (every recipient's domain checked), list with progress, cancel. */
import { randomUUID } from 'node:crypto';
import type { Company } from '../core/company-profile.ts';
import { fromBrusselsWallClock } from '../core/incidents/time.ts';
import { recipientRefusal } from '../core/phishing/domain-rules.ts';
import { domainOf } from '../core/phishing/people.ts';
import { nextSendTime, RATE, windowProblem, type WindowProblem } from '../core/phishing/schedule.ts';
import { loadContent } from '../adapters/content.ts';
import { enqueueSingletonJob } from '../db/repositories/job.repository.ts';
import { listPeopleInGroups } from '../db/repositories/people.repository.ts';
import { campaignProgress, findCampaign, insertCampaign, listCampaigns, setCampaignStatus, type CampaignRow, type Progress } from '../db/repositories/phishing-campaign.repository.ts';
import { audit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import { verifiedDomains } from './people.ts';
import { recipientTokenHash } from './phishing-token.ts';
import { transact } from '../db/transaction.ts';
import { HOUR, refusedByLimits } from './rate-limit.ts';

export const PHISHING_CAMPAIGN_JOB = 'phishing_campaign';
/** One waiting batch run per campaign (migration 027): the chain of runs stays one chain. */
export const campaignJobKey = (campaignId: string): string => `${PHISHING_CAMPAIGN_JOB}:${campaignId}`;
/** Per-person results are deleted after this many months (docs/privacy.md: storage limitation, GDPR Art. 5(1)(e)). */
export const RETENTION_MONTHS = 12;
/**
 * New campaigns per company (OWASP ASVS 4.0.3 §11.1.4, anti-automation; docs/operations.md): each one copies the staff
 * list into recipients and mails every one of them. A small business runs a few a year, one per group at most on a
 * busy day; 10 a day leaves room for that and for mistakes, and bounds what a hijacked account or token can send.
 */
export const CAMPAIGNS_PER_COMPANY = { max: 10, windowMs: 24 * HOUR };

export interface CampaignInput {
  name: string;
  templateId: string;
  /** Groups to include ('' = people without a group); null = everyone. */
  groups: string[] | null;
  /** ISO 8601 with offset, or a Brussels wall-clock "YYYY-MM-DDTHH:MM" (a form's datetime-local); empty = now. */
  startsAt: string;
  windowStart: string;
  windowEnd: string;
  weekdaysOnly: boolean;
  ratePerMinute: number;
}

export type CampaignField = 'name' | 'templateId' | 'groups' | 'startsAt' | 'window' | 'ratePerMinute';
export type CampaignProblem = 'required' | 'too_long' | 'unknown_template' | 'time_invalid' | 'no_recipients' | 'rate_out_of_range' | WindowProblem;

export type CreateCampaignResult =
  | { ok: true; campaign: CampaignRow }
  | { ok: false; error: 'invalid'; problems: Partial<Record<CampaignField, CampaignProblem>> }
  | { ok: false; error: 'domain_not_verified' | 'public_mailbox_domain'; addresses: string[] }
  | { ok: false; error: 'rate_limited'; retryAfterSeconds: number };

export interface Actor {
  userId: string;
  ip: string | null;
}

export function parseStart(input: string, now: Date): Date | null {
  const s = input.trim();
  if (!s) return now;
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(s);
  if (local) {
    const [y, m, d, h, min] = local.slice(1).map(Number) as [number, number, number, number, number];
    if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || min > 59) return null;
    const t = fromBrusselsWallClock(y, m, d, h, min);
    return Number.isNaN(t.getTime()) ? null : t;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const t = new Date(s);
  return Number.isNaN(t.getTime()) ? null : t;
}

export async function createCampaign(deps: AppDeps, company: Company, actor: Actor, input: CampaignInput): Promise<CreateCampaignResult> {
  const now = deps.clock.now();
  const problems: Partial<Record<CampaignField, CampaignProblem>> = {};
  const name = input.name.trim();
  if (!name) problems.name = 'required';
  else if (name.length > 120) problems.name = 'too_long';
  if (!loadContent().phishing.templates.has(input.templateId)) problems.templateId = 'unknown_template';
  const start = parseStart(input.startsAt, now);
  if (!start) problems.startsAt = 'time_invalid';
  const w = windowProblem(input.windowStart, input.windowEnd);
  if (w) problems.window = w;
  if (!Number.isInteger(input.ratePerMinute) || input.ratePerMinute < RATE.min || input.ratePerMinute > RATE.max) problems.ratePerMinute = 'rate_out_of_range';
  if (Object.keys(problems).length > 0) return { ok: false, error: 'invalid', problems };
  // Counted once the form is right (a typo costs nothing), atomically, before anything is stored or sent.
  const refused = await refusedByLimits(deps, [{ key: `phishing-campaign:${company.id}`, ...CAMPAIGNS_PER_COMPANY }]);
  if (refused) return refused;

  return transact(deps.db, async (trx): Promise<CreateCampaignResult> => {
    const people = await listPeopleInGroups(trx, company.id, input.groups);
    if (people.length === 0) return { ok: false, error: 'invalid', problems: { groups: 'no_recipients' } };
    // The domain rules are checked again for every recipient at creation: a domain may have been removed or a
    // person added before the rules changed. One refused address refuses the whole campaign.
    const domains = await verifiedDomains(trx, company.id);
    const list = loadContent().phishing.publicMailboxDomains;
    const refused = { public_mailbox_domain: [] as string[], domain_not_verified: [] as string[] };
    for (const p of people) {
      const r = recipientRefusal(p.email, domains, list);
      if (r === 'public_mailbox_domain' || r === 'domain_not_verified' || r === 'invalid_email') refused[r === 'public_mailbox_domain' ? r : 'domain_not_verified'].push(p.email);
    }
    if (refused.public_mailbox_domain.length > 0) return { ok: false, error: 'public_mailbox_domain', addresses: refused.public_mailbox_domain };
    if (refused.domain_not_verified.length > 0) return { ok: false, error: 'domain_not_verified', addresses: refused.domain_not_verified };

    const id = randomUUID();
    const purge = new Date(now);
    purge.setUTCMonth(purge.getUTCMonth() + RETENTION_MONTHS);
    const used = [...new Set(people.map((p) => domainOf(p.email)))].sort();
    const campaign: CampaignRow = {
      id,
      company_id: company.id,
      name,
      template_id: input.templateId,
      domain: used.join(' '),
      starts_at: start!.toISOString(),
      window_start: input.windowStart,
      window_end: input.windowEnd,
      weekdays_only: input.weekdaysOnly ? 1 : 0,
      rate_per_minute: input.ratePerMinute,
      status: 'scheduled',
      created_by: actor.userId,
      created_at: now.toISOString(),
      sent_at: null,
      purge_after: purge.toISOString(),
      purged_at: null,
    };
    const recipients = people.map((p) => {
      const rid = randomUUID();
      return { id: rid, personId: p.id, group: p.group, language: p.language, tokenHash: recipientTokenHash(deps.config.sessionSecret, rid) };
    });
    await insertCampaign(trx, campaign, recipients);
    const runAt = nextSendTime(now, { startsAt: campaign.starts_at, windowStart: campaign.window_start, windowEnd: campaign.window_end, weekdaysOnly: input.weekdaysOnly });
    await enqueueSingletonJob(trx, { type: PHISHING_CAMPAIGN_JOB, payload: { campaignId: id }, runAt, maxAttempts: 20, singletonKey: campaignJobKey(id) }, now);
    await audit(deps, trx, { type: 'phishing.campaign_created', companyId: company.id, userId: actor.userId, ip: actor.ip, detail: { campaignId: id, template: input.templateId, recipients: recipients.length } });
    return { ok: true, campaign };
  }).then((r) => {
    if (r.ok) deps.kickWorker();
    return r;
  });
}

export interface CampaignView {
  campaign: CampaignRow;
  progress: Progress;
}

export async function campaignsOf(deps: AppDeps, companyId: string): Promise<CampaignView[]> {
  const rows = await listCampaigns(deps.db, companyId);
  const progress = await campaignProgress(deps.db, rows.map((r) => r.id));
  return rows.map((campaign) => ({ campaign, progress: progress.get(campaign.id)! }));
}

export async function campaignOf(deps: AppDeps, companyId: string, id: string): Promise<CampaignView | undefined> {
  const campaign = await findCampaign(deps.db, companyId, id);
  if (!campaign) return undefined;
  return { campaign, progress: (await campaignProgress(deps.db, [id])).get(id)! };
}

/** Stops a scheduled or sending campaign: mails not yet sent stay unsent. */
export async function cancelCampaign(deps: AppDeps, companyId: string, id: string, actor: Actor): Promise<'cancelled' | 'not_found' | 'not_running'> {
  const campaign = await findCampaign(deps.db, companyId, id);
  if (!campaign) return 'not_found';
  const changed = await setCampaignStatus(deps.db, id, 'cancelled', { from: ['scheduled', 'sending'] });
  if (!changed) return 'not_running';
  await audit(deps, deps.db, { type: 'phishing.campaign_cancelled', companyId, userId: actor.userId, ip: actor.ip, detail: { campaignId: id } });
  return 'cancelled';
}
