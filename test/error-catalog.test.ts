/** The error catalogue and docs/errors.md list the same codes (after Fastify's docs-sync test). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../src/http/errors.ts';

describe('error catalogue', () => {
  it('is documented in docs/errors.md, code by code', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../docs/errors.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    const actual = Object.entries(ERROR_CATALOG).map(([code, e]) => [code, e.status]);
    expect(documented.sort()).toEqual(actual.sort());
  });
});
