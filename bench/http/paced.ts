/**
 * The open-loop half of the 100-connection pass (bench/README.md, "Why two kinds of 100-connection run").
 *
 * autocannon's connections are closed loops: each sends its next request the moment the last answer arrives, so the
 * server is always saturated and, by Little's law, the mean latency is simply connections ÷ throughput (100
 * connections on a page that serves 250 requests/s wait 400 ms on average, however evenly it serves them). Its
 * `overallRate` option does not fix that: every connection sends its share of a second back to back at the start of
 * the second, which is a burst, not a rate.
 *
 * Here requests are sent on a fixed schedule (evenly spaced, `rate` per second) over `connections` keep-alive
 * connections that are all opened first and used in turn (FIFO), and each latency is measured from the moment the
 * request was due, not from when a connection became free (no coordinated omission): a request that has to wait for
 * a connection counts that wait. That is what 100 clients see at a load the server can sustain.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { MANY_CONNECTIONS, MANY_DURATION, MANY_WARMUP, intEnv, measure, ms, percentile, sampleSteal, type Measured, type Target } from './harness.ts';

export interface PacedResult {
  rate: number;
  sent: number;
  ok: number;
  failed: number;
  achieved: number;
  latency: { p50: number; p99: number; max: number };
  /**
   * The same requests' latency counted from when this client handed each one to its connection pool, not from when
   * it was due: it leaves out only the client's own lateness (its timer and event loop), and still counts the wait
   * for a free connection and every delay of the server. Used to judge a row whose client was late (pacedVerdict).
   */
  fromSend: { p50: number; p99: number; max: number };
  /**
   * How late this client itself sent the requests (p99, ms after each was due). Above CLIENT_LATE_MS the client, not
   * the server, set the pace (one core of JavaScript sends about 8,000–10,000 requests/s): the latencies then measure
   * the client's backlog and the row is judged on the closed-loop pass instead (bench/README.md).
   */
  sendDelayP99: number;
}

export const CLIENT_LATE_MS = 5;

/**
 * The p99 goal is judged on the paced pass (decision 0009), and only if the client delivered the load (achieved at
 * least 99 % of the rate). When the client could not keep the schedule (its own send delay above CLIENT_LATE_MS),
 * latencies counted from the due time include that lateness. Such a row passes if either of two upper bounds on what
 * the server caused is under 50 ms:
 * - the latency counted from when the client handed each request over, which leaves out only the client's own delay
 *   and still counts the wait for a free connection and every delay of the server;
 * - the closed-loop p99 (`closedP99`), measured with 100 requests always in flight at the server's maximum: latency
 *   does not fall as load rises, so a page that answers within 50 ms there does at 70 % of that load.
 * The closed-loop p99 alone is not a failure: Little's law fixes it at 100 ÷ throughput (1.1 s at 800 requests/s).
 */
export function pacedVerdict(open: Pick<PacedResult, 'rate' | 'achieved' | 'sendDelayP99' | 'latency' | 'fromSend'>, closedP99: number): string {
  if (open.achieved < 0.99 * open.rate) return `no (load not delivered: ${Math.round(open.achieved)} of ${Math.round(open.rate)} req/s)`;
  if (open.sendDelayP99 <= CLIENT_LATE_MS) return open.latency.p99 < 50 ? 'yes' : 'no';
  if (open.fromSend.p99 < 50) return `yes (client late: p99 from hand-over ${open.fromSend.p99.toFixed(1)} ms)`;
  if (closedP99 < 50) return `yes (client late: closed-loop p99 ${closedP99.toFixed(1)} ms)`;
  return `no (client late: p99 from hand-over ${open.fromSend.p99.toFixed(1)} ms, closed-loop p99 ${closedP99.toFixed(1)} ms)`;
}

function once(agent: http.Agent, target: Target, timeoutMs: number): Promise<number> {
  const url = new URL(target.url);
  return new Promise((resolve) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: target.method ?? 'GET', headers: target.headers, agent, timeout: timeoutMs },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    if (target.body) req.write(target.body);
    req.end();
  });
}

/** Sends `rate` requests per second for `seconds` (after `warmup` seconds at the same rate, not counted). */
export async function paced(target: Target, opts: { connections: number; rate: number; seconds: number; warmup: number; timeoutMs?: number }): Promise<PacedResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections, scheduling: 'fifo' });
  try {
    // Open every connection first: 100 clients are connected before the clock starts.
    const opened = await Promise.all(Array.from({ length: opts.connections }, () => once(agent, target, timeoutMs)));
    if (opened.some((s) => s < 200 || s >= 300)) throw new Error(`${target.label}: opening ${opts.connections} connections gave ${opened.filter((s) => s < 200 || s >= 300).length} failures`);

    const interval = 1000 / opts.rate;
    const total = Math.round(opts.rate * (opts.warmup + opts.seconds));
    const firstCounted = Math.round(opts.rate * opts.warmup);
    const times: number[] = [];
    const fromSend: number[] = [];
    const sendDelays: number[] = [];
    let ok = 0;
    let failed = 0;
    let sent = 0;
    const start = performance.now() + 5;
    const inFlight = new Set<Promise<void>>();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (sent < total && start + sent * interval <= now) {
          const due = start + sent * interval;
          const counted = sent >= firstCounted;
          if (counted) sendDelays.push(now - due);
          sent++;
          const handedOver = now;
          const p = once(agent, target, timeoutMs).then((status) => {
            if (!counted) return;
            if (status >= 200 && status < 300) {
              ok++;
              const done = performance.now();
              times.push(done - due);
              fromSend.push(done - handedOver);
            } else failed++;
          });
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
        if (sent >= total) return resolve();
        setTimeout(tick, Math.max(0, Math.min(interval, start + sent * interval - performance.now())));
      };
      tick();
    });
    const sendingEnded = performance.now();
    await Promise.all(inFlight);
    const sorted = Float64Array.from(times).sort();
    const sortedFromSend = Float64Array.from(fromSend).sort();
    const countedSpan = (sendingEnded - (start + firstCounted * interval)) / 1000;
    return {
      rate: opts.rate,
      sent: total - firstCounted,
      ok,
      failed,
      achieved: (ok + failed) / Math.max(countedSpan, 1e-3),
      latency: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN },
      fromSend: { p50: percentile(sortedFromSend, 50), p99: percentile(sortedFromSend, 99), max: sortedFromSend[sortedFromSend.length - 1] ?? NaN },
      sendDelayP99: percentile(Float64Array.from(sendDelays).sort(), 99),
    };
  } finally {
    agent.destroy();
  }
}

