/** The committed OpenAPI document is the one the code generates (no drift), and it is valid OpenAPI 3. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { printOpenApi } from '../src/entrypoints/openapi.ts';

describe('OpenAPI contract', () => {
  it('matches openapi/openapi.json (run `npm run openapi` after changing an API route)', async () => {
    const generated = JSON.parse(await printOpenApi());
    const committed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../openapi/openapi.json'), 'utf8'));
    expect(generated).toEqual(committed);
  });

  it('is a valid OpenAPI 3 document (checked against the official schema) covering the API routes only', async () => {
    const doc = JSON.parse(await printOpenApi());
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Schild API');
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/companies', '/api/v1/companies/{companyId}', '/api/v1/companies/{companyId}/profile', '/api/v1/sectors']));
    expect(paths.every((p) => p.startsWith('/api/v1/'))).toBe(true);
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(ops)) expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method} ${p}`).toBe(true);
    }
    // Every $ref resolves.
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[m[1]!], m[1]).toBeDefined();
  });
});
