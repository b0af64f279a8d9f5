/**
 * Lays down a phishing campaign as it stands after sending, through the same repositories and token as a real one
 * (people.repository, phishing-campaign.repository, phishing-token.ts): the people not yet listed, the campaign, one
 * recipient per person, then each recipient claimed and marked sent at its own time as the sending job does (a `delivered` event
 * each). Used by `schild demo` and by tests that need sent mail at chosen times; real campaigns are made by
 * createCampaign and sent by the phishing-campaign job.
 */
import { randomUUID } from 'node:crypto';
import { addMonthsBrussels } from '../core/incidents/time.ts';
import { normaliseEmail } from '../core/phishing/domain-rules.ts';
import { insertPeople, listPeople, type Person } from '../db/repositories/people.repository.ts';
import { claimRecipients, insertCampaign, markRecipientSent, releaseClaims } from '../db/repositories/phishing-campaign.repository.ts';
import type { AppDeps } from './deps.ts';
import { recipientToken, recipientTokenHash } from './phishing-token.ts';

export interface SeedPerson {
  email: string;
  name: string | null;
  language: 'nl' | 'fr' | 'de' | 'en';
  group?: string;
  /** When the mail was sent; the campaign's start when left out; null for a mail not sent yet. */
  sentAt?: Date | null;
}

export interface SeededCampaign {
  campaignId: string;
  recipients: { id: string; personId: string; token: string; email: string }[];
}

export async function seedSentCampaign(
  deps: AppDeps,
  c: { companyId: string; createdBy: string; name: string; templateId: string; domain: string; startsAt: Date; status?: 'scheduled' | 'sending' | 'sent' | 'cancelled'; people: SeedPerson[] },
): Promise<SeededCampaign> {
  const db = deps.db;
  const now = deps.clock.now();
  // People already on the staff list (same address) are reused, as a second real campaign to the same staff would.
  const listed = new Map((await listPeople(db, c.companyId)).map((p) => [p.email, p]));
  const people: Person[] = c.people.map((p, i) => {
    const email = normaliseEmail(p.email) ?? p.email;
    const known = listed.get(email);
    if (known) return known;
    const id = randomUUID();
    return { id, companyId: c.companyId, email, displayName: p.name, language: p.language, group: p.group ?? '', pseudonym: `P-${String(listed.size + i + 1).padStart(3, '0')}-${id.slice(0, 4)}`, createdAt: now.toISOString() };
  });
  await insertPeople(
    db,
    people.filter((p) => !listed.has(p.email)),
  );
  const campaignId = randomUUID();
  const recipients = people.map((p) => ({ id: randomUUID(), personId: p.id, group: p.group, language: p.language, tokenHash: '' }));
  for (const r of recipients) r.tokenHash = recipientTokenHash(deps.config.sessionSecret, r.id);
  await insertCampaign(
    db,
    {
      id: campaignId,
      company_id: c.companyId,
      name: c.name,
      template_id: c.templateId,
      domain: c.domain,
      starts_at: c.startsAt.toISOString(),
      window_start: '09:00',
      window_end: '17:00',
      weekdays_only: 1,
      rate_per_minute: 60,
      status: c.status ?? 'sent',
      created_by: c.createdBy,
      created_at: c.startsAt.toISOString(),
      sent_at: c.startsAt.toISOString(),
      purge_after: addMonthsBrussels(c.startsAt, deps.config.phishingRetentionMonths).toISOString(),
      purged_at: null,
    },
    recipients,
  );
  // Sent as the job does it: claim, then mark each one sent (with its delivered event) at the chosen time.
  const claimId = randomUUID();
  await claimRecipients(db, deps.dialect, campaignId, claimId, now, 60_000, recipients.length);
  for (const [i, r] of recipients.entries()) {
    const given = c.people[i]!.sentAt;
    const sentAt = given === undefined ? c.startsAt : given;
    if (sentAt) await markRecipientSent(db, r.id, campaignId, claimId, `<${r.id}@schild.localhost>`, sentAt.toISOString());
  }
  await releaseClaims(db, claimId);
  return { campaignId, recipients: recipients.map((r, i) => ({ id: r.id, personId: r.personId, token: recipientToken(deps.config.sessionSecret, r.id), email: people[i]!.email })) };
}
