/**
 * Open data on both databases: a release built from made-up aggregates is stored once, listed, served as JSON that
 * passes its own published schema (docs/open-data.schema.json) and as CSV; unknown releases and formats are refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishOpenDataRelease, type CellSource } from '../../src/app/open-data.ts';
import type { AggregateCell } from '../../src/core/stats/cells.ts';
import { findReleaseBody, insertRelease } from '../../src/db/repositories/open-data.repository.ts';
import { seededRandomInt } from '../support/seeded-random.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

const CELLS: AggregateCell[] = [
  { naceSection: 'C', sizeBand: '1-9', region: 'flanders', quarter: '2026-Q3', measure: 'companies', value: 40, contributors: 40 },
  { naceSection: 'C', sizeBand: '0', region: 'wallonia', quarter: '2026-Q3', measure: 'companies', value: 25, contributors: 25 },
  { naceSection: 'G', sizeBand: '1-9', region: 'brussels', quarter: '2026-Q3', measure: 'companies', value: 3, contributors: 3 },
  { naceSection: 'G', sizeBand: '1-9', region: 'flanders', quarter: '2026-Q3', measure: 'companies', value: 33, contributors: 33 },
  { naceSection: 'C', sizeBand: '1-9', region: 'flanders', quarter: '2026-Q3', measure: 'incident:rsit:fraud', value: 19, contributors: 14 },
];
const source: CellSource = async (quarter) => CELLS.filter((c) => c.quarter === quarter);
const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/open-data.schema.json'), 'utf8')) as object;

describe.each(DIALECTS)('open data on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const published = await publishOpenDataRelease(t.runtime.deps, source, { quarter: '2026-Q3', epsilon: '0.5', random: seededRandomInt(11n) });
    expect(published).toMatchObject({ ok: true, release: '2026-Q3', epsilon: 0.5 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists the release with its ε and download paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/open-data' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      releases: [expect.objectContaining({ release: '2026-Q3', quarter: '2026-Q3', epsilon: 0.5, json: '/api/v1/open-data/2026-Q3.json', csv: '/api/v1/open-data/2026-Q3.csv' })],
    });
  });

  it('serves the JSON release, valid against docs/open-data.schema.json, small cells null', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/2026-Q3.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as { release: string; epsilon: number; rows: { naceSection: string; sizeBand: string; region: string; measure: string; value: number | null }[] };
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(body).toMatchObject({ release: '2026-Q3', epsilon: 0.5 });
    const row = (n: string, s: string, r: string, m = 'companies') => body.rows.find((x) => x.naceSection === n && x.sizeBand === s && x.region === r && x.measure === m);
    expect(row('G', '1-9', 'brussels')!.value).toBeNull();
    expect(row('all', 'all', 'all')!.value).toEqual(expect.any(Number));
    // The schema is strict enough to catch a broken release: a negative value and an unknown region fail.
    expect(validate({ ...body, rows: [{ ...body.rows[0]!, value: -1 }] })).toBe(false);
    expect(validate({ ...body, rows: [{ ...body.rows[0]!, region: 'lux' }] })).toBe(false);
  });

  it('serves the same rows as CSV with a header row, empty for hidden cells', async () => {
    const json = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data/2026-Q3.json' })).json() as { rows: { value: number | null }[] };
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/2026-Q3.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('schild-open-data-2026-Q3.csv');
    const lines = res.body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('naceSection,sizeBand,region,quarter,measure,value');
    expect(lines).toHaveLength(json.rows.length + 1);
    const first = json.rows[0]!;
    expect(lines[1]!.split(',').at(-1)).toBe(first.value === null ? '' : String(first.value));
  });

  it('never changes a release: the same bytes on every request, and a second build of the quarter is refused', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/2026-Q3.json' });
    const again = await publishOpenDataRelease(t.runtime.deps, source, { quarter: '2026-Q3', epsilon: '1', random: seededRandomInt(12n) });
    expect(again).toEqual({ ok: false, error: 'release_exists' });
    const b = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/2026-Q3.json' });
    expect(b.body).toBe(a.body);
  });

  it('the store itself refuses a second release under the same name (two publishers racing)', async () => {
    const r = { release: '2026-Q1', quarter: '2026-Q1', epsilon: '1', method: 'm', sensitivity: 11, rowCount: 0, body: '{"rows":[]}', createdAt: new Date().toISOString() };
    expect(await insertRelease(t.runtime.deps.db, r)).toBe('created');
    expect(await insertRelease(t.runtime.deps.db, { ...r, body: '{"rows":[1]}' })).toBe('exists');
    expect(await findReleaseBody(t.runtime.deps.db, '2026-Q1')).toBe('{"rows":[]}');
    await t.runtime.deps.db.deleteFrom('open_data_releases').where('release', '=', '2026-Q1').execute();
  });

  it('answers 404 release_not_found for an unknown release and 400 for an unknown format', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/1999-Q1.json', headers: { 'accept-language': 'fr' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('release_not_found');
    expect(missing.json().error.message).toContain('n’existe pas');
    const csvMissing = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/1999-Q1.csv' });
    expect(csvMissing.statusCode).toBe(404);
    const badFormat = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/2026-Q3.xml' });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().error.code).toBe('validation_failed');
  });

  it('refuses a bad quarter or ε and stores nothing', async () => {
    expect(await publishOpenDataRelease(t.runtime.deps, source, { quarter: '2026-Q9', random: seededRandomInt(1n) })).toEqual({ ok: false, error: 'bad_quarter' });
    expect(await publishOpenDataRelease(t.runtime.deps, source, { quarter: '2026-Q2', epsilon: 'lots', random: seededRandomInt(1n) })).toEqual({ ok: false, error: 'bad_epsilon' });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data' })).json() as { releases: unknown[] };
    expect(list.releases).toHaveLength(1);
  });
});
