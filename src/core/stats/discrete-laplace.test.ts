import { describe, expect, it } from 'vitest';
import { seededRandomInt } from '../../../test/support/seeded-random.ts';
import { bernoulliExp, discreteLaplaceVariance, noiseScale, parseEpsilon, sampleDiscreteLaplace, type RandomInt } from './discrete-laplace.ts';

describe('discrete Laplace sampler (Canonne, Kamath, Steinke 2020, Algorithms 1-2)', () => {
  it('Bernoulli(exp(−γ)) has the right frequency for γ below and above 1', () => {
    const random = seededRandomInt(1n);
    for (const [n, d] of [[1, 2], [3, 2], [5, 1]] as const) {
      const trials = 30_000;
      let hits = 0;
      for (let i = 0; i < trials; i++) if (bernoulliExp(random, n, d)) hits += 1;
      const p = Math.exp(-n / d);
      // 5 standard deviations of a binomial proportion: fails only if the sampler is wrong.
      expect(Math.abs(hits / trials - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / trials));
    }
  });

  it.each([
    [{ n: 1, d: 1 }, 1],
    [{ n: 11, d: 1 }, 11],
    [{ n: 5, d: 2 }, 2.5],
  ])('with scale %o has mean 0, variance 2α/(1−α)² and P(0) = (1−α)/(1+α)', (scale, b) => {
    const random = seededRandomInt(20261206n);
    const n = 30_000;
    let sum = 0;
    let sumSq = 0;
    let zeros = 0;
    for (let i = 0; i < n; i++) {
      const y = sampleDiscreteLaplace(random, scale);
      expect(Number.isInteger(y)).toBe(true);
      sum += y;
      sumSq += y * y;
      if (y === 0) zeros += 1;
    }
    const variance = discreteLaplaceVariance(b);
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    // The sample variance of a distribution with exponential tails is within a few percent at this n.
    expect(sumSq / n - mean * mean).toBeGreaterThan(variance * 0.92);
    expect(sumSq / n - mean * mean).toBeLessThan(variance * 1.08);
    const a = Math.exp(-1 / b);
    const p0 = (1 - a) / (1 + a);
    expect(Math.abs(zeros / n - p0)).toBeLessThan(5 * Math.sqrt((p0 * (1 - p0)) / n));
  });

  it('is symmetric: P(y) = P(−y) for small y', () => {
    const random = seededRandomInt(7n);
    const counts = new Map<number, number>();
    const n = 30_000;
    for (let i = 0; i < n; i++) {
      const y = sampleDiscreteLaplace(random, { n: 2, d: 1 });
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    for (const y of [1, 2, 3]) {
      const a = counts.get(y) ?? 0;
      const b = counts.get(-y) ?? 0;
      expect(Math.abs(a - b)).toBeLessThan(5 * Math.sqrt(a + b));
    }
  });

  it('the same seed gives the same noise (a release is reproducible only from its stored values, never re-drawn)', () => {
    const a = seededRandomInt(3n);
    const b = seededRandomInt(3n);
    const draws = (r: RandomInt) => Array.from({ length: 20 }, () => sampleDiscreteLaplace(r, { n: 11, d: 1 }));
    expect(draws(a)).toEqual(draws(b));
  });
});

describe('ε and the noise scale Δ/ε, exact', () => {
  it('reads ε as an exact rational and refuses anything else', () => {
    expect(parseEpsilon('1')).toEqual({ n: 1, d: 1 });
    expect(parseEpsilon('0.5')).toEqual({ n: 1, d: 2 });
    expect(parseEpsilon('2.25')).toEqual({ n: 9, d: 4 });
    for (const bad of ['0', '0.0', '-1', '1e3', 'abc', '', '1.23456', 'NaN', 'Infinity']) expect(parseEpsilon(bad)).toBeNull();
  });

  it('scale = Δ/ε', () => {
    expect(noiseScale(11, { n: 1, d: 1 })).toEqual({ n: 11, d: 1 });
    expect(noiseScale(11, { n: 1, d: 2 })).toEqual({ n: 22, d: 1 });
    expect(noiseScale(4, { n: 9, d: 4 })).toEqual({ n: 16, d: 9 });
    expect(() => noiseScale(0, { n: 1, d: 1 })).toThrow(RangeError);
  });
});
