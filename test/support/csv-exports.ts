/**
 * Every CSV download of the application, for the CSV-injection test (test/integration/csv-exports.test.ts): how to
 * reach it, as which role, and how someone else puts text of their choosing into each free-text field it exports. A
 * new CSV route fails that test's guard until it is listed here.
 */
import type { LightMyRequestResponse } from 'fastify';
import { THEMES } from '../../src/core/assessment/catalog.ts';
import { insertRelease } from '../../src/db/repositories/open-data.repository.ts';
import type { Browser, TestApp } from './app.ts';
import { brusselsWallClock } from './flows.ts';

/** The company's people, each in the role an attack needs: the one who types the text and the one who downloads. */
export interface ExportCtx {
  t: TestApp;
  companyId: string;
  owner: Browser;
  admin: Browser;
  member: Browser;
}

/** One planted row: column index → the text as the application stores it (before any CSV escaping). */
export type PlantedRow = Record<number, string>;

export interface Planted {
  download: () => Promise<LightMyRequestResponse>;
  rows: PlantedRow[];
  /** The number of data rows the export must have, when the test knows it. */
  dataRows?: number;
}

export interface CsvExport {
  /** The route exactly as registered (Fastify's route table). */
  route: string;
  /** The source file that writes the CSV. */
  source: string;
  /** Who downloads it, and who can write the text it carries. */
  reader: string;
  writer: string;
  /** The free-text columns, by header position. */
  freeText: number[];
  /** Columns the export promises as numbers (docs): plain unquoted integers, or empty for "hidden". */
  numeric?: number[];
  plant: (ctx: ExportCtx, payloads: readonly string[]) => Promise<Planted>;
}

