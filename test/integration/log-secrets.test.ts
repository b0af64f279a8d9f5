/**
 * The attack: someone who can read the logs (a log platform, a support engineer, a backup) collects the links that
 * open accounts and reports. Request logs must not hold verification, reset, invitation or follow-up tokens, and in
 * production without SMTP_URL a mail's links are not written to the log either (OWASP ASVS 4.0.3 §7.1.1, §8.3.1).
 * The log output is captured from pino itself, as it would be written.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { logIn, PROFILE, signUpAndVerify } from '../support/flows.ts';

class Capture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

const tokenOf = (link: string) => new URL(`http://x${link}`).searchParams.get('token')!;

// Logging does not depend on the database engine: SQLite only.
describe('secrets stay out of the logs (production, no SMTP_URL)', () => {
  let t: TestApp;
  const capture = new Capture();
  beforeAll(async () => {
    t = await createTestApp('sqlite', { NODE_ENV: 'production' }, { log: pino({ level: 'info' }, capture) });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function mailText(email: string, contains: string): Promise<string> {
    await t.drainJobs();
    const mail = (await latestOutboxTo(t.runtime.deps.db, email)).find((m) => m.text_body.includes(contains));
    expect(mail, `mail with ${contains} to ${email}`).toBeDefined();
    return mail!.text_body;
  }

  it('verification, reset, invitation and follow-up tokens appear nowhere in the log', async () => {
    const secrets: string[] = [];
    const b = new Browser(t.app);
    await b.get('/en/signup');
    await b.post('/en/signup', { displayName: 'Owner', email: 'owner@example.be', password: 'correct-horse-battery-staple' });
    const verify = linkFrom(await mailText('owner@example.be', '/verify-email'), '/verify-email');
    secrets.push(tokenOf(verify));
    expect((await b.get(verify)).statusCode).toBe(303);

    await b.get('/en/forgot-password');
    await b.post('/en/forgot-password', { email: 'owner@example.be' });
    const reset = linkFrom(await mailText('owner@example.be', '/reset-password'), '/reset-password');
    secrets.push(tokenOf(reset));
    expect((await b.get(reset)).statusCode).toBe(200);

    await logIn(b, 'owner@example.be');
    await b.get('/en/companies/new');
    const created = await b.post('/en/companies', PROFILE);
    const companyId = /companies\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    await b.get(`/en/companies/${companyId}/members`);
    await b.post(`/en/companies/${companyId}/invitations`, { email: 'colleague@example.be', role: 'member' });
    const invitation = linkFrom(await mailText('colleague@example.be', '/invitations/'), '/invitations/');
    secrets.push(invitation.split('/').pop()!);
    const visitor = new Browser(t.app);
    expect((await visitor.get(invitation)).statusCode).toBe(200);
    // Signing in to accept carries the link in next=.
    await visitor.get(`/en/login?next=${encodeURIComponent(invitation)}`);

    const follow = `FollowUpSecret_${'x'.repeat(30)}`;
    secrets.push(follow);
    await visitor.get(`/en/incidents/follow/${follow}`);

    await t.drainJobs();
    const log = capture.text;
    expect(log).toContain('incoming request');
    expect(log).toContain('/invitations/[redacted]');
    expect(log).toContain('mail not sent: SMTP_URL is not set');
    for (const secret of secrets) expect(log, `secret ${secret.slice(0, 6)}… in the log`).not.toContain(secret);
    expect(log).not.toMatch(/token=(?!\[redacted\])/);
  });
});

describe('locally (no SMTP_URL, not production) the log is the inbox', () => {
  it('writes the mail text, links included, so a developer can follow them', async () => {
    const capture = new Capture();
    const t = await createTestApp('sqlite', {}, { log: pino({ level: 'info' }, capture) });
    try {
      await signUpAndVerify(t, new Browser(t.app), 'dev@example.be');
      expect(capture.text).toContain('/verify-email?token=');
      // …but never in a request log line.
      expect(capture.lines.filter((l) => l.includes('incoming request')).join('')).not.toMatch(/token=(?!\[redacted\])/);
    } finally {
      await t.close();
    }
  });
});
