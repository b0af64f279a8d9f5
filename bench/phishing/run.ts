/**
 * `npm run bench:phishing`: the two hot paths of phishing simulations, each as a ratio to a baseline in the same run.
 *
 * 1. Sending: N recipients (BENCH_PHISHING_RECIPIENTS, 2,000) to a local SMTP sink (smtp-server on 127.0.0.1).
 *    - raw: nodemailer's pooled transport with the settings of Schild's simulation transport (one connection, one
 *      message in flight: docs/decisions/0005-phishing-exactly-once.md), sending the same rendered mail N times;
 *    - Schild: the real sending path, runCampaignBatch (src/app/phishing-sending.ts, what the phishing-campaign job
 *      runs) over adapters/phishing-mailer.ts: claim a batch in SQLite, render each mail from the template in the
 *      person's language, derive the token, send with `X-Schild-Simulation`, mark sent with its delivered event.
 *      The job's pause between batches (the owner's rate, at most 120 a minute) is a deliberate limit, not work: the
 *      bench's clock jumps over it, so only Schild's own work and the SMTP round trips are timed.
 *    Ratio = Schild messages/s ÷ raw messages/s (goal ≥ 0.8). For context the run also shows raw nodemailer with
 *    5 connections and 200 messages in flight, which Schild does not do on purpose.
 * 2. Click tracking: GET /p/<token> on a running Schild (child process, SQLite) against a bare Fastify route
 *    (bench/http/bare-server.ts), with autocannon. Each Schild request looks the token up, runs the scanner filter,
 *    writes an event and renders the landing page.
 *
 * Knobs: BENCH_PHISHING_RECIPIENTS, BENCH_PHISHING_CONCURRENCY (200 in flight, context row only), BENCH_CONNECTIONS,
 * BENCH_DURATION, BENCH_WARMUP, BENCH_NO_README=1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { noDelaySmtpSocket } from '../../src/adapters/smtp-socket.ts';
import { SMTPServer } from 'smtp-server';
import { loadContent } from '../../src/adapters/content.ts';
import type { Clock } from '../../src/adapters/clock.ts';
import { seedSentCampaign } from '../../src/app/phishing-seed.ts';
import { MAX_BATCH, runCampaignBatch } from '../../src/app/phishing-sending.ts';
import { loadConfig } from '../../src/config.ts';
import { renderSimulation } from '../../src/core/phishing/render.ts';
import { pauseAfterBatch, RATE } from '../../src/core/phishing/schedule.ts';
import { insertCompany } from '../../src/db/repositories/company.repository.ts';
import { campaignProgress } from '../../src/db/repositories/phishing-campaign.repository.ts';
import { bootstrap, type Runtime } from '../../src/entrypoints/bootstrap.ts';
import { DEMO_PROFILE } from '../../src/entrypoints/demo.ts';
import { fmt, freePort, HOST, intEnv, machine, measure, startChild, startNodeFlags, stopChildren, waitForHealth, writeReadmeSection, type Measured } from '../http/run.ts';

const N = intEnv('BENCH_PHISHING_RECIPIENTS', 2_000);
const IN_FLIGHT = intEnv('BENCH_PHISHING_CONCURRENCY', 200);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const TEMPLATE = 'parcel-delivery';
const FROM_DOMAIN = 'bench.example';

/** Real time, moved on by hand past the job's deliberate pauses; starts on a weekday at 10:30 Brussels (winter). */
class BenchClock implements Clock {
  private offset = 0;
  constructor() {
    const d = new Date();
    for (let i = 1; i <= 7 && this.offset === 0; i++) {
      const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + i, 9, 30));
      if (day.getUTCDay() >= 1 && day.getUTCDay() <= 5) this.offset = day.getTime() - Date.now();
    }
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