/** Garbage-collection seconds by kind and the longest event-loop delay since the last scrape, from Schild's /metrics. */
export interface RuntimeSample {
  gcSeconds: number;
  gcMajorSeconds: number;
  maxLoopDelayMs: number;
}

export async function scrapeRuntime(base: string, token: string): Promise<RuntimeSample> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const text = await res.text();
  let gcSeconds = 0;
  let gcMajorSeconds = 0;
  for (const m of text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="(\w+)"\} ([\d.e+-]+)$/gm)) {
    const v = Number(m[2]);
    gcSeconds += v;
    if (m[1] === 'major') gcMajorSeconds += v;
  }
  // prom-client resets its event-loop delay histogram on every scrape, so this is the maximum since the last one.
  const lag = Number(/^nodejs_eventloop_lag_max_seconds ([\d.e+-]+)$/m.exec(text)?.[1] ?? NaN);
  return { gcSeconds, gcMajorSeconds, maxLoopDelayMs: lag * 1000 };
}

/** Share of the closed-loop rate the paced pass sends (decision 0009: 70 %, the soak's load). */
export const PACED_SHARE = Number(process.env.BENCH_PACED_SHARE ?? '0.7');
export const PACED_DURATION = intEnv('BENCH_PACED_DURATION', 5);

/** Garbage collection as a share of wall time, and the longest event-loop delay, over one pass. */
export interface RuntimeShare {
  gcShare: number;
  majorShare: number;
  maxLoopDelayMs: number;
  raw: RuntimeSample;
}
export function runtimeDelta(a: RuntimeSample, b: RuntimeSample, seconds: number): RuntimeShare {
  return { gcShare: (b.gcSeconds - a.gcSeconds) / seconds, majorShare: (b.gcMajorSeconds - a.gcMajorSeconds) / seconds, maxLoopDelayMs: b.maxLoopDelayMs, raw: b };
}

/** One page at many connections: its closed-loop pass, then its paced pass, each with the server's GC and loop delay. */
export interface PageUnderLoad {
  closed: Measured;
  closedRt: RuntimeShare;
  open: PacedResult;
  openRt: RuntimeShare;
  /** CPU the host took from this VM during the paced pass (sampleSteal); null off Linux. */
  steal: { totalMs: number; worstMsPer100: number } | null;
}

/**
 * "p99 at 100 connections" for one page, as `npm run bench` and `npm run bench:pages` measure it (decision 0009):
 * autocannon's closed loop (warm-up, then `duration` s) for the maximum throughput, then the paced open loop at
 * `share` of it (warm-up, then `pacedSeconds`). Throws on any non-2xx answer, connection error or timeout in either.
 * `base` and `metricsToken` reach Schild's /metrics for GC and event-loop delay.
 */
export async function measurePageUnderLoad(
  base: string,
  metricsToken: string,
  target: Target,
  opts: { connections?: number; warmup?: number; duration?: number; pacedSeconds?: number; share?: number } = {},
): Promise<PageUnderLoad> {
  const { connections = MANY_CONNECTIONS, warmup = MANY_WARMUP, duration = MANY_DURATION, pacedSeconds = PACED_DURATION, share = PACED_SHARE } = opts;
  await scrapeRuntime(base, metricsToken); // resets the event-loop delay maximum
  const before = await scrapeRuntime(base, metricsToken);
  const closed = await measure(target, { connections, warmup, duration });
  const closedRt = runtimeDelta(before, await scrapeRuntime(base, metricsToken), warmup + duration);
  const rate = Math.max(1, Math.round(share * closed.result.requests.average));
  process.stderr.write(`    paced: ${connections} connections at ${rate} req/s, ${warmup} s + ${pacedSeconds} s … `);
  const stealSampler = sampleSteal();
  const open = await paced(target, { connections, rate, seconds: pacedSeconds, warmup });
  const steal = stealSampler.stop();
  const openRt = runtimeDelta(closedRt.raw, await scrapeRuntime(base, metricsToken), warmup + pacedSeconds + 1);
  if (open.failed > 0) throw new Error(`${target.label} (paced): ${open.failed} failed requests`);
  process.stderr.write(`p99 ${ms(open.latency.p99)} ms, client late p99 ${ms(open.sendDelayP99)} ms (max event-loop delay ${ms(openRt.maxLoopDelayMs)} ms)\n`);
  return { closed, closedRt, open, openRt, steal };
}
