/**
 * Sends a campaign's simulated mails in small runs: claim a batch → send each over one SMTP connection → mark it
 * sent as soon as the server accepted it. The job reschedules itself for the next slot (rate, window) instead of
 * sleeping. A crash never leads to a second copy: each mail is marked 'sending' before its SMTP transaction and a mail
 * left 'sending' is settled, not resent (at most once; docs/operations.md "Crashes and duplicates", which supersedes
 * the "at most one duplicate per crash" of docs/decisions/0005-phishing-exactly-once.md).
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../core/locale.ts';
import { renderSimulation } from '../core/phishing/render.ts';
import { nextSendTime, pauseAfterBatch, type SendingWindow } from '../core/phishing/schedule.ts';
import { loadContent } from '../adapters/content.ts';
import { simulationTransport, type SimulationTransport } from '../adapters/phishing-mailer.ts';
import { qrPng } from '../adapters/qr.ts';
import { findCompany } from '../db/repositories/company.repository.ts';
import { enqueueSingletonJob } from '../db/repositories/job.repository.ts';
import {
  campaignProgress,
  claimRecipients,
  findCampaignById,
  markRecipientFailed,
  markRecipientSent,
  markRecipientSending,
  releaseSending,
  releaseClaims,
  setCampaignStatus,
  settleInterruptedSends,
} from '../db/repositories/phishing-campaign.repository.ts';
import type { AppDeps } from './deps.ts';
import { campaignJobKey, PHISHING_CAMPAIGN_JOB } from './phishing-campaigns.ts';
import { recipientToken } from './phishing-token.ts';
import { countPhishing } from './work-counts.ts';

/** The default claim lease; runs use the configured job lease (JOB_LEASE_SECONDS), longer than a batch takes to send. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** At most this many recipients per run, so a run is short and a cancel takes effect quickly. */
export const MAX_BATCH = 50;

let transport: { url: string; t: SimulationTransport } | undefined;
function transportFor(url: string): SimulationTransport {
  if (!transport || transport.url !== url) {
    transport?.t.close();
    transport = { url, t: simulationTransport(url) };
  }
  return transport.t;
}

/** The stable Message-ID of a recipient's mail (RFC 5322 §3.6.4), the same on every attempt. */
export function messageIdFor(recipientId: string, fromDomain: string): string {
  return `<${recipientId}@${fromDomain}>`;
}

export async function runCampaignBatch(deps: AppDeps, campaignId: string): Promise<void> {
  const campaign = await findCampaignById(deps.db, campaignId);
  if (!campaign || campaign.status === 'cancelled' || campaign.status === 'sent') return;
  const company = await findCompany(deps.db, campaign.company_id);
  const template = loadContent().phishing.templates.get(campaign.template_id);
  if (!company || !template) throw new Error(`campaign ${campaignId}: company or template ${campaign.template_id} is missing`);
  const window: SendingWindow = { startsAt: campaign.starts_at, windowStart: campaign.window_start, windowEnd: campaign.window_end, weekdaysOnly: campaign.weekdays_only === 1 };
  const reschedule = async (at: Date) => {
    // One chain of runs per campaign: a run that died after planning its successor (or a second run reclaimed after
    // its lease) does not start a second chain; the unique singleton key decides, not a read-then-insert.
    await enqueueSingletonJob(deps.db, { type: PHISHING_CAMPAIGN_JOB, payload: { campaignId }, runAt: at, maxAttempts: 20, singletonKey: campaignJobKey(campaignId) }, deps.clock.now());
  };

  const now = deps.clock.now();
  const slot = nextSendTime(now, window);
  if (slot.getTime() > now.getTime()) return reschedule(slot);
  if (!deps.config.phishing.smtpUrl) throw new Error('phishing mail needs PHISHING_SMTP_URL or SMTP_URL');
  if (campaign.status === 'scheduled') await setCampaignStatus(deps.db, campaignId, 'sending', { from: ['scheduled'] });

  const leaseMs = deps.config.jobLeaseMs;
  const fromDomain = deps.config.phishing.fromDomain;
  countPhishing('unknown', await settleInterruptedSends(deps.db, campaignId, now, leaseMs, (id) => messageIdFor(id, fromDomain)));
  const claimId = randomUUID();
  const batch = await claimRecipients(deps.db, deps.dialect, campaignId, claimId, now, leaseMs, Math.min(MAX_BATCH, campaign.rate_per_minute));
  if (batch.length === 0) {
    const p = (await campaignProgress(deps.db, [campaignId])).get(campaignId)!;
    // Claims held by a run that may still be alive: look again after their lease.
    if (p.claimed > 0) return reschedule(new Date(now.getTime() + leaseMs));
    await setCampaignStatus(deps.db, campaignId, 'sent', { from: ['sending', 'scheduled'], sentAt: now.toISOString() });
    return;
  }

  const mailer = transportFor(deps.config.phishing.smtpUrl);
  try {
    for (const r of batch) {
      if (!r.email) {
        await markRecipientFailed(deps.db, r.id, claimId);
        countPhishing('failed');
        continue;
      }
      const token = recipientToken(deps.config.sessionSecret, r.id);
      const link = `${deps.config.baseUrl}/p/${token}`;
      const mail = renderSimulation({
        template,
        lang: r.language as Locale,
        person: { email: r.email, displayName: r.displayName },
        company: { name: company.name },
        link,
        pixelUrl: `${link}/pixel.gif`,
        ...(template.qr ? { qrPng: await qrPng(link) } : {}),
      });
      const messageId = messageIdFor(r.id, fromDomain);
      // Recorded before the SMTP transaction: after a crash this mail is settled, never sent a second time.
      if (!(await markRecipientSending(deps.db, r.id, claimId))) continue;
      const outcome = await mailer.send({
        from: { name: mail.senderName, address: `${mail.senderLocal}@${fromDomain}` },
        to: r.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { 'X-Schild-Simulation': token },
        attachments: mail.attachments,
      });
      if (outcome.ok) {
        await markRecipientSent(deps.db, r.id, campaignId, claimId, messageId, deps.clock.now().toISOString());
        countPhishing('sent');
      } else if (outcome.permanent) {
        await markRecipientFailed(deps.db, r.id, claimId);
        countPhishing('failed');
      } else {
        // The server answered with a temporary refusal or the connection failed: this process is alive and saw the
        // failure, so the mail goes back with the rest of the batch.
        await releaseSending(deps.db, r.id, claimId);
        countPhishing('retry');
        throw new Error(`SMTP: ${outcome.error}`);
      }
    }
  } catch (err) {
    await releaseClaims(deps.db, claimId);
    throw err;
  }
  const started = now.getTime();
  await reschedule(new Date(Math.max(deps.clock.now().getTime(), started + pauseAfterBatch(batch.length, campaign.rate_per_minute))));
}
