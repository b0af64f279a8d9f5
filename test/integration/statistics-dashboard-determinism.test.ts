/**
 * The dashboards' small-cell decision (threshold rule + complementary suppression by the line rule, ESSnet Handbook
 * on SDC v1.2, ch. 4 §4.2–4.3; docs/statistics.md "Small cells on the dashboards") is taken once per refresh and
 * must depend on the data only: the same companies give the same stored cells, hidden ones included, on SQLite and
 * on PostgreSQL. The line rule breaks ties by cell order, so the refresh's SQL must return its rows in a fixed order
 * (PostgreSQL's hash aggregation and parallel plans return groups in any order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../src/app/statistics.ts';
import { seedSynthetic } from '../../src/app/synthetic.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('public statistics dashboard: the same data give the same stored cells on both engines', () => {
  let apps: TestApp[] = [];

  beforeAll(async () => {
    apps = [await createTestApp('sqlite', { SYNTHETIC_DATA: '1' }), await createTestApp('postgres', { SYNTHETIC_DATA: '1' })];
  }, 120_000);
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('stores identical cells and hidden flags after a refresh of the same seeded synthetic companies', async () => {
    const asOf = new Date(Date.now() - 86_400_000);
    const stored = [];
    for (const t of apps) {
      await seedSynthetic(t.runtime.deps, t.runtime.content, { companies: 1500, seed: 9, asOf });
      await refreshFigures(t.runtime.deps, t.runtime.content.nace);
      const rows = await t.runtime.deps.db
        .selectFrom('stats_dashboard_cells')
        .selectAll()
        .orderBy('nace_section').orderBy('nace_division').orderBy('size_band').orderBy('region').orderBy('quarter').orderBy('measure')
        .execute();
      stored.push(rows.map((r) => `${r.nace_section}|${r.nace_division}|${r.size_band}|${r.region}|${r.quarter}|${r.measure}|${Number(r.value)}|${Number(r.contributors)}|${Number(r.hidden)}`));
    }
    const [sqlite, postgres] = stored as [string[], string[]];
    // The set-up must exercise the complementary suppression: many hidden cells, most not failing the threshold.
    expect(sqlite.filter((r) => r.endsWith('|1')).length).toBeGreaterThan(100);
    expect(postgres.length).toBe(sqlite.length);
    expect(postgres.filter((r, i) => r !== sqlite[i]).slice(0, 5)).toEqual([]);
  }, 300_000);
});
