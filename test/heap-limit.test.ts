/**
 * Memory of a web process (issue 13: "< 200 MB RSS under load"). Without an explicit old-space limit V8 sizes its
 * heap from the machine's memory (up to 4 GB here) and lets promoted garbage pile up: the quick scan at 10
 * connections peaked at 238–254 MB RSS with 3 full collections; with --max-old-space-size=384 the same load peaked
 * at 176–187 MB with 10 (bench/README.md, "Memory"). Over every page (`npm run bench:pages`) the young generation's
 * default 16 MB semi-spaces still took the process to 209 MB; with --max-semi-space-size=8, 184 MB (decision 0009).
 * `npm start`, the container image and the benchmarks must run with the same flags, so what is measured is what runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startNodeFlags } from '../bench/http/harness.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('the V8 heap limit Schild runs with', () => {
  it('npm start sets an old-space and a semi-space limit, and the container image and the benchmarks use the same', () => {
    const flags = startNodeFlags();
    expect(flags.find((f) => f.startsWith('--max-old-space-size='))).toMatch(/^--max-old-space-size=\d+$/);
    expect(flags.find((f) => f.startsWith('--max-semi-space-size='))).toMatch(/^--max-semi-space-size=\d+$/);
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(/^ENV NODE_OPTIONS="([^"]+)"$/m.exec(dockerfile)?.[1]?.split(' ')).toEqual(flags);
  });
});
