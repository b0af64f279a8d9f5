/**
 * `node --import tsx bench/http/floor.ts`: what each benchmarked Schild answer costs against what its bytes alone
 * cost. Starts Schild (SQLite, demo data) and captures the public page, the account page, a signed-in page with no
 * query of its own (/en/orgs/new) and the quick scan (status,
 * headers, body); starts bench/http/floor-server.ts serving those captures from a bare Fastify route, and
 * bench/http/raw-floor-server.ts serving them from Node's HTTP server with no framework; then loads, in
 * turn, the bare route, each capture and each Schild target with autocannon (10 connections) and reports the server
 * process's CPU time per request (user and system, from /proc: steadier than requests/s on a shared machine).
 * The bare route is measured first and last; the ratios use their mean. 127.0.0.1 only, bounded in time.
 * Knobs: FLOOR_SECONDS (5) per measurement, FLOOR_ONLY=public,signed,signedEmpty,scan.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAssessmentCatalog } from '../../src/adapters/content.ts';
import { ACCOUNTANT_PROFILE, HOST, autocannon, captureResponse, freePort, fullAnswers, logIn, seedDemo, startChild, startNodeFlags, stopChildren, waitForHealth } from './harness.ts';

interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

const SECONDS = Number(process.env.FLOOR_SECONDS ?? 5);

async function cpuTicks(pid: number): Promise<{ user: number; sys: number }> {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return { user: Number(f[11]) * 10, sys: Number(f[12]) * 10 }; // ms at 100 ticks/s
}

async function perRequest(pid: number, load: Load): Promise<{ user: number; sys: number; total: number; rps: number }> {
  await autocannon({ ...load, connections: 10, duration: 1 });
  const a = await cpuTicks(pid);
  const r = await autocannon({ ...load, connections: 10, duration: SECONDS });
  const b = await cpuTicks(pid);
  const n = r.requests.average * SECONDS;
  const us = (ms: number) => (ms * 1000) / n;
  return { user: us(b.user - a.user), sys: us(b.sys - a.sys), total: us(b.user - a.user + b.sys - a.sys), rps: r.requests.average };
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schild-floor-'));
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST, DATA_DIR: dataDir, BASE_URL: base, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.METRICS_PORT;
  const schild = startChild('Schild', [...startNodeFlags(), 'bin/schild.mjs', 'start'], env);
  await waitForHealth('Schild', base, schild);
  const demo = await seedDemo(env);
  const { csrf, session } = await logIn(base, demo.email, demo.password);
  const answers = fullAnswers(loadAssessmentCatalog(), ACCOUNTANT_PROFILE);
  const targets: Record<string, Load> = {
    public: { url: `${base}/en/`, headers: { cookie: `schild_csrf=${csrf}` } },
    signed: { url: `${base}/en/account`, headers: { cookie: `schild_csrf=${csrf}; schild_session=${session}` } },
    // A signed-in page that reads nothing beyond the session (the form to register an organisation): what every
    // signed-in request costs before its page does any work of its own.
    signedEmpty: { url: `${base}/en/orgs/new`, headers: { cookie: `schild_csrf=${csrf}; schild_session=${session}` } },
    scan: { url: `${base}/api/v1/quick-scan`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'nl', profile: ACCOUNTANT_PROFILE, answers }) },
  };
  const only = process.env.FLOOR_ONLY?.split(',');
  const names = Object.keys(targets).filter((k) => !only || only.includes(k));
  const captured: Record<string, { headers: Record<string, string>; body: string }> = {};
  for (const name of names) {
    const t = targets[name]!;
    const res = await fetch(t.url, { method: t.method ?? 'GET', headers: t.headers, body: t.body });
    if (res.status !== 200) throw new Error(`${name}: status ${res.status}`);
    captured[name] = await captureResponse(res);
  }
  const captureFile = path.join(dataDir, 'captured.json');
  await writeFile(captureFile, JSON.stringify(captured));
  const floorPort = await freePort();
  const floorBase = `http://${HOST}:${floorPort}`;
  const floor = startChild('floor', ['--import', 'tsx', 'bench/http/floor-server.ts'], { ...process.env, PORT: String(floorPort), HOST, CAPTURE: captureFile });
  await waitForHealth('floor', floorBase, floor);
  await perRequest(floor.pid!, { url: `${floorBase}/` }); // warm-up of the floor process's JIT
  // The lower floor: Node's HTTP server alone, no framework (raw-floor-server.ts).
  const rawPort = await freePort();
  const rawBase = `http://${HOST}:${rawPort}`;
  const raw = startChild('raw floor', ['--import', 'tsx', 'bench/http/raw-floor-server.ts'], { ...process.env, PORT: String(rawPort), HOST, CAPTURE: captureFile });
  await waitForHealth('raw floor', rawBase, raw);

  const rows: [string, Awaited<ReturnType<typeof perRequest>>][] = [];
  rows.push(['Bare Fastify route (first)', await perRequest(floor.pid!, { url: `${floorBase}/` })]);
  for (const name of names) {
    const t = targets[name]!;
    rows.push([`${name}: bare route sending Schild's bytes and headers`, await perRequest(floor.pid!, { ...t, url: `${floorBase}/${name}` })]);
    await perRequest(raw.pid!, { ...t, url: `${rawBase}/${name}` }); // warm-up
    rows.push([`${name}: Node's HTTP server alone sending the same`, await perRequest(raw.pid!, { ...t, url: `${rawBase}/${name}` })]);
    rows.push([`${name}: Schild`, await perRequest(schild.pid!, t)]);
  }
  rows.push(['Bare Fastify route (last)', await perRequest(floor.pid!, { url: `${floorBase}/` })]);
  const bare = (rows[0]![1].total + rows[rows.length - 1]![1].total) / 2;
  console.log(`| What | CPU µs per request (user + system) | Bare route ÷ this |`);
  console.log(`| --- | ---: | ---: |`);
  for (const [label, r] of rows) console.log(`| ${label} | ${Math.round(r.total)} (${Math.round(r.user)} + ${Math.round(r.sys)}) | ${(bare / r.total).toFixed(3)}× |`);
  await stopChildren();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch(async (e) => {
  console.error(e);
  await stopChildren();
  process.exit(1);
});
