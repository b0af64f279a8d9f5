/**
 * Fixed inputs for the assessment engine's equivalence test (src/core/assessment/engine-recorded.test.ts): a seeded
 * generator of profiles and answers, so the recorded results in test/fixtures/assessment/engine-results.json can be
 * compared with what the engine returns today. `node --import tsx test/support/engine-cases.ts --record` rewrites
 * the fixture from the current engine; do that only when a change to the results is intended (and ALGORITHM_VERSION
 * moves with it).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { EMAIL_PROVIDERS, PERSONAL_DATA_KINDS } from '../../src/core/company-profile.ts';
import type { AssessmentCatalog } from '../../src/core/assessment/catalog.ts';
import type { Answer, AssessmentResult } from '../../src/core/assessment/engine.ts';
import type { AssessmentProfile } from '../../src/core/assessment/profile.ts';
import { prng } from '../../src/core/stats/synthetic.ts';

export const ENGINE_FIXTURE = new URL('../fixtures/assessment/engine-results.json', import.meta.url);
const CASES = 400;
const SEED = 20261207;


export interface EngineCase {
  profile: AssessmentProfile;
  answers: Record<string, Answer>;
}

/** The cases: sectors with and without a sector pack, every size, every answer kind, unanswered and unknown ids. */
export function engineCases(catalog: AssessmentCatalog): EngineCase[] {
  const rnd = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const sectors = [...new Set([...catalog.sectors.flatMap((s) => s.divisions), '01', '25', '43', '47', '62', '99'])].sort();
  const kinds: (Answer | undefined)[] = ['yes', 'partly', 'no', 'unknown', 'na', undefined];
  const out: EngineCase[] = [];
  for (let i = 0; i < CASES; i++) {
    const profile: AssessmentProfile = {
      sector: pick(sectors),
      employees: pick([0, 1, 4, 9, 10, 49, 50, 249, 250, 1000, Math.floor(rnd() * 300)]),
      website: rnd() < 0.5,
      webshop: rnd() < 0.5,
      email: pick(EMAIL_PROVIDERS),
      cardPayments: rnd() < 0.5,
      personalData: pick(PERSONAL_DATA_KINDS),
      remoteWork: rnd() < 0.5,
      itProvider: rnd() < 0.5,
    };
    // Some cases answer everything the same way, most mix; a few carry an id that is not in the catalogue.
    const style = i % 10;
    const answers: Record<string, Answer> = {};
    for (const c of catalog.controls) {
      const a = style === 0 ? 'yes' : style === 1 ? 'no' : style === 2 ? undefined : pick(kinds);
      if (a !== undefined) answers[c.id] = a;
    }
    if (style === 3) answers['XX.NOT-01.1'] = 'no';
    out.push({ profile, answers });
  }
  return out;
}

export function resultDigest(r: AssessmentResult): string {
  return createHash('sha256').update(JSON.stringify(r)).digest('hex');
}

if (process.argv.includes('--record')) {
  const { loadAssessmentCatalog } = await import('../../src/adapters/content.ts');
  const { assess } = await import('../../src/core/assessment/engine.ts');
  const catalog = loadAssessmentCatalog();
  const digests = engineCases(catalog).map((c) => resultDigest(assess(catalog, c.profile, c.answers)));
  writeFileSync(ENGINE_FIXTURE, `${JSON.stringify({ seed: SEED, digests }, null, 1)}\n`);
  console.log(`recorded ${digests.length} results`);
}
