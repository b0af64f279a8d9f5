/**
 * Lays down a phishing campaign as it stands after sending: people, the campaign and one recipient per person, with
 * tokens per the shared contract. Used by `schild demo` and by tests; creating and sending real campaigns is the
 * campaigns use case's job.
 */
import { randomUUID } from 'node:crypto';
import { hmac, sha256 } from '../adapters/crypto.ts';
import { addMonthsBrussels } from '../core/incidents/time.ts';
import { insertCampaignRow, insertPersonRow, insertRecipientRow } from '../db/repositories/phishing-tracking.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { AppDeps } from './deps.ts';

/** The shared token contract: first 22 characters of base64url(HMAC-SHA256(app secret, 'phishing-recipient:' + id)). */
export function recipientToken(secret: string, recipientId: string): string {
  return hmac(secret, `phishing-recipient:${recipientId}`).slice(0, 22);
}

export interface SeedPerson {
  email: string;
  name: string | null;
  language: 'nl' | 'fr' | 'de' | 'en';
  group?: string;
  /** Leave out to seed a recipient whose mail was not sent yet. */
  sentAt?: Date | null;
}

export interface SeededCampaign {
  campaignId: string;
  recipients: { id: string; personId: string; token: string; email: string }[];
}

export async function seedSentCampaign(
  deps: AppDeps,
  db: Conn,
  c: { companyId: string; createdBy: string; name: string; templateId: string; domain: string; startsAt: Date; status?: string; people: SeedPerson[] },
): Promise<SeededCampaign> {
  const now = deps.clock.now();
  const campaignId = randomUUID();
  await insertCampaignRow(db, {
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
  });
  const recipients: SeededCampaign['recipients'] = [];
  let n = 0;
  for (const p of c.people) {
    const personId = randomUUID();
    n++;
    await insertPersonRow(db, { id: personId, company_id: c.companyId, email: p.email, display_name: p.name, language: p.language, group_name: p.group ?? '', pseudonym: `P-${String(n).padStart(3, '0')}-${personId.slice(0, 4)}`, created_at: now.toISOString() });
    const id = randomUUID();
    const token = recipientToken(deps.config.sessionSecret, id);
    const sentAt = p.sentAt === undefined ? c.startsAt : p.sentAt;
    await insertRecipientRow(db, {
      id,
      campaign_id: campaignId,
      person_id: personId,
      group_name: p.group ?? '',
      language: p.language,
      token_hash: sha256(token),
      send_state: sentAt ? 'sent' : 'pending',
      claimed_by: null,
      claimed_at: null,
      message_id: sentAt ? `<${id}@schild.localhost>` : null,
      sent_at: sentAt ? sentAt.toISOString() : null,
      opened_at: null,
      clicked_at: null,
      submitted_at: null,
      reported_at: null,
    });
    recipients.push({ id, personId, token, email: p.email });
  }
  return { campaignId, recipients };
}
