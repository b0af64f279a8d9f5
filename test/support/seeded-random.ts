import type { RandomInt } from '../../src/core/stats/discrete-laplace.ts';

/** A seeded PRNG (SplitMix64 on BigInt) giving uniform integers by rejection: reproducible tests, no Math.random. */
export function seededRandomInt(seed: bigint): RandomInt {
  let state = seed;
  const next53 = (): number => {
    state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    z ^= z >> 31n;
    return Number(z >> 11n);
  };
  return (max) => {
    const limit = 2 ** 53 - (2 ** 53 % max);
    for (;;) {
      const x = next53();
      if (x < limit) return x % max;
    }
  };
}
