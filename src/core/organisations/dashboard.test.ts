import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type CsfFunction } from '../assessment/catalog.ts';
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';
import { buildDashboard, median, type MemberSnapshot } from './dashboard.ts';

const fns = (v: number | null) => Object.fromEntries(FUNCTIONS.map((f) => [f, v])) as Record<CsfFunction, number | null>;
const assessed = (overall: number, open: string[] = ['backup'], counts = true): MemberSnapshot => ({ countsInFigures: counts, latest: { overall, byFunction: fns(overall), openActions: open } });

describe('organisation dashboard (small-cell threshold rule, MIN_CELL_COMPANIES)', () => {
  it('hides every figure while fewer than 10 consenting companies stand behind it', () => {
    const nine = Array.from({ length: MIN_CELL_COMPANIES - 1 }, (_, i) => assessed(40 + i));
    const d = buildDashboard(nine);
    expect(d.members).toBe(9);
    expect(d.counting).toBe(9);
    expect(d.assessedShare.value).toBeNull();
    expect(d.medianScore).toEqual({ value: null, companies: 9 });
    expect(Object.values(d.functionsAbove).every((f) => f.value === null)).toBe(true);
    expect(d.openActions).toEqual([]);
  });

  it('shows figures from the tenth consenting company on', () => {
    const ten = Array.from({ length: 10 }, (_, i) => assessed(i * 10, i < 3 ? ['mfa', 'backup'] : ['backup']));
    const d = buildDashboard(ten);
    expect(d.assessedShare.value).toBe(100);
    expect(d.medianScore.value).toBe(median(ten.map((_, i) => i * 10)));
    expect(d.functionsAbove.protect.value).toBe(50); // 50,60,70,80,90 of 0..90
    expect(d.openActions).toEqual([
      { controlId: 'backup', share: 100 },
      { controlId: 'mfa', share: 30 },
    ]);
  });

  it('does not count companies that chose not to count in figures, even with many members', () => {
    const members = [...Array.from({ length: 9 }, () => assessed(80)), ...Array.from({ length: 20 }, () => assessed(10, [], false))];
    const d = buildDashboard(members);
    expect(d.members).toBe(29);
    expect(d.counting).toBe(9);
    expect(d.medianScore.value).toBeNull();
  });

  it('counts a consenting member without assessment in the share but not in the scores', () => {
    const members: MemberSnapshot[] = [...Array.from({ length: 10 }, () => assessed(70)), ...Array.from({ length: 10 }, () => ({ countsInFigures: true, latest: null }))];
    const d = buildDashboard(members);
    expect(d.assessedShare).toEqual({ value: 50, companies: 20 });
    expect(d.medianScore).toEqual({ value: 70, companies: 10 });
  });

  it('median of an even count is the mean of the two middle values', () => {
    expect(median([1, 9, 3, 7])).toBe(5);
    expect(median([4])).toBe(4);
  });
});
