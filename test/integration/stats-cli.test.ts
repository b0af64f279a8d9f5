/** `schild stats release` on both databases, with made-up aggregates in place of the statistics repository. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellSource } from '../../src/app/open-data.ts';
import { aggregateCellSource, runStatsCli } from '../../src/entrypoints/stats-cli.ts';
import { listReleases } from '../../src/db/repositories/open-data.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

const source: CellSource = async (quarter) => [{ naceSection: 'G', sizeBand: '1-9', region: 'flanders', quarter, measure: 'companies', value: 30, contributors: 30 }];

describe.each(DIALECTS)('schild stats release on %s', (dialect) => {
  let t: TestApp;
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(`out: ${l}`), err: (l: string) => lines.push(`err: ${l}`) };
  beforeAll(async () => {
    t = await createTestApp(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('builds and stores a release with the given quarter and ε, then refuses to publish the quarter again', async () => {
    lines.length = 0;
    expect(await runStatsCli(['release', '--quarter', '2026-Q2', '--epsilon', '2'], { runtime: t.runtime, source, io })).toBe(0);
    expect(lines[0]).toMatch(/^out: Open-data release 2026-Q2 is published \(ε = 2\): 6050 rows/);
    expect(await listReleases(t.runtime.deps.db)).toEqual([expect.objectContaining({ release: '2026-Q2', epsilon: '2', rowCount: 6050 })]);
    lines.length = 0;
    expect(await runStatsCli(['release', '--quarter', '2026-Q2'], { runtime: t.runtime, source, io })).toBe(1);
    expect(lines[0]).toMatch(/^err: This quarter has been published already/);
  });

  it('defaults to the last quarter that has ended and ε = 1', async () => {
    lines.length = 0;
    expect(await runStatsCli(['release'], { runtime: t.runtime, source, io })).toBe(0);
    const now = t.clock.now();
    const q = Math.floor(now.getUTCMonth() / 3);
    const expected = q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
    expect(lines[0]).toContain(`release ${expected} is published (ε = 1)`);
  });

  it('refuses a bad quarter, a bad ε, an unknown option or subcommand, and stores nothing', async () => {
    const before = (await listReleases(t.runtime.deps.db)).length;
    for (const args of [['release', '--quarter', '2026-13'], ['release', '--quarter', '2025-Q1', '--epsilon', '0'], ['release', '--quarter', '2025-Q1', '--epsilon', 'many'], ['release', '--bogus'], ['publish']]) {
      lines.length = 0;
      expect(await runStatsCli(args, { runtime: t.runtime, source, io })).toBe(2);
      expect(lines[0]).toMatch(/^err: /);
    }
    expect((await listReleases(t.runtime.deps.db)).length).toBe(before);
  });

  it('says plainly when the statistics aggregates are not in this build', async () => {
    const real = await aggregateCellSource(t.runtime.deps);
    lines.length = 0;
    const code = await runStatsCli(['release', '--quarter', '2024-Q1'], { runtime: t.runtime, io, ...(real ? { source: real } : {}) });
    if (real) expect(code).toBe(0);
    else {
      expect(code).toBe(1);
      expect(lines[0]).toContain('not available in this version');
    }
  });
});
