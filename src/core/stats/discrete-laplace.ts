/**
 * Exact sampler for the discrete Laplace (two-sided geometric) distribution, for counts under ε-differential privacy.
 *
 * P(Y = y) ∝ exp(−|y| / scale) on the integers. Adding it with scale Δ/ε to a vector of counts whose L1 sensitivity
 * is Δ gives ε-DP (Ghosh, Roughgarden, Sundararajan 2009, "universally utility-maximizing privacy mechanisms").
 *
 * Why integers only: a Laplace sample built from a floating-point uniform leaks the true value through the gaps and
 * rounding of the floats (Mironov 2012, "On significance of the least significant bits for differential privacy").
 * So this module never touches a float: the scale is a rational number numerator/denominator and every random
 * decision is a uniform integer from the injected source (crypto-random in production, a seeded PRNG in tests),
 * following Algorithms 1 and 2 of Canonne, Kamath, Steinke 2020, "The Discrete Gaussian for Differential Privacy".
 * Pure: the randomness comes in as a function, so core/ stays free of I/O.
 */

/** A uniform random integer in [0, maxExclusive). maxExclusive is a positive safe integer. */
export type RandomInt = (maxExclusive: number) => number;

/** A positive rational number n/d with integers n ≥ 1, d ≥ 1. */
export interface Rational {
  n: number;
  d: number;
}

function checkRational(r: Rational): void {
  if (!Number.isSafeInteger(r.n) || !Number.isSafeInteger(r.d) || r.n < 1 || r.d < 1) throw new RangeError(`not a positive rational: ${r.n}/${r.d}`);
}

/** Bernoulli(n/d), 0 ≤ n ≤ d: one uniform integer below d. */
function bernoulli(random: RandomInt, n: number, d: number): boolean {
  return random(d) < n;
}

/** Bernoulli(exp(−n/d)) for 0 ≤ n/d ≤ 1 (CKS 2020, Algorithm 1, first branch). */
function bernoulliExpSmall(random: RandomInt, n: number, d: number): boolean {
  let k = 1;
  // Stop at the first k with A_k = 0, where A_k ~ Bernoulli(γ/k); k odd at that moment ⇔ success.
  while (bernoulli(random, n, d * k)) k += 1;
  return k % 2 === 1;
}

/** Bernoulli(exp(−n/d)) for any n/d ≥ 0 (CKS 2020, Algorithm 1): exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)). */
export function bernoulliExp(random: RandomInt, n: number, d: number): boolean {
  let whole = Math.floor(n / d);
  const rest = n - whole * d;
  while (whole > 0) {
    if (!bernoulliExpSmall(random, 1, 1)) return false;
    whole -= 1;
  }
  return bernoulliExpSmall(random, rest, d);
}

/**
 * One sample of the discrete Laplace distribution with scale t/s (CKS 2020, Algorithm 2): P(Y = y) ∝ exp(−|y|·s/t).
 * The expected number of random integers drawn is a small constant for scales from 0.1 to several thousand.
 */
export function sampleDiscreteLaplace(random: RandomInt, scale: Rational): number {
  checkRational(scale);
  const t = scale.n;
  const s = scale.d;
  for (;;) {
    const u = random(t);
    if (!bernoulliExp(random, u, t)) continue;
    let v = 0;
    while (bernoulliExp(random, 1, 1)) v += 1;
    const x = u + t * v; // geometric with parameter 1 − exp(−1/t)
    const y = Math.floor(x / s);
    const negative = bernoulli(random, 1, 2);
    if (negative && y === 0) continue; // zero would otherwise be counted twice
    return negative ? -y : y;
  }
}

/** Variance of the discrete Laplace distribution with scale b: 2α/(1−α)² where α = exp(−1/b) (for docs and tests). */
export function discreteLaplaceVariance(scale: number): number {
  const a = Math.exp(-1 / scale);
  return (2 * a) / (1 - a) ** 2;
}

/**
 * ε as a rational from its decimal text ("1", "0.5", "2.25"): exact, so the noise scale Δ/ε is exact too.
 * Returns null for anything that is not a plain positive decimal with at most 4 decimals.
 */
export function parseEpsilon(text: string): Rational | null {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  const decimals = m[2] ?? '';
  const d = 10 ** decimals.length;
  const n = Number(m[1]) * d + (decimals ? Number(decimals) : 0);
  if (n <= 0) return null;
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The scale Δ/ε of the noise for an L1 sensitivity Δ (a positive integer) and a rational ε. */
export function noiseScale(sensitivity: number, epsilon: Rational): Rational {
  if (!Number.isSafeInteger(sensitivity) || sensitivity < 1) throw new RangeError(`sensitivity must be a positive integer, got ${sensitivity}`);
  checkRational(epsilon);
  const n = sensitivity * epsilon.d;
  const g = gcd(n, epsilon.n);
  return { n: n / g, d: epsilon.n / g };
}
