/** `schild scan <domain>`: a one-off scan from the command line, as a readable report or as JSON. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLocale, type Locale } from '../core/locale.ts';
import { DEFAULT_DKIM_SELECTORS, retrieve } from '../adapters/scan/retriever.ts';
import { normaliseDomain, parsePortMap } from '../core/scan/domain-input.ts';
import type { translate as Translate } from '../i18n/index.ts';

const SYMBOL: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', info: 'i', error: '?', skipped: '-' };

export async function runScanCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
      resolver: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      'port-map': { type: 'string' },
      ca: { type: 'string' },
      lookalikes: { type: 'string', default: '150' },
    },
  });
  const domain = normaliseDomain(positionals[0] ?? '');
  const lang: Locale = isLocale(values.lang) ? values.lang : 'en';
  if (!domain) {
    console.error('Usage: schild scan <domain> [--json] [--lang nl|fr|de|en] [--resolver host:port] [--allow-private] [--port-map 443=8443,80=8080,25=2525] [--ca extra-roots.pem]');
    return 2;
  }
  const testing = values.resolver || values['allow-private'] || values['port-map'] || values.ca;
  if (testing && process.env.NODE_ENV === 'production') {
    console.error('--resolver, --allow-private, --port-map and --ca are for testing against local hosts and are refused in production.');
    return 2;
  }
  // What only the report needs (checks, texts, translations) loads while the network work runs: the scan starts as
  // soon as the arguments are read (bench/README.md, CLI start-up).
  const reportParts = Promise.all([import('../core/scan/grading.ts'), import('../http/presenters/scan.ts'), import('../adapters/scan-content.ts'), import('../i18n/index.ts')]);
  let translate: typeof Translate | undefined;
  const pendingProgress: string[] = [];
  const progressLine = (step: string, done: number, total: number) => `[${done}/${total}] ${translate!(lang, `scan.step.${step}` as Parameters<typeof Translate>[1])}\n`;
  const flushProgress = () => {
    for (const p of pendingProgress.splice(0)) {
      const [step, done, total] = p.split(' ');
      process.stderr.write(progressLine(step!, Number(done), Number(total)));
    }
  };
  void reportParts.then(([, , , i18n]) => {
    translate = i18n.translate;
    flushProgress();
  });
  const started = new Date();
  const snapshot = await retrieve(domain, {
    ...(values.resolver ? { resolver: values.resolver } : {}),
    allowPrivate: values['allow-private'] ?? false,
    portMap: parsePortMap(values['port-map']),
    ...(values.ca ? { extraCa: readFileSync(values.ca, 'utf8') } : {}),
    timeoutMs: 4000,
    budgetMs: 15_000,
    dkimSelectors: DEFAULT_DKIM_SELECTORS,
    lookalikes: Number(values.lookalikes) || 0,
    onProgress: values.json
      ? undefined
      : (step, done, total) => {
          // The first answers can come before the translations have loaded: those lines wait for them.
          if (translate) process.stderr.write(progressLine(step, done, total));
          else pendingProgress.push(`${step} ${done} ${total}`);
        },
  });
  const [{ analyze }, { presentChecks }, { loadScanMessages }, i18n] = await reportParts;
  translate = i18n.translate;
  flushProgress();
  const analysis = analyze(snapshot, new Date());
  const durationMs = Date.now() - started.getTime();
  const checks = presentChecks(loadScanMessages(), analysis.checks, lang, domain);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ domain, algorithmVersion: analysis.algorithmVersion, startedAt: started.toISOString(), durationMs, grade: analysis.grade, score: analysis.score, incomplete: analysis.incomplete, checks }, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  out.push('', `${translate(lang, 'scan.report_title')} ${domain}: ${translate(lang, 'scan.grade')} ${analysis.grade} (${analysis.score}/100)`, '');
  for (const group of ['mail', 'web', 'dns', 'brand'] as const) {
    const list = checks.filter((c) => c.id.startsWith(`${group}.`));
    if (list.length === 0) continue;
    out.push(translate(lang, `scan.group.${group}`));
    for (const c of list) {
      out.push(`  ${SYMBOL[c.status] ?? ' '} ${c.title}`);
      if (c.status === 'fail' || c.status === 'warn' || c.status === 'error') {
        out.push(`      ${c.explanation}`, `      → ${c.fix}`, `      (${translate(lang, 'scan.who')}: ${translate(lang, `scan.who.${c.who}` as Parameters<typeof translate>[1])})`);
      }
    }
    out.push('');
  }
  out.push(translate(lang, 'scan.method', { version: analysis.algorithmVersion, seconds: Math.max(1, Math.round(durationMs / 1000)) }));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
