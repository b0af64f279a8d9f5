/**
 * Fault: `schild start` on SQLite (the embedded mode of `npm start`, where the web process also runs the jobs and
 * sends the mail) is killed with SIGKILL in the window where the SMTP server already has a message and the process has
 * not yet recorded its 250 (RFC 5321 §4.1.1.4), then started again on the same database file. Rules under test
 * (docs/operations.md, "Crashes and duplicates"; issue 13, "kill -9 of a web process … during … reminder sending"):
 * no recipient gets a second copy, every other mail is still delivered, the restarted process takes the jobs over by
 * itself after the lease, and it serves again. The PostgreSQL variant with a `schild worker` is faults-worker.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { spawnSchild, waitForHttp, type SchildProcess } from '../support/faults-processes.ts';
import { expectEachReminderOnce, reminderScenario } from '../support/faults-reminders.ts';
import { startHoldingSink, type HoldingSink } from '../support/faults-smtp.ts';
import { freePort } from '../support/postgres.ts';

describe('kill -9 of `schild start` on SQLite while it sends reminder mail (embedded mode)', () => {
  let t: TestApp;
  let sink: HoldingSink;
  let file: string;
  const processes: SchildProcess[] = [];

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'schild-embedded-')), 'schild.db');
    t = await createTestApp('sqlite', {}, { database: { kind: 'sqlite', file } });
    sink = await startHoldingSink(2);
  }, 60_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await sink?.stop();
    await t?.close();
  });

  async function start(): Promise<SchildProcess> {
    const p = spawnSchild(
      'start',
      { DATABASE_URL: file, SMTP_URL: sink.url, BASE_URL: t.config.baseUrl, SESSION_SECRET: t.config.sessionSecret, JOB_LEASE_SECONDS: '2', IN_PROCESS_WORKER: '1' },
      await freePort(),
    );
    processes.push(p);
    return p;
  }

  it('no second copy, the rest delivered, and the restarted process serves and finishes the jobs', async () => {
    const scenario = await reminderScenario(t, 'embedded.test');

    const p1 = await start();
    await sink.held; // the 2nd reminder mail is at the server, its 250 not yet heard
    await p1.kill9();
    sink.release();
    expect(sink.received).toHaveLength(2);

    const p2 = await start();
    await waitForHttp(p2.url, 60_000);
    await expectEachReminderOnce(t, sink, scenario, 60_000);
    // The restarted process serves the owner's pages from the same file.
    expect((await fetch(`${p2.url}/en/login`)).status).toBe(200);
  }, 150_000);
});
