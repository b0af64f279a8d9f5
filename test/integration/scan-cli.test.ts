/** `schild scan` against the loopback lab: a readable report with progress, and --json. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/schild.mjs');

describe('schild scan (CLI)', () => {
  let lab: ScanLab;
  let args: string[];
  const { BASE_URL: _vite, ...env } = process.env;
  beforeAll(async () => {
    lab = await startScanLab();
    const o = lab.options('weak.test');
    const ca = path.join(mkdtempSync(path.join(tmpdir(), 'schild-cli-')), 'ca.pem');
    writeFileSync(ca, o.extraCa!);
    args = ['--resolver', o.resolver!, '--allow-private', '--port-map', Object.entries(o.portMap).map(([a, b]) => `${a}=${b}`).join(','), '--ca', ca, '--lookalikes', '0'];
  });
  afterAll(async () => lab?.stop());

  it('prints progress and a readable report in the chosen language', async () => {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'scan', 'weak.test', '--lang', 'nl', ...args], { env: { ...env, NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-cli-')) } });
    expect(stderr).toContain('[1/4]');
    expect(stdout).toMatch(/Controle van weak\.test: Score [C-F]/);
    expect(stdout).toContain('✗');
    expect(stdout).toContain('→');
  }, 60_000);

  it('prints JSON with domain, algorithmVersion, startedAt, durationMs, grade and checks', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'scan', 'weak.test', '--json', ...args], { env: { ...env, NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-cli-')) } });
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ domain: 'weak.test', algorithmVersion: expect.stringMatching(/^schild-scan-/) });
    expect(typeof body.durationMs).toBe('number');
    const cert = body.checks.find((c: { id: string }) => c.id === 'web.cert');
    expect(cert).toMatchObject({ status: 'fail', severity: expect.any(String), who: expect.any(String) });
    expect(cert.fix.length).toBeGreaterThan(10);
  }, 60_000);

  it('refuses the test options in production', async () => {
    await expect(run(process.execPath, [BIN, 'scan', 'weak.test', ...args], { env: { ...env, NODE_ENV: 'production', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-cli-')) } })).rejects.toMatchObject({ code: 2 });
  });
});