async function startSink(): Promise<{ port: number; received: () => number; stop: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // No reverse DNS lookup of the (loopback) client: no resolver traffic, and no lookup time in the numbers.
    disableReverseLookup: true,
    logger: false,
    // Schild's pooled connection stays open after its last mail: do not wait 30 s for it when stopping.
    closeTimeout: 500,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  return { port, received: () => count, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs `work(i)` for i in 0..n-1 with at most `inFlight` at a time. */
async function pooled(n: number, inFlight: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** One mail as Schild renders it, sent N times by bare nodemailer: the floor for the same bytes on the wire. */
async function rawSend(port: number, connections: number, inFlight: number): Promise<number> {
  const template = loadContent().phishing.templates.get(TEMPLATE)!;
  const link = `http://${HOST}/p/AAAAAAAAAAAAAAAAAAAAAA`;
  const mail = renderSimulation({ template, lang: 'nl', person: { email: 'person@bench.example', displayName: 'Person' }, company: { name: 'Bench Bakery' }, link, pixelUrl: `${link}/pixel.gif` });
  const transporter = nodemailer.createTransport({ host: HOST, port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity, getSocket: noDelaySmtpSocket });
  // Same socket option as Schild's transports (src/adapters/smtp-socket.ts), so the floor is not held back by Nagle.
  const started = performance.now();
  await pooled(N, inFlight, async (i) => {
    await transporter.sendMail({ from: { name: mail.senderName, address: `${mail.senderLocal}@${FROM_DOMAIN}` }, to: `person${i}@bench.example`, subject: mail.subject, text: mail.text, html: mail.html, headers: { 'X-Schild-Simulation': 'AAAAAAAAAAAAAAAAAAAAAA' } });
  });
  const seconds = (performance.now() - started) / 1000;
  transporter.close();
  return N / seconds;
}

/** A campaign with `people` recipients through H1's repositories (phishing-seed.ts); `sentAt` null leaves them pending. */
async function seedCampaign(runtime: Runtime, people: number, sentAt: Date | null, startsAt: Date): Promise<{ campaignId: string; tokens: string[] }> {
  const deps = runtime.deps;
  const companyId = crypto.randomUUID();
  await insertCompany(deps.db, companyId, { ...DEMO_PROFILE, name: 'Bench Bakery' }, new Date().toISOString());
  const seeded = await seedSentCampaign(deps, {
    companyId,
    createdBy: 'bench',
    name: 'Bench',
    templateId: TEMPLATE,
    domain: 'bench.example',
    startsAt,
    status: sentAt ? 'sent' : 'scheduled',
    people: Array.from({ length: people }, (_, i) => ({ email: `person${i}@bench.example`, name: `Person ${i}`, language: (['nl', 'fr', 'de', 'en'] as const)[i % 4]!, sentAt })),
  });
  return { campaignId: seeded.campaignId, tokens: seeded.recipients.map((r) => r.token) };
}

/** Schild's sender: the job's runCampaignBatch, run after run, the clock moved past each deliberate pause. */
async function schildSend(runtime: Runtime, clock: BenchClock): Promise<number> {
  const { db } = runtime.deps;
  const { campaignId } = await seedCampaign(runtime, N, null, new Date(clock.now().getTime() - 60_000));
  await db.updateTable('phishing_campaigns').set({ rate_per_minute: RATE.max }).where('id', '=', campaignId).execute();
  const started = performance.now();
  for (;;) {
    await runCampaignBatch(runtime.deps, campaignId);
    const p = (await campaignProgress(db, [campaignId])).get(campaignId)!;
    if (p.pending === 0 && p.claimed === 0) break;
    clock.advance(pauseAfterBatch(Math.min(MAX_BATCH, RATE.max), RATE.max));
  }
  const seconds = (performance.now() - started) / 1000;
  const p = (await campaignProgress(db, [campaignId])).get(campaignId)!;
  if (p.sent !== N) throw new Error(`Schild marked ${p.sent} of ${N} sent`);
  return N / seconds;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-phishing-'));
  const sendDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-send-'));
  try {
    // 1. Sending
    process.stderr.write(`Sending ${fmt(N)} messages to a local SMTP sink: raw pooled nodemailer, then Schild's sender …\n`);
    const sink = await startSink();
    const clock = new BenchClock();
    const sendRuntime = await bootstrap({
      config: loadConfig({ NODE_ENV: 'test', DATA_DIR: sendDir, SESSION_SECRET: SECRET, LOG_LEVEL: 'silent', SMTP_URL: `smtp://${HOST}:${sink.port}`, PHISHING_FROM_DOMAIN: FROM_DOMAIN }),
      clock,
    });
    const raw = await rawSend(sink.port, 1, 1);
    const afterRaw = sink.received();
    const schild = await schildSend(sendRuntime, clock);
    const delivered = sink.received() - afterRaw;
    const wide = await rawSend(sink.port, 5, IN_FLIGHT);
    await sendRuntime.close();
    await sink.stop();
    if (afterRaw !== N || delivered !== N) throw new Error(`the sink received ${afterRaw} raw and ${delivered} Schild messages, expected ${N} each`);
    process.stderr.write(`  raw ${fmt(raw)} msg/s, Schild ${fmt(schild)} msg/s (raw with 5 connections: ${fmt(wide)} msg/s)\n`);

    // 2. Click tracking
    const [schildPort, barePort] = [await freePort(), await freePort()];
    const schildBase = `http://${HOST}:${schildPort}`;
    const bareBase = `http://${HOST}:${barePort}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(schildPort), HOST, DATA_DIR: dataDir, BASE_URL: schildBase, LOG_LEVEL: 'silent', SESSION_SECRET: SECRET };
    delete env.DATABASE_URL;
    delete env.METRICS_PORT;
    const seedRuntime = await bootstrap({ config: loadConfig(env) });
    const { tokens } = await seedCampaign(seedRuntime, 100, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await seedRuntime.close();
    const schildChild = startChild('Schild', [...startNodeFlags(), 'bin/schild.mjs', 'start'], env);
    const bareChild = startChild('bare Fastify', ['--import', 'tsx', 'bench/http/bare-server.ts'], { ...process.env, PORT: String(barePort), HOST });
    await Promise.all([waitForHealth('Schild', schildBase, schildChild), waitForHealth('bare Fastify', bareBase, bareChild)]);
    const click = `${schildBase}/p/${tokens[0]}`;
    const check = await fetch(click, { headers: { 'user-agent': FIREFOX } });
    if (check.status !== 200 || !(await check.text()).includes('landing-form')) throw new Error(`the landing page did not answer as expected (${check.status})`);
    const rows: Measured[] = [];
    rows.push(await measure({ key: 'bare', label: 'Bare Fastify 5 route', url: `${bareBase}/`, headers: {} }));
    rows.push(await measure({ key: 'click', label: 'Schild click (landing page)', url: click, headers: { 'user-agent': FIREFOX } }));
    const clickRatio = rows[1]!.result.requests.average / rows[0]!.result.requests.average;

    const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const results = [
      `Run: ${when}`,
      '',
      `Machine: ${machine()}`,
      '',
      `Sending: ${fmt(N)} recipients of template ${TEMPLATE} to smtp-server on 127.0.0.1, SQLite; one pooled connection, one message in flight (Schild's simulation transport).`,
      '',
      '| Path | Messages/s | vs raw |',
      '| --- | ---: | ---: |',
      `| Raw pooled nodemailer, the same rendered mail, 1 connection | ${fmt(raw)} | 1.000× |`,
      `| Schild: runCampaignBatch (claim, render, token, header, send, mark sent) | ${fmt(schild)} | ${fmt(schild / raw, 3)}× |`,
      `| For context: raw nodemailer, 5 connections, ${IN_FLIGHT} in flight | ${fmt(wide)} | ${fmt(wide / raw, 3)}× |`,
      '',
      'Click tracking (autocannon, SQLite, LOG_LEVEL=silent):',
      '',
      '| Target | Requests/s (mean) | p99 ms | vs bare |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.target.label} | ${fmt(r.result.requests.average)} | ${fmt(r.latency.p99, 2)} | ${fmt(r.result.requests.average / rows[0]!.result.requests.average, 3)}× |`),
    ].join('\n');
    console.log(`\n${results}\n`);
    console.log(`Sending ratio ${fmt(schild / raw, 3)} (goal ≥ 0.8); click ratio ${fmt(clickRatio, 3)}.`);
    if (process.env.BENCH_NO_README !== '1') await writeReadmeSection('phishing', results);
  } finally {
    await stopChildren();
    await rm(dataDir, { recursive: true, force: true });
    await rm(sendDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