export const CSV_EXPORTS: CsvExport[] = [
  {
    route: '/:lang/companies/:companyId/answers.csv',
    source: 'src/http/web/assessment/assessment.routes.tsx',
    reader: 'member (company "view")',
    writer: 'admin (company "assess"): the note of each control on the self-assessment pages',
    freeText: [5],
    async plant({ companyId, admin, member }, payloads) {
      // The controls that apply to this company, as the theme pages show them (a theme that does not apply is a 404).
      const byTheme = new Map<string, string[]>();
      for (const theme of THEMES) {
        const page = await admin.get(`/en/companies/${companyId}/assessment/${theme}`);
        if (page.statusCode !== 200) continue;
        byTheme.set(theme, [...new Set([...page.body.matchAll(/name="n_([^"]+)"/g)].map((m) => m[1]!))]);
      }
      const controls = [...byTheme.values()].flat();
      if (controls.length < payloads.length) throw new Error(`only ${controls.length} controls for ${payloads.length} payloads`);
      const note = new Map(controls.slice(0, payloads.length).map((id, k) => [id, payloads[k]!]));
      for (const [theme, ids] of byTheme) {
        const form: Record<string, string> = { go: 'stay' };
        // A note is kept with an answer (src/app/assessments.ts).
        for (const id of ids) if (note.has(id)) Object.assign(form, { [`a_${id}`]: 'no', [`n_${id}`]: note.get(id)! });
        if (Object.keys(form).length === 1) continue;
        await admin.get(`/en/companies/${companyId}/assessment/${theme}`);
        const saved = await admin.post(`/en/companies/${companyId}/assessment/${theme}`, form);
        if (saved.statusCode !== 303) throw new Error(`saving notes of ${theme}: ${saved.statusCode}`);
      }
      return {
        download: () => member.get(`/en/companies/${companyId}/answers.csv`),
        // src/app/assessments.ts keeps a note trimmed (so a leading tab or CR goes) and at most 1,000 characters.
        rows: [...note].map(([id, text]) => ({ 0: id, 5: text.trim().slice(0, 1000) })),
        dataRows: controls.length,
      };
    },
  },
  {
    route: '/:lang/companies/:companyId/breach-register.csv',
    source: 'src/http/web/incidents/company-incidents.routes.tsx',
    reader: 'admin (company "assess")',
    writer:
      'member (company "report"): the details of an incident with personal data (data types, people affected, consequences, measures)',
    freeText: [3, 4, 5, 6],
    async plant({ t, companyId, admin, member }, payloads) {
      // One incident per payload; field j of incident i gets payload i + j, so every payload lands in every field.
      const n = payloads.length;
      const rows: PlantedRow[] = [];
      for (let i = 0; i < n; i++) {
        const q = {
          category: 'ransomware',
          awareAt: brusselsWallClock(new Date(t.clock.now().getTime() - 3_600_000)),
          ongoing: 'no',
          personalData: 'yes',
          specialCategoryData: 'no',
          dataEncrypted: 'no',
          gdprRole: 'controller',
          nis2: 'out_of_scope',
          moneyLost: 'no',
          cardDataExposed: 'no',
          extortion: 'no',
          insured: 'no',
        };
        await member.get(`/en/incident/report?${new URLSearchParams(q).toString()}`);
        const created = await member.post(`/en/companies/${companyId}/incidents`, q);
        const location = String(created.headers.location ?? '');
        if (created.statusCode !== 303 || !location.includes('/incidents/'))
          throw new Error(`incident ${i}: ${created.statusCode} ${location}`);
        const url = location.split('?')[0]!;
        await member.get(url);
        const [dataTypes, peopleAffected, consequences, measures] = [0, 1, 2, 3].map((j) => payloads[(i + j) % n]!);
        const saved = await member.post(`${url}/details`, {
          dataTypes: dataTypes!,
          peopleAffected: peopleAffected!,
          consequences: consequences!,
          measures: measures!,
        });
        if (saved.statusCode !== 303 || !String(saved.headers.location).includes('done=saved'))
          throw new Error(`details ${i}: ${saved.statusCode}`);
        rows.push({ 3: dataTypes!, 4: peopleAffected!, 5: consequences!, 6: measures! });
      }
      return { download: () => admin.get(`/en/companies/${companyId}/breach-register.csv`), rows, dataRows: n };
    },
  },
  {
    route: '/api/v1/open-data/:release.:format',
    source: 'src/http/api/v1/statistics/open-data.routes.ts',
    reader: 'anyone (public API, no token)',
    // No user types into a release: its cells are coded values (NACE section, size band, region, quarter, RSIT
    // class) counted by `schild stats`. The route still escapes every cell; the test stores a hostile release.
    writer: 'nobody through the application; planted straight into open_data_releases',
    freeText: [0, 1, 2, 3, 4],
    numeric: [5],
    async plant({ t }, payloads) {
      const values = [0, 12, 12345, null];
      const rows = payloads.map((p, i) => ({
        naceSection: p,
        sizeBand: payloads[(i + 1) % payloads.length]!,
        region: payloads[(i + 2) % payloads.length]!,
        quarter: payloads[(i + 3) % payloads.length]!,
        measure: `${payloads[(i + 4) % payloads.length]!}#${i}`,
        value: values[i % values.length]!,
      }));
      const body = JSON.stringify({ release: 'csv-probe', epsilon: 0.5, method: 'test', rows });
      const stored = await insertRelease(t.runtime.deps.db, {
        release: 'csv-probe',
        quarter: '2026-Q4',
        epsilon: '0.5',
        method: 'test',
        sensitivity: 1,
        rowCount: rows.length,
        body,
        createdAt: t.clock.now().toISOString(),
      });
      if (stored !== 'created') throw new Error('release csv-probe exists');
      return {
        download: () => t.app.inject({ method: 'GET', url: '/api/v1/open-data/csv-probe.csv' }),
        rows: rows.map((r) => ({
          0: r.naceSection,
          1: r.sizeBand,
          2: r.region,
          3: r.quarter,
          4: r.measure,
          5: r.value === null ? '' : String(r.value),
        })),
        dataRows: rows.length,
      };
    },
  },
];

/**
 * Source files that mention text/csv for another reason than a download; each one says why. A file here that starts
 * sending CSV must move to CSV_EXPORTS.
 */
export const CSV_MENTIONS_NOT_EXPORTS: Record<string, string> = {
  'src/http/api/v1/phishing/people.routes.ts': 'reads a staff list sent as text/csv (an import); sends no CSV',
};
