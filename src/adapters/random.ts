/** Cryptographically secure uniform integers for the privacy noise (never Math.random: see discrete-laplace.ts). */
import { randomInt } from 'node:crypto';
import type { RandomInt } from '../core/stats/discrete-laplace.ts';

export const cryptoRandomInt: RandomInt = (maxExclusive) => randomInt(0, maxExclusive);
