/**
 * Fault: the disk under the SQLite database fills up. Simulated with a real, tiny filesystem (tmpfs, needs root to
 * mount) holding the database, filled to the last byte by another file. Rules under test (docs/operations.md,
 * "Faults and what users see"; docs/errors.md `storage_full`): a write gets a clear translated answer (507
 * Insufficient Storage, RFC 4918 §11.5, JSON code `storage_full`), nothing is half-written (a transaction is
 * all-or-nothing: SQLite rolls back on SQLITE_FULL, sqlite.org/rescode.html#full), reads still work, and once space is
 * freed writes work again by themselves, without a restart.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { ownerWatchingGoodTest } from '../support/flows.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'schild-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const mountable = canMountTmpfs();

/** Writes a file in `dir` until the filesystem has not one byte left (ENOSPC). */
function fillDisk(dir: string): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          writeSync(fd, chunk, 0, size);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.runIf(mountable)('a full disk under SQLite (tmpfs of 24 MB)', () => {
  let dir: string;
  let t: TestApp;
  const filler = () => path.join(dir, 'filler');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'schild-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir]);
    t = await createTestApp('sqlite', {}, { database: { kind: 'sqlite', file: path.join(dir, 'schild.db') } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (dir) {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Fills the filesystem to the last byte (ENOSPC), after emptying the WAL so that the next write needs new space. */
  async function fillDiskNow(): Promise<void> {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.runtime.deps.db);
    fillDisk(dir);
  }

  const counts = async () => {
    const db = t.runtime.deps.db;
    const scans = await db.selectFrom('scans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const jobs = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { scans: Number(scans.n), jobs: Number(jobs.n) };
  };

  it('a write gets 507 storage_full (translated), nothing half-written, reads work, and writes work again once space is freed', async () => {
    const b = new Browser(t.app);
    await b.get('/nl/scan'); // the form (and its CSRF cookie) before the disk is full
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: 'first.be' } });
    expect(first.statusCode, first.body).toBe(202);
    const firstId = (first.json() as { id: string }).id;
    const before = await counts();

    await fillDiskNow();
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/scans', headers: { 'accept-language': 'fr' }, payload: { domain: 'second.be' } });
    expect(refused.statusCode, refused.body).toBe(507);
    const body = refused.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('storage_full');
    expect(body.error.message).toContain('Rien n’a été modifié');
    expect(refused.headers['retry-after']).toBe('30');
    // A person gets the page with the same message, in their language.
    const page = await b.post('/nl/scan', { domain: 'third.be' });
    expect(page.statusCode).toBe(507);
    expect(page.body).toContain('de opslag is vol');

    // Nothing half-written: the scan row and its job are one transaction, both or neither.
    expect(await counts()).toEqual(before);
    // Reads still work.
    const read = await t.app.inject({ url: `/api/v1/scans/${firstId}` });
    expect(read.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/en/' })).statusCode).toBe(200);

    // Space freed: the same write succeeds, with no restart.
    rmSync(filler());
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: 'second.be' } });
    expect(again.statusCode, again.body).toBe(202);
    expect(await counts()).toEqual({ scans: before.scans + 1, jobs: before.jobs + 1 });
  }, 60_000);
});

/**
 * The worker's side (issue 13: "a full disk on SQLite … no lost report, recovery by itself"): the disk fills up while a
 * daily monitoring scan is running, so neither its report nor the mark that it failed can be written, nor the job's
 * own end. Nothing of the report may be half-kept (the result, the domain's fingerprint and the alert are one
 * transaction), and once space is freed the job, still claimed, is taken over after its lease and stores the report
 * once, with its alert.
 */
describe.runIf(mountable)('a full disk under SQLite while a monitoring scan runs (tmpfs of 24 MB)', () => {
  let dir: string;
  let t: TestApp;
  let lab: ScanLab;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'schild-full-scan-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir]);
    lab = await startScanLab();
    t = await createTestApp('sqlite', { ...lab.env('good.test') }, { database: { kind: 'sqlite', file: path.join(dir, 'schild.db') } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await lab?.stop();
    if (dir) {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no half-stored report; after space is freed the scan is stored once, with its alert, by itself', async () => {
    const { companyId } = await ownerWatchingGoodTest(t, lab, 'owner@disk.test');
    await t.drainJobs(); // the first scan: the baseline
    const db = t.runtime.deps.db;
    const domainRow = () => db.selectFrom('company_domains').select(['fingerprint', 'last_scan_id']).where('company_id', '=', companyId).executeTakeFirstOrThrow();
    const baseline = await domainRow();
    const alerts = () => db.selectFrom('outbox').select('id').where('subject', 'like', '%good.test%').execute();
    expect(await alerts()).toHaveLength(0);

    // A day later DMARC got weaker; the daily scan starts, and the disk fills up while it runs.
    lab.setRecord('good.test', { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' });
    t.clock.advance(25 * 3_600_000);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const draining = t.drainJobs().then(
      () => 'drained',
      (e: Error) => e.message,
    );
    const running = async () => (await db.selectFrom('scans').select('id').where('company_id', '=', companyId).where('status', '=', 'running').execute()).length > 0;
    const deadline = Date.now() + 10_000;
    while (!(await running()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(await running()).toBe(true);
    fillDisk(dir);
    expect(await draining).toMatch(/SQLITE_FULL|database or disk is full/);

    // Nothing of the report was kept: the domain still compares with the baseline, and no alert was queued.
    expect(await domainRow()).toEqual(baseline);
    expect(await alerts()).toHaveLength(0);

    // Space freed: once the job's lease has run out it is taken over, and the report is stored once, with its alert.
    rmSync(path.join(dir, 'filler'));
    t.clock.advance(t.config.jobLeaseMs + 1000);
    await t.drainJobs();
    const after = await domainRow();
    expect(after.fingerprint).not.toEqual(baseline.fingerprint);
    const stored = await db.selectFrom('scans').select(['status']).where('id', '=', after.last_scan_id!).executeTakeFirstOrThrow();
    expect(stored.status).toBe('done');
    expect(await alerts()).toHaveLength(1);
    lab.setRecord('good.test', { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=reject; rua=mailto:dmarc@good.test' });
  }, 60_000);
});

describe.skipIf(mountable)('a full disk under SQLite', () => {
  it.skip('needs root to mount a tmpfs (run the suite as root, as CI does)', () => undefined);
});
