import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differencingAttack, linearAttack } from '../../../test/support/disclosure-attack.ts';
import { MIN_CELL_COMPANIES } from './cells.ts';
import { cube, cubeLines, fillCube, indexOf, labelsOf } from './cube.ts';
import { applyLineRule, primarySuppression, protectCells } from './suppression.ts';

/** A cube filled from a matrix (2-D) or nested matrix (3-D) of company counts. */
function table(dims: string[][], interior: (coords: readonly number[]) => number) {
  const c = cube(dims);
  const values = fillCube(c, interior);
  return { c, values, lines: cubeLines(c) };
}
const from2d = (m: number[][]) => table([m.map((_, i) => `r${i}`), m[0]!.map((_, j) => `c${j}`)], ([i, j]) => m[i!]![j!]!);

function attacks(values: number[], hidden: Set<number>, lines: ReturnType<typeof cubeLines>) {
  return { differencing: [...differencingAttack(values, hidden, lines).keys()], linear: [...linearAttack(values, hidden, lines).keys()] };
}

describe('threshold rule (OECD glossary "threshold rule"; ESSnet SDC handbook ch. 4 §4.2)', () => {
  it('hides every cell with fewer than 10 companies, empty cells included, and nothing else', () => {
    expect(MIN_CELL_COMPANIES).toBe(10);
    expect([...primarySuppression([0, 1, 9, 10, 11, 250])]).toEqual([0, 1, 2]);
  });
});

describe('complementary suppression (ESSnet SDC handbook ch. 4 §4.3) against the differencing attacks', () => {
  it('a small cell cannot be recomputed from its row total', () => {
    const { values, lines } = from2d([[3, 40], [50, 60]]);
    const primary = primarySuppression(values);
    // Without complementary suppression the attack works: that is what the protection is for.
    expect(attacks(values, primary, lines).differencing.length).toBeGreaterThan(0);
    const hidden = protectCells(values, values, lines);
    expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
  });

  it('hides the smallest safe partner: the smallest visible cell of the line, not a large one', () => {
    const { c, values, lines } = from2d([[3, 40, 12], [50, 60, 70]]);
    const hidden = protectCells(values, values, lines);
    expect(hidden.has(indexOf(c, [0, 2]))).toBe(true); // 12, not 40
    expect(hidden.has(indexOf(c, [0, 1]))).toBe(false);
    expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
  });

  it('a small cell cannot be recomputed from a column total, the margins "all" or the grand total', () => {
    // Column 0 sums to 25 (visible); cells (1,0)=4 and the row-1 margin are the weak spots.
    const { c, values, lines } = from2d([[21, 30, 40], [4, 35, 12], [15, 16, 17]]);
    const hidden = protectCells(values, values, lines);
    expect(hidden.has(indexOf(c, [1, 0]))).toBe(true);
    expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
    // Every line (row, column, margin) has zero or at least two hidden members.
    for (const l of lines) expect([l.total, ...l.parts].filter((i) => hidden.has(i)).length).not.toBe(1);
  });

  it('a small margin is hidden too, and cannot be recomputed from the grand total and the other margins', () => {
    // Row 0 adds up to 6 companies: its margin is sensitive although it is a total.
    const { c, values, lines } = from2d([[2, 4], [30, 40], [25, 26]]);
    const hidden = protectCells(values, values, lines);
    expect(hidden.has(indexOf(c, [0, 2]))).toBe(true);
    expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
  });

  it('the line rule alone is not enough: two hidden cycles joined by one cell expose that cell; the audit fixes it', () => {
    // Small cells: a 2×2 block in rows 0-1 × columns 0-1, another in rows 2-3 × columns 2-3, and the bridge (0,2).
    // Every row and column then has two or three hidden cells, yet the bridge follows from the equations.
    const m = [
      [2, 3, 4, 50],
      [5, 6, 60, 70],
      [80, 90, 7, 8],
      [85, 95, 5, 6],
    ];
    const { c, values, lines } = from2d(m);
    const lineRuleOnly = applyLineRule(values, lines, primarySuppression(values));
    expect(linearAttack(values, lineRuleOnly, lines).get(indexOf(c, [0, 2]))).toBe(4);
    const hidden = protectCells(values, values, lines);
    expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
  });

  it('two tables that share a margin (sector × size and sector × region) leak nothing when read together', () => {
    const sectors = ['C', 'F', 'G', 'M'];
    const sizes = ['0', '1-9', '10-49'];
    const regions = ['flanders', 'wallonia', 'brussels'];
    // Sector F has 7 companies in all: its margin "F, all, all" is in both published tables.
    const counts: Record<string, number[][]> = {
      C: [[12, 3, 20], [15, 11, 2], [30, 4, 10]],
      F: [[2, 1, 0], [1, 2, 0], [0, 1, 0]],
      G: [[40, 22, 13], [18, 9, 14], [25, 16, 12]],
      M: [[50, 31, 27], [20, 19, 6], [8, 5, 3]],
    };
    const { c, values, lines } = table([sectors, sizes, regions], ([s, z, r]) => counts[sectors[s!]!]![z!]![r!]!);
    const hidden = protectCells(values, values, lines);
    // What the reader sees: the two 2-D tables with their margins, as separate downloads.
    const inTables = (i: number) => {
      const [, z, r] = labelsOf(c, i);
      return z === 'all' || r === 'all';
    };
    const published = lines.filter((l) => [l.total, ...l.parts].every(inTables));
    expect(hidden.has(indexOf(c, [1, 3, 3]))).toBe(true);
    expect(attacks(values, hidden, published)).toEqual({ differencing: [], linear: [] });
    // And the whole cube, every slice at once.
    expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
  });

  it('property: on random 2-D and 3-D tables no hidden cell can be recovered, and every small cell is hidden', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 60 }));
    const shape = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 3 })),
    );
    fc.assert(
      fc.property(
        shape.chain((dims) => fc.tuple(fc.constant(dims), fc.array(count, { minLength: dims.reduce((a, b) => a * b, 1), maxLength: dims.reduce((a, b) => a * b, 1) }))),
        ([dims, cells]) => {
          const labels = dims.map((n, k) => Array.from({ length: n }, (_, v) => `d${k}v${v}`));
          const { values, lines } = table(labels, (coords) => cells[coords.reduce((acc, v, k) => acc * dims[k]! + v, 0)]!);
          const hidden = protectCells(values, values, lines);
          values.forEach((v, i) => {
            if (v < MIN_CELL_COMPANIES) expect(hidden.has(i)).toBe(true);
          });
          expect(attacks(values, hidden, lines)).toEqual({ differencing: [], linear: [] });
          for (const l of lines) expect([l.total, ...l.parts].filter((i) => hidden.has(i)).length).not.toBe(1);
        },
      ),
      { numRuns: 300, seed: 20261206 },
    );
  });
});
