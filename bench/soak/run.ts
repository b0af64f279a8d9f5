/**
 * `npm run bench:soak`: Schild under a steady load for a long time (issue 13: "30 minutes at 70 % of the measured
 * maximum on the main pages and API, zero errors, flat memory").
 *
 * 1. Starts `schild start` on SQLite (throw-away DATA_DIR, demo data, 127.0.0.1 only) and signs the demo owner in.
 * 2. Measures the maximum throughput of the request mix (bench/soak/soak.ts) for SOAK_MAX_SECONDS (20).
 * 3. Runs the mix at 70 % of that (or SOAK_RATE requests/s) for SOAK_MINUTES (30), in one-minute slices, sampling
 *    the server's RSS and heap every 10 s.
 * Fails (exit 1) on any non-2xx/3xx answer, connection error or timeout. Reports latency percentiles per minute and
 * the RSS slope in MB per 10 minutes after a 2-minute warm-up, on stdout and in bench/README.md ("Soak").
 * Set SOAK_NO_README=1 to leave bench/README.md alone. Stops by itself after SOAK_MINUTES.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMix, maxThroughput, memorySlope, requestMix, soak, startSoakServer, type SoakResult } from './soak.ts';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

function num(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max}`);
  return n;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function report(r: SoakResult, minutes: number, load: string): string {
  const slope = memorySlope(r.memory, Math.min(120, (minutes * 60) / 4));
  const first = r.memory[0]!;
  const last = r.memory[r.memory.length - 1]!;
  const peak = Math.max(...r.memory.map((m) => m.rssMb));
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`SOAK_MINUTES=${minutes}${process.env.SOAK_RATE ? ` SOAK_RATE=${process.env.SOAK_RATE}` : ''} npm run bench:soak\`, on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average at the start: ${load}.`,
    '',
    `Mix (one of each in turn): ${r.mix.map((m) => `\`${m}\``).join(', ')}.`,
    '',
    `| measure | value |`,
    `| --- | ---: |`,
    `| maximum throughput of the mix (10 connections) | ${r.maxRate === undefined ? 'not measured (SOAK_RATE given)' : `${fmt(r.maxRate)} req/s`} |`,
    `| soak rate | ${fmt(r.rate)} req/s${r.maxRate ? ` (${fmt((100 * r.rate) / r.maxRate)} % of the maximum)` : ''} |`,
    `| requests / errors (non-2xx/3xx, connection errors, timeouts) | ${fmt(r.requests)} / ${r.errors} |`,
    `| RSS at start → end (peak) | ${fmt(first.rssMb, 1)} → ${fmt(last.rssMb, 1)} MB (${fmt(peak, 1)} MB) |`,
    `| heap used at start → end | ${fmt(first.heapMb, 1)} → ${fmt(last.heapMb, 1)} MB |`,
    `| RSS slope after the warm-up | ${fmt(slope, 2)} MB per 10 min |`,
    '',
    '| minute | requests | achieved req/s | errors | p50 ms | p90 ms | p99 ms | max ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.slices.map((s, i) => `| ${i + 1} | ${fmt(s.requests)} | ${fmt(s.requests / 60, 1)} | ${s.errors} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.max} |`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const minutes = num('SOAK_MINUTES', 30, 0.1, 24 * 60);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  const server = await startSoakServer();
  try {
    const mix = requestMix(server);
    await checkMix(server, mix);
    let maxRate: number | undefined;
    let rate = num('SOAK_RATE', 0, 0, 100_000);
    if (!rate) {
      process.stderr.write('measuring the maximum throughput … ');
      maxRate = await maxThroughput(server, mix, num('SOAK_MAX_SECONDS', 20, 2, 600));
      rate = Math.max(1, Math.round(0.7 * maxRate));
      process.stderr.write(`${Math.round(maxRate)} req/s; soaking at ${rate} req/s for ${minutes} min\n`);
    }
    const result = await soak(server, mix, {
      rate,
      seconds: Math.round(minutes * 60),
      sliceSeconds: 60,
      sampleSeconds: 10,
      onSlice: (s) => process.stderr.write(`  ${s.t} s: ${s.requests} requests, ${s.errors} errors, p99 ${s.p99} ms\n`),
    });
    const text = report({ ...result, maxRate }, minutes, load);
    console.log(text);
    if (process.env.SOAK_NO_README !== '1') {
      const current = await readFile(README, 'utf8');
      const [a, b] = [current.indexOf('<!-- soak:start -->'), current.indexOf('<!-- soak:end -->')];
      if (a >= 0 && b > a) await writeFile(README, `${current.slice(0, a + '<!-- soak:start -->'.length)}\n${text}\n${current.slice(b)}`);
    }
    if (result.errors > 0) {
      console.error(`FAIL: ${result.errors} errors during the soak`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
