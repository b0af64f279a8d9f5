/**
 * The quick scan's JSON is written by a compiled serializer (src/http/fast-json.ts) instead of zod + JSON.stringify.
 * The contract must not move by a byte (docs/api.md: backwards compatible JSON; RFC 8259 §7 for the string escapes):
 * for random profiles, answers and languages, the answer of the route equals what the zod serializer writes for the
 * same value, and the values the route cannot produce in a fresh database (a peer group, odd characters) are
 * compared directly.
 */
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { createTestApp, type TestApp } from '../support/app.ts';
import { QuickScanResponse } from '../../src/http/api/v1/assessment/assessment.routes.ts';
import { compileFastJson } from '../../src/http/fast-json.ts';
import { quickScanWriter } from '../../src/http/api/v1/assessment/quick-scan-json.ts';
import { presentQuickScan, quickScanAnswerBytes } from '../../src/http/api/v1/assessment/quick-scan-answer.ts';
import { ReusedBuffers } from '../../src/http/reused-buffers.ts';
import { assess } from '../../src/core/assessment/engine.ts';
import { translator } from '../../src/i18n/index.ts';
import { applicableControls, ANSWERS } from '../../src/core/assessment/engine.ts';
import { LOCALES } from '../../src/core/locale.ts';
import { REGIONS } from '../../src/core/company-profile.ts';
import { profileFields } from '../support/profile-arbitraries.ts';

const zodWrite = serializerCompiler({ schema: QuickScanResponse, method: 'POST', url: '/api/v1/quick-scan' } as never) as (d: unknown) => string;
const fastWrite = compileFastJson(QuickScanResponse);
// The route's own writer (texts' JSON kept once made); written twice to cover the memo's second answer.
const routeWriter = quickScanWriter(QuickScanResponse);

