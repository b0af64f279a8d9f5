/**
 * The short soak (issue 13, "Proven: soak … a shorter version runs in the tests"): `schild start` on SQLite with the
 * demo data serves the main pages and API (bench/soak/soak.ts) at a low fixed rate for 16 s. Asserts on outcomes
 * and memory only, never on time: zero errors (every answer 2xx/3xx), and the RSS of the second half not above the
 * first half's + 64 MB (a leak per request shows up as growth under a steady load). The 30-minute run is
 * `npm run bench:soak` (bench/README.md, "Soak").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMix, requestMix, soak, startSoakServer, type SoakServer } from '../../bench/soak/soak.ts';

describe('short soak of schild start (SQLite)', () => {
  let server: SoakServer;
  beforeAll(async () => {
    server = await startSoakServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the mix at a fixed rate with zero errors and no memory growth between the halves', async () => {
    const mix = requestMix(server);
    expect(mix.length).toBeGreaterThanOrEqual(7); // the signed-in company page is part of it
    await checkMix(server, mix);
    const r = await soak(server, mix, { rate: 10, seconds: 16, sliceSeconds: 8, sampleSeconds: 2 });
    expect(r.requests).toBeGreaterThan(50);
    expect(r.errors).toBe(0);
    const half = r.memory[r.memory.length - 1]!.t / 2;
    const firstHalf = r.memory.filter((m) => m.t <= half).map((m) => m.rssMb);
    const secondHalf = r.memory.filter((m) => m.t > half).map((m) => m.rssMb);
    expect(firstHalf.length).toBeGreaterThan(1);
    expect(secondHalf.length).toBeGreaterThan(1);
    expect(Math.max(...secondHalf)).toBeLessThanOrEqual(Math.max(...firstHalf) + 64);
  }, 90_000);
});
