/**
 * `npm run bench:phishing`: the two hot paths of phishing simulations, each as a ratio to a baseline in the same run.
 *
 * 1. Sending: N recipients (BENCH_PHISHING_RECIPIENTS, 10,000) to a local SMTP sink (smtp-server on 127.0.0.1).
 *    - raw: nodemailer's pooled transport sending the same number of small fixed messages, the floor;
 *    - Schild: reads pending recipients from SQLite in batches, renders each mail from a template in the person's
 *      language with their first name and the company, derives the link token (HMAC, shared contract), adds the
 *      `X-Schild-Simulation` header, sends through the same pooled transport settings and marks the row sent.
 *      TODO(H1): this stands in for H1's campaign sender; switch to it once merged.
 *    Ratio = Schild messages/s ÷ raw messages/s (goal ≥ 0.8).
 * 2. Click tracking: GET /p/<token> on a running Schild (child process, SQLite) against a bare Fastify route
 *    (bench/http/bare-server.ts), with autocannon. Each Schild request looks the token up, runs the scanner filter,
 *    writes an event and renders the landing page.
 *
 * Knobs: BENCH_PHISHING_RECIPIENTS, BENCH_PHISHING_CONCURRENCY (200 in flight), BENCH_CONNECTIONS, BENCH_DURATION,
 * BENCH_WARMUP, BENCH_NO_README=1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadTeachingTemplates } from '../../src/adapters/phishing-content.ts';
import { recipientToken, seedSentCampaign } from '../../src/app/phishing-seed.ts';
import { loadConfig } from '../../src/config.ts';
import { firstNameOf, markedMail } from '../../src/core/phishing/teaching.ts';
import { insertCompany } from '../../src/db/repositories/company.repository.ts';
import { bootstrap, type Runtime } from '../../src/entrypoints/bootstrap.ts';
import { DEMO_PROFILE } from '../../src/entrypoints/demo.ts';
import { fmt, freePort, HOST, intEnv, machine, measure, startChild, stopChildren, waitForHealth, writeReadmeSection, type Measured } from '../http/run.ts';

const N = intEnv('BENCH_PHISHING_RECIPIENTS', 10_000);
const IN_FLIGHT = intEnv('BENCH_PHISHING_CONCURRENCY', 200);
const POOL = { pool: true, maxConnections: 5, maxMessages: Infinity } as const;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const TEMPLATES = path.resolve(import.meta.dirname, '../../test/fixtures/phishing/templates');

async function startSink(): Promise<{ port: number; received: () => number; stop: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // No reverse DNS lookup of the (loopback) client: no resolver traffic, and no lookup time in the numbers.
    disableReverseLookup: true,
    logger: false,
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

async function rawSend(port: number): Promise<number> {
  const transporter = nodemailer.createTransport({ host: HOST, port, secure: false, ignoreTLS: true, ...POOL });
  const started = performance.now();
  await pooled(N, IN_FLIGHT, async (i) => {
    await transporter.sendMail({ from: 'sender@bench.example', to: `person${i}@bench.example`, subject: 'Hello', text: 'A short message.' });
  });
  const seconds = (performance.now() - started) / 1000;
  transporter.close();
  return N / seconds;
}

async function seedPending(runtime: Runtime, people: number, sentAt: Date | null): Promise<{ campaignId: string; companyId: string; tokens: string[] }> {
  const deps = runtime.deps;
  const companyId = crypto.randomUUID();
  await insertCompany(deps.db, companyId, { ...DEMO_PROFILE, name: 'Bench Bakery' }, new Date().toISOString());
  const seeded = await deps.db.transaction().execute((trx) =>
    seedSentCampaign(deps, trx, {
      companyId,
      createdBy: 'bench',
      name: 'Bench',
      templateId: 'test-parcel',
      domain: 'bench.example',
      startsAt: new Date(Date.now() - 3_600_000),
      people: Array.from({ length: people }, (_, i) => ({ email: `person${i}@bench.example`, name: `Person ${i}`, language: (['nl', 'fr', 'de', 'en'] as const)[i % 4]!, sentAt })),
    }),
  );
  return { campaignId: seeded.campaignId, companyId, tokens: seeded.recipients.map((r) => r.token) };
}

/** Stand-in for H1's sender: SQLite batches → render per person → pooled SMTP → mark sent. */
async function schildSend(port: number, runtime: Runtime): Promise<number> {
  const { db, config } = runtime.deps;
  const template = loadTeachingTemplates(TEMPLATES).get('test-parcel')!;
  const { campaignId } = await seedPending(runtime, N, null);
  const transporter = nodemailer.createTransport({ host: HOST, port, secure: false, ignoreTLS: true, ...POOL });
  const started = performance.now();
  for (;;) {
    // Benchmark harness, not product code: the sender's queries will live in H1's repository.
    const batch = await db
      .selectFrom('phishing_recipients as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .innerJoin('phishing_campaigns as c', 'c.id', 'r.campaign_id')
      .innerJoin('companies as co', 'co.id', 'c.company_id')
      .select(['r.id', 'r.language', 'p.email', 'p.display_name', 'co.name as company'])
      .where('r.campaign_id', '=', campaignId)
      .where('r.send_state', '=', 'pending')
      .limit(IN_FLIGHT * 2)
      .execute();
    if (batch.length === 0) break;
    await pooled(batch.length, IN_FLIGHT, async (i) => {
      const r = batch[i]!;
      const lang = r.language as 'nl' | 'fr' | 'de' | 'en';
      const token = recipientToken(SECRET, r.id);
      const m = markedMail(template.i18n[lang], { firstName: firstNameOf(r.display_name, ''), company: r.company });
      const link = `${config.baseUrl}/p/${token}`;
      const info = await transporter.sendMail({
        from: `"${m.senderName}" <${m.senderLocal}@bench.example>`,
        to: r.email,
        subject: m.subject,
        text: `${m.body.join('\n\n')}\n\n${m.button}: ${link}\n`,
        html: `${m.body.map((b) => `<p>${b}</p>`).join('')}<p><a href="${link}">${m.button}</a></p><img src="${link}/pixel.gif" alt="" width="1" height="1">`,
        headers: { 'X-Schild-Simulation': token },
      });
      await db.updateTable('phishing_recipients').set({ send_state: 'sent', sent_at: new Date().toISOString(), message_id: info.messageId }).where('id', '=', r.id).execute();
    });
  }
  const seconds = (performance.now() - started) / 1000;
  transporter.close();
  return N / seconds;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-phishing-'));
  const sendDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-send-'));
  try {
    // 1. Sending
    process.stderr.write(`Sending ${fmt(N)} messages to a local SMTP sink, raw pooled nodemailer then Schild …\n`);
    const sink = await startSink();
    const sendRuntime = await bootstrap({ config: { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: sendDir, SESSION_SECRET: SECRET, LOG_LEVEL: 'silent' }) } });
    const raw = await rawSend(sink.port);
    const afterRaw = sink.received();
    const schild = await schildSend(sink.port, sendRuntime);
    const delivered = sink.received() - afterRaw;
    await sendRuntime.close();
    await sink.stop();
    if (afterRaw !== N || delivered !== N) throw new Error(`the sink received ${afterRaw} raw and ${delivered} Schild messages, expected ${N} each`);
    process.stderr.write(`  raw ${fmt(raw)} msg/s, Schild ${fmt(schild)} msg/s\n`);

    // 2. Click tracking
    const [schildPort, barePort] = [await freePort(), await freePort()];
    const schildBase = `http://${HOST}:${schildPort}`;
    const bareBase = `http://${HOST}:${barePort}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(schildPort), HOST, DATA_DIR: dataDir, BASE_URL: schildBase, LOG_LEVEL: 'silent', SESSION_SECRET: SECRET };
    delete env.DATABASE_URL;
    delete env.METRICS_PORT;
    const seedRuntime = await bootstrap({ config: loadConfig(env) });
    const { tokens } = await seedPending(seedRuntime, 100, new Date(Date.now() - 3_600_000));
    await seedRuntime.close();
    const schildChild = startChild('Schild', ['bin/schild.mjs', 'start'], env);
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
      `Sending: ${fmt(N)} recipients, ${IN_FLIGHT} in flight, pooled nodemailer (5 connections) to smtp-server on 127.0.0.1, SQLite.`,
      '',
      '| Path | Messages/s | vs raw |',
      '| --- | ---: | ---: |',
      `| Raw pooled nodemailer, fixed small message | ${fmt(raw)} | 1.000× |`,
      `| Schild: batch from SQLite, render per person, token, header, mark sent | ${fmt(schild)} | ${fmt(schild / raw, 3)}× |`,
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
