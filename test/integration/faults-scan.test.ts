/**
 * Fault: SIGKILL of a process in the middle of a domain scan, on PostgreSQL with separate web and worker processes.
 * - A worker killed mid-scan: a fresh worker takes the job over after the job lease (JOB_LEASE_SECONDS) and the scan
 *   ends with its full report stored (no lost report, no partial report left as the result), its job done.
 * - A web process killed while requests are in flight: the other web process keeps answering, the scan it had
 *   queued still runs (the scan row and its job are written in one transaction: never one without the other), and
 *   the killed process serves again after a restart.
 * The lab's DNS answers slowly so that "mid-scan" is a state the test can wait for, not a race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { spawnSchild, until, waitForHttp, type SchildProcess } from '../support/faults-processes.ts';
import { freePort } from '../support/postgres.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

describe('kill -9 during scans (PostgreSQL, real web and worker processes)', () => {
  let lab: ScanLab;
  let t: TestApp;
  const procs: SchildProcess[] = [];

  beforeAll(async () => {
    lab = await startScanLab();
    t = await createTestApp('postgres', lab.env('good.test'));
  }, 60_000);
  afterAll(async () => {
    for (const p of procs) await p.stop();
    await t?.close();
    await lab?.stop();
  });

  function env(): Record<string, string> {
    const db = t.config.database;
    // SCAN_* lab settings are refused in production, so these processes run as NODE_ENV=test.
    return { ...lab.env('good.test'), NODE_ENV: 'test', DATABASE_URL: db.kind === 'postgres' ? db.url : '', SESSION_SECRET: t.config.sessionSecret, JOB_LEASE_SECONDS: '2', IN_PROCESS_WORKER: '0' };
  }
  function start(command: 'start' | 'worker', port = 0): SchildProcess {
    const p = spawnSchild(command, env(), port);
    procs.push(p);
    return p;
  }
  const scanRow = (id: string) => t.runtime.deps.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a worker killed mid-scan: a fresh worker finishes it after the lease, with the full report stored', async () => {
    lab.dns.setLatency(400); // every DNS answer takes 0.4 s: the scan is in progress for seconds
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: 'good.test' } });
    expect(res.statusCode).toBe(202);
    const id = (res.json() as { id: string }).id;
    const w1 = start('worker');
    await until(async () => (await scanRow(id)).status === 'running', 'the scan to start', 120_000);
    await w1.kill9();
    const killed = await scanRow(id);
    expect(killed.status).toBe('running'); // really killed mid-scan
    expect(killed.finished_at).toBeNull();

    lab.dns.setLatency(0);
    start('worker');
    await until(async () => (await scanRow(id)).status === 'done', 'the scan to finish after the takeover', 120_000);
    const done = await scanRow(id);
    const result = JSON.parse(done.result ?? '{}') as { partial?: boolean; grade?: string; checks?: unknown[] };
    expect(result.partial).toBeUndefined();
    expect(result.grade).toMatch(/^[A-F]/);
    expect(result.checks?.length).toBeGreaterThan(10);
    const job = await t.runtime.deps.db.selectFrom('jobs').select(['status', 'attempts']).where('type', '=', 'scan').where('payload', '=', JSON.stringify({ scanId: id })).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 2 }); // the killed attempt and the takeover
  }, 180_000);

  it('a web process killed with requests in flight: the other answers, the scan it queued completes, a restart serves again', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const a = start('start', portA);
    const b = start('start', portB);
    await Promise.all([waitForHttp(a.url), waitForHttp(b.url)]);
    const queued = await fetch(`${a.url}/api/v1/scans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domain: 'https://www.good.test/' }) });
    expect(queued.status).toBe(202);
    const id = ((await queued.json()) as { id: string }).id;

    // Requests in flight on A when it dies: each either completed before the kill or fails at the client (a load
    // balancer retries those on B); none gets a half answer that looks like success.
    const inFlight = Array.from({ length: 30 }, () =>
      fetch(`${a.url}/en/`, { signal: AbortSignal.timeout(10_000) }).then(
        async (r) => {
          // A body cut off by the kill makes text() fail: that is a client-side error, not a half success.
          const body = await r.text().catch(() => null);
          return body === null ? 'connection error' : `${r.status}${body.includes('</html>') ? ' complete' : ' truncated'}`;
        },
        () => 'connection error',
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    await a.kill9();
    const outcomes = await Promise.all(inFlight);
    for (const o of outcomes) expect(['200 complete', 'connection error']).toContain(o);
    await expect(fetch(`${a.url}/en`)).rejects.toThrow(); // A is gone: a clear connection error, not a hang

    // B answers pages and the scan status meanwhile.
    expect((await fetch(`${b.url}/en`)).status).toBe(200);
    expect((await fetch(`${b.url}/api/v1/scans/${id}`)).status).toBe(200);

    // No half-written scan: every scan has its job (one transaction), and the one queued through A completes.
    const db = t.runtime.deps.db;
    const scans = await db.selectFrom('scans').select('id').execute();
    const jobs = await db.selectFrom('jobs').select('payload').where('type', '=', 'scan').execute();
    for (const s of scans) expect(jobs.some((j) => j.payload === JSON.stringify({ scanId: s.id })), s.id).toBe(true);
    start('worker');
    await until(async () => (await scanRow(id)).status === 'done', 'the scan queued through the killed process', 120_000);
    const report = (await (await fetch(`${b.url}/api/v1/scans/${id}`)).json()) as { status: string; result: { grade: string } };
    expect(report.status).toBe('done');
    expect(report.result.grade).toMatch(/^[A-F]/);

    // A restarted on the same port serves again, without anything else restarted.
    const again = start('start', portA);
    await waitForHttp(again.url);
    expect((await fetch(`${again.url}/api/v1/scans/${id}`)).status).toBe(200);
  }, 180_000);
});