describe('quick scan JSON: compiled serializer writes the same bytes as the zod serializer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  const profile = fc.record({
    ...profileFields(fc.constantFrom('69', '47', '56', '62', '43', '86', '10'), fc.integer({ min: 0, max: 500 })),
    region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
  });

  it('for random profiles, answers and languages', async () => {
    const catalog = t.runtime.content.assessment;
    await fc.assert(
      fc.asyncProperty(profile, fc.constantFrom(...LOCALES), fc.array(fc.constantFrom(...ANSWERS, null), { minLength: 60, maxLength: 60 }), async (p, lang, picks) => {
        const { region, ...rest } = p;
        const prof = region === undefined ? rest : { ...rest, region };
        const answers = Object.fromEntries(applicableControls(catalog, prof).flatMap((c, i) => (picks[i] ? [[c.id, picks[i]]] : [])));
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang, profile: prof, answers } });
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe(zodWrite(JSON.parse(res.body)));
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('answers in parallel over real connections, each with its own bytes, while the buffers they were written in are reused', async () => {
    // reused-buffers.ts: an answer's buffer is written again only after its response finished. 120 requests of 12
    // different answers, 30 at a time on loopback, each compared with the zod serializer's bytes for its own value and
    // with the same request answered alone.
    const catalog = t.runtime.content.assessment;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const bodies = fc.sample(fc.tuple(profile, fc.constantFrom(...LOCALES), fc.array(fc.constantFrom(...ANSWERS, null), { minLength: 60, maxLength: 60 })), { numRuns: 12, seed: 21 }).map(([p, lang, picks]) => {
      const { region, ...rest } = p;
      const prof = region === undefined ? rest : { ...rest, region };
      return JSON.stringify({ lang, profile: prof, answers: Object.fromEntries(applicableControls(catalog, prof).flatMap((c, i) => (picks[i] ? [[c.id, picks[i]]] : []))) });
    });
    const post = async (body: string) => {
      const res = await fetch(`${base}/api/v1/quick-scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
      return res.text();
    };
    const alone: string[] = [];
    for (const body of bodies) alone.push(await post(body));
    for (const text of alone) expect(text).toBe(zodWrite(JSON.parse(text)));
    expect(new Set(alone).size).toBe(bodies.length);
    for (let wave = 0; wave < 4; wave++) {
      const order = Array.from({ length: 30 }, (_, i) => (i * 7 + wave) % bodies.length);
      const answers = await Promise.all(order.map((k) => post(bodies[k]!)));
      answers.forEach((text, i) => expect(text).toBe(alone[order[i]!]));
    }
  });

  it('for a peer group and for texts with quotes, control characters, non-Latin letters and lone surrogates', async () => {
    const prof = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'sensitive', remoteWork: true, itProvider: true, region: 'brussels' } as const;
    const answers = Object.fromEntries(applicableControls(t.runtime.content.assessment, prof).map((c) => [c.id, 'no']));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang: 'fr', profile: prof, answers } });
    const value = JSON.parse(res.body) as z.infer<typeof QuickScanResponse>;
    const figures = { overall: 61, byFunction: { govern: 50, identify: null, protect: 70, detect: 12.5, respond: 0, recover: 100 } };
    value.peers = { sector: 'M', sizeBand: '1-9', companies: 12, median: figures, p25: figures, p75: figures } as never;
    value.plan[0]!.title = 'Quote " backslash \\ tab \t newline \n nul \u0000 é ü 日本 😀 lone \ud800 </script>';
    value.plan[0]!.steps = ['\u2028\u2029', ''];
    expect(fastWrite(value)).toBe(zodWrite(value));
    expect(routeWriter(value)).toBe(zodWrite(value));
    expect(routeWriter(value)).toBe(zodWrite(value));
    // Properties outside the contract are never written (as with zod), at any depth.
    expect(fastWrite({ ...value, secret: 'x' })).toBe(zodWrite(value));
    const extra = { ...value, secret: 'x', plan: value.plan.map((p) => ({ ...p, secret: 'y', article: { ...p.article, secret: 'z' }, support: p.support.map((s) => ({ ...s, secret: 'w' })) })), scores: { ...value.scores, secret: 1 } };
    expect(routeWriter(extra as never)).toBe(zodWrite(value));
    // No peer group (too few companies) is written as null.
    expect(routeWriter({ ...value, peers: null } as never)).toBe(zodWrite({ ...value, peers: null }));
  });

  it('the answer written from kept pieces is, byte for byte, the serializer\'s answer for the presented value', async () => {
    const catalog = t.runtime.content.assessment;
    const bytes = quickScanAnswerBytes(catalog, quickScanWriter(QuickScanResponse));
    // Buffers too small for any answer: each answer gets a buffer of its own (reused-buffers.ts).
    const unpooled = quickScanAnswerBytes(catalog, quickScanWriter(QuickScanResponse), new ReusedBuffers(1024, 2));
    const figures = { overall: 61, byFunction: { govern: 50, identify: null, protect: 70, detect: 12, respond: 0, recover: 100 } };
    const group = { sector: 'M', sizeBand: '1-9', companies: 12, median: figures, p25: figures, p75: figures } as never;
    // Each property twice over the same writer: the second time from pieces kept by the first.
    await fc.assert(
      fc.property(profile, fc.constantFrom(...LOCALES), fc.array(fc.constantFrom(...ANSWERS, null), { minLength: 60, maxLength: 60 }), fc.boolean(), (p, lang, picks, withPeers) => {
        const { region, ...rest } = p;
        const prof = region === undefined ? rest : { ...rest, region };
        const answers = Object.fromEntries(applicableControls(catalog, prof).flatMap((c, i) => (picks[i] ? [[c.id, picks[i]]] : [])));
        const result = assess(catalog, prof, answers);
        const peers = withPeers ? group : null;
        const expected = zodWrite(presentQuickScan(catalog, result, prof, lang, translator(lang), peers));
        for (let round = 0; round < 2; round++) expect(bytes(result, prof, lang, translator(lang), peers).bytes.toString('utf8')).toBe(expected);
        expect(unpooled(result, prof, lang, translator(lang), peers).bytes.toString('utf8')).toBe(expected);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

