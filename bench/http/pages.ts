/**
 * `npm run bench:pages`: issue 13's "p99 < 50 ms at 100 concurrent connections for every page", on every page a
 * visitor and the demo owner can reach, not only the ten main pages of `npm run bench`.
 *
 * 1. Starts Schild as `npm run bench` does (demo-schild.ts: `npm start`'s flags, SQLite in a throw-away DATA_DIR,
 *    `schild demo`, the demo owner signed in).
 * 2. Crawls (crawl.ts): as an anonymous visitor holding the CSRF cookie from /en/ (whose header and footer carry the
 *    public links), and as the demo owner from /en/account; same-origin `<a href>` links, GET only, /en/ only, no
 *    logout, no GET that changes state, no downloads; one URL per route pattern and visitor, at most PAGES_CRAWL_MAX
 *    (400) fetches. Prints how many patterns it found before measuring.
 * 3. Measures each page that answered 200 exactly as `npm run bench` measures its main pages at 100 connections
 *    (measurePageUnderLoad in paced.ts: closed loop 1 s + 2 s, then paced at 70 % of it, judged by pacedVerdict),
 *    with the paced pass PAGES_SECONDS (3) long. Pages that answered anything else are listed, not measured.
 * 4. Prints a markdown table and "N of M pages meet p99 < 50 ms", with the Schild process's peak RSS, and writes
 *    them into bench/README.md between `<!-- pages:start -->` and `<!-- pages:end -->` unless PAGES_NO_README=1.
 *
 * Any non-2xx answer, connection error or timeout while measuring fails the run (exit 1). A page that misses the goal
 * does not: the table says so. Knobs: PAGES_LIMIT (pages measured, default all; 0 crawls and lists only),
 * PAGES_SECONDS (3), PAGES_CRAWL_MAX (400), BENCH_PACED_SHARE (0.7).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crawl, takeTurns, type CrawledPage, type CrawlResult } from './crawl.ts';
import { startDemoSchild } from './demo-schild.ts';
import { MANY_CONNECTIONS, fmt, intEnv, machine, ms, sampleRss, stopChildren, writeReadmeSection, type Target } from './harness.ts';
import { measurePageUnderLoad, PACED_SHARE, pacedVerdict, type PageUnderLoad } from './paced.ts';

const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const CLOSED_WARMUP = 1;
const CLOSED_SECONDS = 2;
const PACED_SECONDS = intEnv('PAGES_SECONDS', 3);
const CRAWL_MAX = intEnv('PAGES_CRAWL_MAX', 400);

/** PAGES_LIMIT: a whole number ≥ 0 (0: crawl only); unset, every page found. */
function pagesLimit(): number {
  const raw = process.env.PAGES_LIMIT;
  if (raw === undefined || raw === '') return Infinity;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`PAGES_LIMIT must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

interface Row {
  page: CrawledPage;
  m: PageUnderLoad;
}

function table(rows: Row[]): string {
  const lines = [
    '| Visitor | Page (route pattern) | Closed loop req/s | Paced rate req/s | p50 ms | p99 ms | p99 < 50 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | :-: |',
  ];
  for (const { page, m } of rows) {
    lines.push(`| ${page.visitor} | \`${page.pattern}\` | ${fmt(m.closed.result.requests.average)} | ${fmt(m.open.rate)} | ${ms(m.open.latency.p50)} | ${ms(m.open.latency.p99)} | ${pacedVerdict(m.open, m.closed.latency.p99)} |`);
  }
  return lines.join('\n');
}

function crawlSummary(c: CrawlResult): string {
  const per = (v: string) => c.pages.filter((p) => p.visitor === v).length;
  const ok = c.pages.filter((p) => p.status === 200).length;
  const skipped = Object.entries(c.skipped).map(([why, n]) => `${n} ${why}`).join(', ') || 'none';
  return `Crawl: ${c.fetches} fetches${c.truncated ? ` (PAGES_CRAWL_MAX reached, links left unvisited)` : ''}, ${c.pages.length} route patterns (anonymous ${per('anonymous')}, owner ${per('owner')}), ${ok} of them answering 200 HTML; links not followed: ${skipped}.`;
}

