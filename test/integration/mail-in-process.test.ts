/**
 * The `schild mail-in` command as a separate process (PostgreSQL, shared with this test): it offers STARTTLS with the
 * configured certificate (RFC 3207), stores the report and, with IN_PROCESS_WORKER, answers through the loopback sink.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSettings } from '../../src/app/mail-reports.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { fixture, forwardAsAttachment } from '../support/mail-in/fixtures.ts';
import { issueCert, testCa } from '../support/scan/test-ca.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('schild mail-in process', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    sink = await startSmtp();
    t = await createTestApp('postgres', { SMTP_URL: sink.url, MAIL_IN_DOMAIN: 'report.schild.test' });
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGTERM');
    await t?.close();
    await sink?.stop();
  });

  it('receives over STARTTLS and answers the employee', async () => {
    const { companyId } = await ownerWithCompany(t, 'owner@bakkerij.test');
    const address = (await reportSettings(t.runtime.deps, companyId)).address;
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-mailin-'));
    const cert = issueCert('good', ['report.schild.test']);
    writeFileSync(path.join(dir, 'key.pem'), cert.keyPem);
    writeFileSync(path.join(dir, 'cert.pem'), cert.certPem);
    const port = await freePort();
    const url = t.config.database.kind === 'postgres' ? t.config.database.url : '';
    const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env; // vitest sets BASE_URL for Vite; not ours
    const env = {
      ...parentEnv,
      NODE_ENV: 'test',
      DATABASE_URL: url,
      SMTP_URL: sink.url,
      DATA_DIR: dir,
      SESSION_SECRET: t.config.sessionSecret,
      LOG_LEVEL: 'info',
      MAIL_IN_DOMAIN: 'report.schild.test',
      MAIL_IN_PORT: String(port),
      MAIL_IN_TLS_KEY: path.join(dir, 'key.pem'),
      MAIL_IN_TLS_CERT: path.join(dir, 'cert.pem'),
      IN_PROCESS_WORKER: 'true',
    };
    const proc = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/schild.mjs'), 'mail-in'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('mail-in listening')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`mail-in exited with ${code}: ${out}`)));
    });

    // The owner is a member, so their forward is answered, in their account's language (English, as they signed up).
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { ca: testCa().certPem, servername: 'report.schild.test' } });
    const info = await smtp.sendMail({ envelope: { from: 'owner@bakkerij.test', to: [address] }, raw: forwardAsAttachment(fixture('phishing-lookalike.eml'), { from: 'owner@bakkerij.test', to: address }) });
    smtp.close();
    expect(info.accepted).toEqual([address]);
    const answer = await sink.waitFor((m) => m.to.includes('owner@bakkerij.test') && m.subject.startsWith('Very likely phishing'), 30_000);
    expect(answer.headers['auto-submitted']).toBe('auto-replied');
  }, 90_000);
});
