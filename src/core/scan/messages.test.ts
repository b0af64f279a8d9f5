import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { certificateFindings } from './certificate.ts';
import { couldNotTest, defineCheck, type CheckOutcome } from './check.ts';
import { webCookies } from './checks/web-cookies.check.ts';
import { analyze } from './grading.ts';
import {
  SCAN_MESSAGE_KEYS,
  SCAN_MESSAGE_PARAMS,
  describeOutcome,
  fillPlaceholders,
  placeholdersOf,
  validateScanMessages,
  type ScanMessages,
} from './messages.ts';
import { ALL_CHECKS, CHECK_IDS } from './registry.ts';
import { NOW, certificate, finalHop, goodSnapshot, inDays, snapshotWith } from './snapshot.fixture.ts';
import type { Snapshot } from './snapshot.ts';

const SCAN_DIR = dirname(fileURLToPath(import.meta.url));
const JSON_PATH = resolve(SCAN_DIR, '../../../content/scan/messages.json');
const LANGS = ['nl', 'fr', 'de', 'en'] as const;
const DECLARED: Readonly<Record<string, readonly string[]>> = SCAN_MESSAGE_PARAMS;

function loadJson(): unknown {
  return JSON.parse(readFileSync(JSON_PATH, 'utf8'));
}

// ---------------------------------------------------------------------------------------------------------------
// What the code can produce, read from the sources

/**
 * The sources that produce message keys: every check, every module they import (transitively, type-only imports
 * aside), and grading.ts, which turns captures that failed and checks that threw into outcomes.
 */
function producerFiles(): string[] {
  const queue = readdirSync(join(SCAN_DIR, 'checks'))
    .filter((f) => f.endsWith('.check.ts'))
    .map((f) => join(SCAN_DIR, 'checks', f));
  queue.push(join(SCAN_DIR, 'grading.ts'));
  const seen = new Set<string>();
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const stmt of parse(file).statements) {
      if (!ts.isImportDeclaration(stmt) || stmt.importClause?.isTypeOnly || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      const spec = stmt.moduleSpecifier.text;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
    }
  }
  return [...seen].sort();
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let sf = parsed.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(file, sf);
  }
  return sf;
}

/** A message key: `<check id>.<name>` (possibly deeper, as mail.starttls.cert.expired) or a shared `<area>.<name>`. */
const KEY_SHAPE = /^(brand|dns|mail|web|scan)\.[a-z0-9_]+(\.[a-z0-9_]+)*$/;

interface Occurrence {
  key: string;
  where: string;
  /** Param names when the finding object is written out in the source; 'dynamic' when only known at runtime. */
  params: string[] | 'dynamic';
}

function isMessageKeyLiteral(text: string): boolean {
  if (!KEY_SHAPE.test(text) || (CHECK_IDS as readonly string[]).includes(text)) return false;
  const shared = text.split('.').length === 2;
  return shared || CHECK_IDS.some((id) => text.startsWith(`${id}.`));
}