function others(pages: CrawledPage[]): string {
  const lines = ['Patterns that did not answer 200, not measured:', '', '| Visitor | Page (route pattern) | Status |', '| --- | --- | --- |'];
  for (const p of pages) lines.push(`| ${p.visitor} | \`${p.pattern}\` | ${p.status}${p.location ? ` → \`${new URL(p.location, 'http://x').pathname}\`` : ''} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const limit = pagesLimit();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-pages-'));
  try {
    const { base, child, csrf, session } = await startDemoSchild(dataDir, METRICS_TOKEN);
    const rss = sampleRss(child.pid ?? 0);
    const cookies: Record<string, string> = { anonymous: `schild_csrf=${csrf}`, owner: `schild_csrf=${csrf}; schild_session=${session}` };
    const found = await crawl(
      base,
      [
        { name: 'anonymous', cookie: cookies.anonymous!, start: ['/en/'] },
        { name: 'owner', cookie: cookies.owner!, start: ['/en/account'] },
      ],
      CRAWL_MAX,
    );
    const summary = crawlSummary(found);
    process.stderr.write(`${summary}\n${found.pages.map((p) => `  ${p.visitor.padEnd(9)} ${String(p.status)} ${p.pattern}   (${p.path})`).join('\n')}\n`);
    const ok = found.pages.filter((p) => p.status === 200);
    const notOk = found.pages.filter((p) => p.status !== 200);
    const chosen = takeTurns(ok, limit);
    process.stderr.write(`Measuring ${chosen.length} of ${ok.length} pages: ${MANY_CONNECTIONS} connections, closed loop ${CLOSED_WARMUP} s + ${CLOSED_SECONDS} s, paced at ${fmt(PACED_SHARE * 100)} % for ${CLOSED_WARMUP} s + ${PACED_SECONDS} s.\n`);

    const rows: Row[] = [];
    for (const page of chosen) {
      const target: Target = { key: `${page.visitor} ${page.path}`, label: `${page.visitor} ${page.pattern}`, url: `${base}${page.path}`, headers: { cookie: cookies[page.visitor]! } };
      const m = await measurePageUnderLoad(base, METRICS_TOKEN, target, { warmup: CLOSED_WARMUP, duration: CLOSED_SECONDS, pacedSeconds: PACED_SECONDS });
      rows.push({ page, m });
    }
    const memory = rss.stop();
    rows.sort((a, b) => a.page.visitor.localeCompare(b.page.visitor));

    const meet = rows.filter(({ m }) => pacedVerdict(m.open, m.closed.latency.p99).startsWith('yes')).length;
    const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const text = [
      `Run: ${when}${Number.isFinite(limit) ? ` (PAGES_LIMIT=${limit})` : ''}`,
      '',
      `Machine: ${machine()}`,
      '',
      summary,
      '',
      `Each page: ${MANY_CONNECTIONS} connections, closed loop (autocannon) ${CLOSED_WARMUP} s warm-up then ${CLOSED_SECONDS} s, then paced at ${fmt(PACED_SHARE * 100)} % of that rate for ${CLOSED_WARMUP} s then ${PACED_SECONDS} s; p50 and p99 of the paced pass, counted from when each request was due; verdict by \`pacedVerdict\` (bench/http/paced.ts).`,
      '',
      table(rows),
      '',
      `**${meet} of ${rows.length} pages meet p99 < 50 ms**${chosen.length < ok.length ? ` (${ok.length - chosen.length} more pages answering 200 not measured: PAGES_LIMIT)` : ''}.`,
      '',
      `Schild process memory: peak RSS ${fmt(memory.peakMiB, 0)} MiB over crawl and measurement (VmRSS every 100 ms, ${fmt(memory.samples)} samples; goal < 200 MB).`,
      ...(notOk.length ? ['', others(notOk)] : []),
    ].join('\n');
    console.log(`\n${text}\n`);
    if (process.env.PAGES_NO_README !== '1') {
      await writeReadmeSection('pages', text);
      process.stderr.write('Results written to bench/README.md.\n');
    }
  } finally {
    await stopChildren();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch(async (err: unknown) => {
  console.error(`\nBenchmark FAILED: ${err instanceof Error ? err.message : String(err)}`);
  await stopChildren();
  process.exit(1);
});
