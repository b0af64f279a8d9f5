/**
 * `node --import tsx bench/http/profile.ts <target> [seconds]`: starts Schild under `node --cpu-prof`, loads one
 * target with autocannon (10 connections, PROFILE_CONNECTIONS) and stops it, leaving a .cpuprofile in $PROFILE_DIR (default /tmp) and
 * printing the top self-time functions. Targets: public, article, providers, signed, signedempty (/en/orgs/new: no query of its own), scan, and the demo company's
 * signed-in pages company, results, incidents, phishing, training. 127.0.0.1 only; bounded in
 * time. Then the bare Fastify route (bench/http/bare-server.ts) is loaded the same way in the same run, so the CPU time
 * per request has its baseline beside it (PROFILE_BARE=0 skips it). The Schild process's peak VmRSS during the load and
 * its resident memory split (anonymous: heap and buffers; file: mapped code) are printed too.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadAssessmentCatalog } from '../../src/adapters/content.ts';
import { ACCOUNTANT_PROFILE, HOST, freePort, fullAnswers, startChild, stopChildren, waitForHealth, seedDemo, logIn, startNodeFlags, demoPaths } from './run.ts';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number }>;

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }

async function main() {
  const which = process.argv[2] ?? 'public';
  const seconds = Number(process.argv[3] ?? 8);
  const profileDir = process.env.PROFILE_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'schild-prof-')));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-'));
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST, DATA_DIR: dataDir, BASE_URL: base, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.METRICS_PORT;
  const profiling = process.env.PROFILE !== '0';
  const child = startChild('Schild', [...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...startNodeFlags(), 'bin/schild.mjs', 'start'], env);
  await waitForHealth('Schild', base, child);
  const demo = await seedDemo(env);
  const { csrf, session } = await logIn(base, demo.email, demo.password);
  const answers = fullAnswers(loadAssessmentCatalog(), ACCOUNTANT_PROFILE);
  const signedCookie = `schild_csrf=${csrf}; schild_session=${session}`;
  // The demo company's id, read from the account page as a visitor follows the link.
  const account = await (await fetch(`${base}/en/account`, { headers: { cookie: signedCookie } })).text();
  const company = `${base}/en/companies/${/\/en\/companies\/([0-9a-f-]{36})/.exec(account)?.[1] ?? 'missing'}`;
  const signedPage = (url: string) => ({ url, headers: { cookie: signedCookie } });
  const targets: Record<string, Record<string, unknown>> = {
    public: { url: `${base}/en/`, headers: { cookie: `schild_csrf=${csrf}` } },
    article: { url: `${base}/en/articles/one-person-responsible`, headers: { cookie: `schild_csrf=${csrf}` } },
    providers: { url: `${base}/en/providers`, headers: { cookie: `schild_csrf=${csrf}` } },
    signed: { url: `${base}/en/account`, headers: { cookie: `schild_csrf=${csrf}; schild_session=${session}` } },
    signedempty: signedPage(`${base}/en/orgs/new`),
    company: signedPage(company),
    results: signedPage(`${company}/results`),
    incidents: signedPage(`${company}/incidents`),
    phishing: signedPage(`${company}/phishing`),
    training: signedPage(`${company}/training`),
    scanresult: signedPage(`${base}/en/scan/${(await demoPaths(base, signedCookie)).scanId}`),
    scan: { url: `${base}/api/v1/quick-scan`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'nl', profile: ACCOUNTANT_PROFILE, answers }) },
  };
  const target = targets[which];
  if (!target) throw new Error(`unknown target ${which}: ${Object.keys(targets).join(', ')}`);
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8')
      .then((s) => (peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0))))
      .catch(() => undefined);
  }, 100);
  const mine = await cpuPerRequest(child.pid!, target, seconds);
  clearInterval(rssTimer);
  const rollup = await readFile(`/proc/${child.pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = (name: string) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(rollup)?.[1] ?? 0) / 1024);
  console.log(`${which}: ${Math.round(mine.rps)} req/s, non2xx ${mine.non2xx}, ${mine.us.toFixed(0)} µs CPU per request`);
  console.log(`memory: peak VmRSS ${Math.round(peakRss / 1024)} MiB during the load; at the end Rss ${kb('Rss')} MiB, of which anonymous (heaps, buffers) ${kb('Anonymous')} MiB`);
  child.kill('SIGINT');
  await new Promise((res) => child.once('exit', res));
  // The bare route is loaded after Schild stopped, so Schild's profile ends with its own load.
  if (process.env.PROFILE_BARE !== '0') {
    const barePort = await freePort();
    const bare = startChild('bare Fastify', ['--import', 'tsx', 'bench/http/bare-server.ts'], { ...process.env, PORT: String(barePort), HOST });
    await waitForHealth('bare Fastify', `http://${HOST}:${barePort}`, bare);
    const b = await cpuPerRequest(bare.pid!, { url: `http://${HOST}:${barePort}/` }, seconds);
    console.log(`bare route: ${Math.round(b.rps)} req/s, ${b.us.toFixed(0)} µs CPU per request; ${which} costs ${(mine.us / b.us).toFixed(1)}× a bare request (CPU)`);
  }
  await stopChildren();
  await rm(dataDir, { recursive: true, force: true });
  if (!profiling) return;
  const file = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  if (!file) throw new Error('no .cpuprofile written');
  const prof = JSON.parse(await readFile(path.join(profileDir, file), 'utf8')) as { nodes: Node[] };
  const self = new Map<string, number>();
  let total = 0;
  for (const n of prof.nodes) {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
    total += n.hitCount ?? 0;
  }
  console.log(`profile: ${path.join(profileDir, file)}`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 25))) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}
/** CPU time of one process per request: unlike requests/s it hardly moves when other work shares the machine. */
async function cpuPerRequest(pid: number, target: Record<string, unknown>, seconds: number): Promise<{ rps: number; non2xx: number; us: number }> {
  const cpu = async () => {
    const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in ms at 100 ticks/s
  };
  const connections = Number(process.env.PROFILE_CONNECTIONS ?? 10);
  await autocannon({ ...target, connections, duration: 1 });
  const before = await cpu();
  const r = await autocannon({ ...target, connections, duration: seconds });
  const used = (await cpu()) - before;
  return { rps: r.requests.average, non2xx: r.non2xx, us: (used * 1000) / (r.requests.average * seconds) };
}

main().catch(async (e) => {
  console.error(e);
  await stopChildren();
  process.exit(1);
});