function calleeName(call: ts.CallExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

/** String literals an expression can evaluate to (literal, parenthesised, or either branch of `a ? 'x' : 'y'`). */
function literalsOf(node: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literalsOf(node.whenTrue);
    const b = literalsOf(node.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** Property names of an object literal, or 'dynamic' for anything else (a variable, a spread, `x ?? {}`). */
function paramNames(node: ts.Expression | undefined): string[] | 'dynamic' {
  if (node === undefined) return [];
  if (!ts.isObjectLiteralExpression(node)) return 'dynamic';
  const names: string[] = [];
  for (const p of node.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name)) names.push(p.name.text);
    else return 'dynamic';
  }
  return names;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

interface Scan {
  occurrences: Occurrence[];
  /** Prefixes handed to certificateFindings, which builds `${prefix}.<problem>` keys. */
  certPrefixes: string[];
  /** Template keys `${x}.suffix`, by the expression x. */
  templates: { expression: string; suffix: string; where: string; params: string[] | 'dynamic' }[];
  files: string[];
}

function scanSources(): Scan {
  const scan: Scan = { occurrences: [], certPrefixes: [], templates: [], files: producerFiles() };
  for (const file of scan.files) {
    const sf = parse(file);
    const where = (node: ts.Node) => `${relative(SCAN_DIR, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    // Literals already accounted for by a `key:` property or a skipped() call, so the catch-all below skips them.
    const handled = new Set<ts.Node>();
    const markLiterals = (node: ts.Expression): void => {
      if (ts.isParenthesizedExpression(node)) markLiterals(node.expression);
      else if (ts.isConditionalExpression(node)) {
        markLiterals(node.whenTrue);
        markLiterals(node.whenFalse);
      } else handled.add(node);
    };

    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const key = property(node, 'key');
        if (key) {
          const params = paramNames(property(node, 'params'));
          const literals = literalsOf(key);
          if (literals) {
            for (const k of literals) if (isMessageKeyLiteral(k)) scan.occurrences.push({ key: k, where: where(key), params });
            markLiterals(key);
          } else if (ts.isTemplateExpression(key) && key.head.text === '' && key.templateSpans.length === 1) {
            const span = key.templateSpans[0];
            if (span && /^\.[a-z0-9_.]+$/.test(span.literal.text))
              scan.templates.push({ expression: span.expression.getText(sf), suffix: span.literal.text, where: where(key), params });
          }
        }
      }
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        const [first, second] = node.arguments;
        if (name === 'skipped' && first) {
          for (const k of literalsOf(first) ?? []) scan.occurrences.push({ key: k, where: where(first), params: paramNames(second) });
          markLiterals(first);
        }
        if (name === 'certificateFindings') {
          const prefix = node.arguments[3];
          for (const p of (prefix && literalsOf(prefix)) ?? []) scan.certPrefixes.push(p);
          if (prefix) markLiterals(prefix);
        }
        // A prefix to match keys against, not a key: findings.some((f) => f.key.startsWith('web.cookies.session_'))
        if (name === 'startsWith' && first) markLiterals(first);
      }
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !handled.has(node) && isMessageKeyLiteral(node.text)) {
        // A key handed to a helper (web.cookies' add(), grading's errorOutcome()): its params are checked at runtime.
        scan.occurrences.push({ key: node.text, where: where(node), params: 'dynamic' });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return scan;
}

/** Every key the code can produce, with where and with which params. */
function producedKeys(): { occurrences: Occurrence[]; files: string[] } {
  const scan = scanSources();
  const occurrences = [...scan.occurrences];
  for (const t of scan.templates) {
    let bases: readonly string[];
    if (t.expression === 'spec.id')
      bases = CHECK_IDS; // check.ts: a check without findings passes with `<id>.ok`
    else if (t.expression === 'prefix')
      bases = scan.certPrefixes; // certificate.ts
    else throw new Error(`${t.where}: message key built from \`\${${t.expression}}\`: teach messages.test.ts what it can be`);
    for (const base of bases) occurrences.push({ key: `${base}${t.suffix}`, where: t.where, params: t.params });
  }
  return { occurrences, files: scan.files };
}

// ---------------------------------------------------------------------------------------------------------------
// Outcomes actually produced, for keys whose params the source does not spell out

function runtimeSamples(): { key: string; params: Record<string, string | number> }[] {
  const samples: { key: string; params: Record<string, string | number> }[] = [];
  for (const prefix of ['web.cert', 'mail.starttls.cert']) {
    const broken = certificate(['other.be'], {
      notBefore: inDays(2),
      notAfter: inDays(-1),
      chainTrusted: false,
      chainError: 'SELF_SIGNED',
    });
    const expiring = certificate(['example.be'], { notAfter: inDays(5) });
    for (const cert of [broken, expiring])
      for (const f of certificateFindings(cert, 'example.be', NOW, prefix, { broken: 'high', expiring: 'medium' }))
        samples.push({ key: f.key, params: f.params ?? {} });
  }
  const cookieSnap = snapshotWith((s) => {
    finalHop(s).setCookies = ['sessionid=abc', 'tracker=1; SameSite=None'];
  });
  const cookies = webCookies(cookieSnap, { now: NOW }).details.findings as { key: string; params: Record<string, string | number> }[];
  samples.push(...cookies.map((f) => ({ key: f.key, params: f.params })));

  const failing = defineCheck({ id: 'web.https', severity: 'high', role: 'web' }, () => {
    throw new Error('boom');
  });
  const crashed = analyze(goodSnapshot(), NOW, [failing]).checks[0];
  if (crashed) samples.push({ key: crashed.messageKey, params: crashed.params });
  const blocked = analyze(
    snapshotWith((s) => void (s.checkErrors['web.https'] = { reason: 'timeout' })),
    NOW,
    ALL_CHECKS.filter((c) => c.id === 'web.https'),
  ).checks[0];
  if (blocked) samples.push({ key: blocked.messageKey, params: blocked.params });
  const untestable = couldNotTest('blocked');
  samples.push({ key: untestable.key, params: untestable.params ?? {} });
  return samples;
}

// ---------------------------------------------------------------------------------------------------------------

describe('SCAN_MESSAGE_KEYS against the check sources', () => {
  const { occurrences, files } = producedKeys();
  const produced = new Set(occurrences.map((o) => o.key));

  it('reads the checks, their helpers and grading.ts', () => {
    const names = files.map((f) => relative(SCAN_DIR, f));
    for (const c of ['checks/mail-dmarc.check.ts', 'check.ts', 'certificate.ts', 'web-response.ts', 'grading.ts'])
      expect(names).toContain(c);
  });

  it('lists every messageKey the code can produce', () => {
    const missing = occurrences
      .filter((o) => !(SCAN_MESSAGE_KEYS as readonly string[]).includes(o.key))
      .map((o) => `${o.key} (${o.where})`);
    expect(missing).toEqual([]);
  });

  it('lists no key that the code cannot produce', () => {
    expect(SCAN_MESSAGE_KEYS.filter((k) => !produced.has(k))).toEqual([]);
  });

  it('includes the pass key of every check and the shared keys', () => {
    for (const id of CHECK_IDS) expect(SCAN_MESSAGE_KEYS).toContain(`${id}.ok`);
    for (const k of ['scan.could_not_test', 'scan.check_failed', 'web.no_website', 'web.no_https', 'mail.no_mail'])
      expect(SCAN_MESSAGE_KEYS).toContain(k);
  });

  it('declares exactly the params the code passes for each key', () => {
    const seen = new Map<string, Set<string>>();
    const record = (key: string, params: readonly string[], where: string, problems: string[]) => {
      const declared = DECLARED[key] ?? [];
      for (const p of params) if (!declared.includes(p)) problems.push(`${key}: param ${p} (${where}) is not declared`);
      const set = seen.get(key) ?? new Set<string>();
      for (const p of params) set.add(p);
      seen.set(key, set);
    };
    const problems: string[] = [];
    for (const o of occurrences) if (o.params !== 'dynamic') record(o.key, o.params, o.where, problems);
    for (const s of runtimeSamples()) record(s.key, Object.keys(s.params), 'runtime sample', problems);
    for (const key of SCAN_MESSAGE_KEYS) {
      const observed = seen.get(key);
      if (!observed) {
        problems.push(`${key}: params never observed (written out in the source or in runtimeSamples())`);
        continue;
      }
      for (const p of DECLARED[key] ?? []) if (!observed.has(p)) problems.push(`${key}: declared param ${p} is never passed`);
    }
    expect(problems).toEqual([]);
  });
});

describe('content/scan/messages.json', () => {
  const messages = validateScanMessages(loadJson());

  it('validates: a title per check, a text per key in nl/fr/de/en, identical placeholders that the key passes', () => {
    expect(Object.keys(messages.checks).sort()).toEqual([...CHECK_IDS].sort());
    expect(Object.keys(messages.messages).sort()).toEqual([...SCAN_MESSAGE_KEYS].sort());
    for (const key of SCAN_MESSAGE_KEYS) {
      const text = messages.messages[key];
      for (const field of ['explanation', 'fix'] as const) {
        const en = placeholdersOf(text?.en[field] ?? '');
        for (const lang of LANGS) expect(placeholdersOf(text?.[lang][field] ?? ''), `${key}.${lang}.${field}`).toEqual(en);
      }
    }
  });

  it('is translated: no language copies the English text', () => {
    const copies: string[] = [];
    for (const [key, text] of Object.entries(messages.messages))
      for (const lang of ['nl', 'fr', 'de'] as const)
        for (const field of ['explanation', 'fix'] as const)
          if (text[lang][field] === text.en[field]) copies.push(`${key}.${lang}.${field}`);
    for (const [id, t] of Object.entries(messages.checks))
      for (const lang of ['nl', 'fr', 'de'] as const) if (t[lang].title === t.en.title) copies.push(`${id}.${lang}`);
    expect(copies).toEqual([]);
  });

  it('follows Belgian French typography: a no-break space before : ; ! ? and inside « »', () => {
    const bad: string[] = [];
    const texts = [
      ...Object.entries(messages.checks).map(([id, t]) => [id, t.fr.title] as const),
      ...Object.entries(messages.messages).flatMap(([key, t]) => [
        [`${key}.explanation`, t.fr.explanation] as const,
        [`${key}.fix`, t.fr.fix] as const,
      ]),
    ];
    for (const [where, text] of texts) if (/ [:;!?»]|« /.test(text)) bad.push(`${where}: ${text}`);
    expect(bad).toEqual([]);
  });

  it('addresses the owner as je in Dutch and Sie in German', () => {
    const formal: string[] = [];
    for (const [key, t] of Object.entries(messages.messages)) {
      if (/\b(u|uw)\b/i.test(`${t.nl.explanation} ${t.nl.fix}`)) formal.push(`${key}.nl`);
      if (/\b(du|dein\w*)\b/i.test(`${t.de.explanation} ${t.de.fix}`)) formal.push(`${key}.de`);
    }
    expect(formal).toEqual([]);
  });

  it('leaves no placeholder unfilled for outcomes of real snapshots', () => {
    const snaps: Snapshot[] = [
      goodSnapshot(),
      snapshotWith((s) => {
        s.mail.dmarcTxt = { status: 'nodata' };
        s.mail.apexTxt = { status: 'ok', records: ['v=spf1 include:_spf.example.net +all'] };
        s.web.tls = { host: 'example.be', status: 'timeout' };
        s.dns.dnssec.bogus = true;
        finalHop(s).setCookies = ['sessionid=abc'];
        finalHop(s).headers = { server: 'Apache/2.4.41' };
      }),
    ];
    const outcomes: CheckOutcome[] = snaps.flatMap((s) => analyze(s, NOW).checks);
    expect(new Set(outcomes.map((o) => o.status)).size).toBeGreaterThan(2);
    for (const o of outcomes)
      for (const lang of LANGS) {
        const text = describeOutcome(messages, o, lang, 'example.be');
        for (const part of [text.title, text.explanation, text.fix]) expect(part, `${o.messageKey} ${lang}`).not.toMatch(/\{\w+\}/);
      }
  });
});

describe('describeOutcome', () => {
  const messages = validateScanMessages(loadJson());

  it('fills in the domain and the params', () => {
    const text = describeOutcome(
      messages,
      { id: 'mail.dkim', messageKey: 'mail.dkim.key_too_weak', params: { selector: 's1', bits: 512 } },
      'en',
      'bakker.be',
    );
    expect(text.title).toBe(messages.checks['mail.dkim']?.en.title);
    expect(text.explanation).toContain('‘s1’');
    expect(text.explanation).toContain('512 bits');
  });

  it('uses the DMARC record with the scanned domain', () => {
    const text = describeOutcome(messages, { id: 'mail.dmarc', messageKey: 'mail.dmarc.policy_none', params: {} }, 'fr', 'bakker.be');
    expect(text.fix).toContain('v=DMARC1; p=quarantine; rua=mailto:dmarc@bakker.be');
    expect(text.fix).toContain('_dmarc.bakker.be');
  });

  it('lets a domain param win over the scanned domain (mail.spf names the broken include)', () => {
    const text = describeOutcome(
      messages,
      { id: 'mail.spf', messageKey: 'mail.spf.include_without_spf', params: { domain: 'spf.mailer.example' } },
      'nl',
      'bakker.be',
    );
    expect(text.explanation).toContain('spf.mailer.example');
    expect(text.explanation).not.toContain('bakker.be');
  });

  it('does not throw on a key of another algorithm version', () => {
    expect(describeOutcome(messages, { id: 'web.old', messageKey: 'web.old.gone', params: {} }, 'de', 'bakker.be')).toEqual({
      title: 'web.old',
      explanation: 'web.old.gone',
      fix: '',
    });
  });

  it('leaves unknown placeholders as they are', () => {
    expect(fillPlaceholders('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('validateScanMessages', () => {
  const fresh = (): ScanMessages => structuredClone(loadJson()) as ScanMessages;
  const text = (data: ScanMessages, key: string) => {
    const t = data.messages[key];
    if (!t) throw new Error(`no ${key}`);
    return t;
  };

  it('rejects a missing message', () => {
    const data = fresh();
    delete data.messages['web.hsts.missing'];
    expect(() => validateScanMessages(data)).toThrow(/message web\.hsts\.missing is missing/);
  });

  it('rejects a missing title', () => {
    const data = fresh();
    delete data.checks['dns.caa'];
    expect(() => validateScanMessages(data)).toThrow(/check dns\.caa has no title/);
  });

  it('rejects a missing language', () => {
    const data = fresh() as unknown as { messages: Record<string, Record<string, unknown>> };
    delete data.messages['web.hsts.missing']?.de;
    expect(() => validateScanMessages(data)).toThrow(/web\.hsts\.missing\.de/);
  });

  it('rejects a key no check produces and a check that does not exist', () => {
    const data = fresh();
    data.messages['web.hsts.typo'] = text(data, 'web.hsts.missing');
    const title = data.checks['web.hsts'];
    if (title) data.checks['web.nothing'] = title;
    expect(() => validateScanMessages(data)).toThrow(/web\.hsts\.typo: no check produces this key/);
    expect(() => validateScanMessages(data)).toThrow(/checks\.web\.nothing: not a check in ALL_CHECKS/);
  });

  it('rejects placeholders that differ between languages', () => {
    const data = fresh();
    text(data, 'mail.dkim.key_short').de.explanation = 'Der DKIM-Schlüssel ist zu kurz.';
    expect(() => validateScanMessages(data)).toThrow(/mail\.dkim\.key_short\.explanation\.de: placeholders/);
  });

  it('rejects a placeholder the key does not pass', () => {
    const data = fresh();
    for (const lang of LANGS) text(data, 'web.xcto.missing')[lang].fix += ' {value}';
    expect(() => validateScanMessages(data)).toThrow(/web\.xcto\.missing\.fix\.en: \{value\} is not a param/);
  });

  it('rejects a broken placeholder', () => {
    const data = fresh();
    for (const lang of LANGS) text(data, 'web.xcto.missing')[lang].fix += ' {domain';
    expect(() => validateScanMessages(data)).toThrow(/stray \{ or \}/);
  });

  it('rejects an empty text', () => {
    const data = fresh();
    text(data, 'web.xcto.missing').nl.fix = ' ';
    expect(() => validateScanMessages(data)).toThrow(/web\.xcto\.missing\.nl\.fix/);
  });
});
