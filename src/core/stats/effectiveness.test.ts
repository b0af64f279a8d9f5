/**
 * The interval maths against the worked examples Newcombe published (four decimals as printed):
 * - Wilson score interval: Newcombe RG (1998a), "Two-sided confidence intervals for the single proportion:
 *   comparison of seven methods", Stat Med 17:857–872, Table I, method 3 (81/263, 15/148, 0/20, 1/29, 29/29).
 * - Difference of proportions: Newcombe RG (1998b), "Interval estimation for the difference between independent
 *   proportions: comparison of eleven methods", Stat Med 17:873–890, Table II, method 10 (examples a–h).
 */
import { describe, expect, it } from 'vitest';
import { controlEffectiveness, effectivenessTable, newcombeDifference, wilson } from './effectiveness.ts';

const four = (xs: readonly number[]) => xs.map((x) => Number(x.toFixed(4)));

describe('Wilson score interval (Newcombe 1998a, Table I, method 3)', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])('%i/%i → %f to %f', (x, n, lo, hi) => {
    expect(four(wilson(x, n))).toEqual([lo, hi]);
  });

  it('refuses impossible counts instead of returning a number', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(0, 0)).toThrow(RangeError);
    expect(() => wilson(-1, 5)).toThrow(RangeError);
  });
});

describe('Newcombe hybrid score interval for p1 − p2 (Newcombe 1998b, Table II, method 10)', () => {
  it.each([
    ['a', 56, 70, 48, 80, 0.0524, 0.3339],
    ['b', 9, 10, 3, 10, 0.1705, 0.809],
    ['c', 6, 7, 2, 7, 0.0582, 0.8062],
    ['d', 5, 56, 0, 29, -0.0381, 0.1926],
    ['e', 0, 10, 0, 20, -0.1611, 0.2775],
    ['f', 0, 10, 0, 10, -0.2775, 0.2775],
    ['g', 10, 10, 0, 20, 0.6791, 1],
    ['h', 10, 10, 0, 10, 0.6075, 1],
  ])('example %s: %i/%i − %i/%i → %f to %f', (_, a, m, b, n, lo, hi) => {
    const d = newcombeDifference(a, m, b, n);
    expect(d.value).toBeCloseTo(a / m - b / n, 12);
    expect(four(d.ci95)).toEqual([lo, hi]);
  });
});

describe('suppression and order (threshold rule: at least 10 companies in each group, issue 11)', () => {
  it('hides the whole control when either group has 9 companies, and shows it from 10 on', () => {
    expect(controlEffectiveness({ controlId: 'x', nWith: 9, eventsWith: 0, nWithout: 50, eventsWithout: 10 })).toEqual({ controlId: 'x', with: null, without: null, difference: null });
    expect(controlEffectiveness({ controlId: 'x', nWith: 50, eventsWith: 0, nWithout: 9, eventsWithout: 1 }).difference).toBeNull();
    const shown = controlEffectiveness({ controlId: 'x', nWith: 10, eventsWith: 1, nWithout: 10, eventsWithout: 4 });
    expect(shown.with).toMatchObject({ companies: 10, withIncident: 1, rate: 0.1 });
    expect(shown.without).toMatchObject({ companies: 10, withIncident: 4, rate: 0.4 });
    expect(shown.difference!.value).toBeCloseTo(-0.3, 12);
  });

  it('sorts shown controls by the difference (largest drop first), hidden ones last by id', () => {
    const rows = effectivenessTable([
      { controlId: 'c', nWith: 3, eventsWith: 0, nWithout: 3, eventsWithout: 0 },
      { controlId: 'b', nWith: 20, eventsWith: 2, nWithout: 20, eventsWithout: 4 },
      { controlId: 'a', nWith: 20, eventsWith: 1, nWithout: 20, eventsWithout: 8 },
      { controlId: 'd', nWith: 20, eventsWith: 6, nWithout: 20, eventsWithout: 2 },
    ]);
    expect(rows.map((r) => r.controlId)).toEqual(['a', 'b', 'd', 'c']);
  });
});
