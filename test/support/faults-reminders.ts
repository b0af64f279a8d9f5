/**
 * The deadline-reminder scenario of the kill -9 fault tests (faults-worker.test.ts with a `schild worker` on
 * PostgreSQL, faults-embedded.test.ts with `schild start` on SQLite): a company with an owner and three admins reports
 * an incident; its earliest reminder is due now and mails all four. The holding SMTP sink keeps the second message
 * unanswered while the sender is killed; afterwards every recipient must have exactly one mail.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { until } from './faults-processes.ts';
import type { HoldingSink } from './faults-smtp.ts';
import { incidentWithReminderDue, inviteAndJoin, ownerWithCompany } from './flows.ts';

/** Sets the scenario up on `domain`; returns the four recipients and the reminder job made due. */
export async function reminderScenario(t: TestApp, domain: string): Promise<{ recipients: string[]; reminderJobId: number }> {
  const owner = `owner@${domain}`;
  const { b, companyId } = await ownerWithCompany(t, owner);
  const admins = ['a1', 'a2', 'a3'].map((a) => `${a}@${domain}`);
  for (const email of admins) await inviteAndJoin(t, b, companyId, email, 'admin');
  const db = t.runtime.deps.db;
  // Mail queued while signing up is not part of the scenario: only reminder mail is queued after this point.
  await db.deleteFrom('jobs').where('type', '=', 'send-email').execute();
  await db.deleteFrom('outbox').execute();
  return { recipients: [owner, ...admins], reminderJobId: await incidentWithReminderDue(t, b, companyId) };
}

/** After the restart: each recipient one mail, the held one `unknown` (delivered, not confirmed), the reminder done. */
export async function expectEachReminderOnce(t: TestApp, sink: HoldingSink, s: { recipients: string[]; reminderJobId: number }, timeoutMs: number): Promise<void> {
  const db = t.runtime.deps.db;
  await until(async () => (await db.selectFrom('outbox').select('status').where('status', 'in', ['queued', 'sending']).execute()).length === 0 && sink.received.length >= 4, 'every reminder mail settled', timeoutMs);
  await new Promise((r) => setTimeout(r, 300));
  const counts = sink.counts();
  for (const to of s.recipients) expect(counts.get(to), to).toBe(1);
  expect(sink.received).toHaveLength(4);
  const statuses = (await db.selectFrom('outbox').select('status').execute()).map((o) => o.status).sort();
  expect(statuses).toEqual(['sent', 'sent', 'sent', 'unknown']);
  expect((await db.selectFrom('jobs').select('status').where('id', '=', s.reminderJobId).executeTakeFirstOrThrow()).status).toBe('done');
}
