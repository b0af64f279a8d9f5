/**
 * The engine returns, for 400 fixed profiles and answer sets, exactly the results recorded from the engine before
 * its per-profile preparation was introduced (every number, order and list; sha256 of the JSON). A change to the method
 * must move ALGORITHM_VERSION (docs/assessment.md) and re-record with `node --import tsx test/support/engine-cases.ts --record`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAssessmentCatalog } from '../../adapters/content.ts';
import { ENGINE_FIXTURE, engineCases, resultDigest } from '../../../test/support/engine-cases.ts';
import { assess } from './engine.ts';

describe('assessment engine against recorded results', () => {
  it('gives the recorded result for every fixed case, also when a profile is seen again', () => {
    const catalog = loadAssessmentCatalog();
    const recorded = (JSON.parse(readFileSync(ENGINE_FIXTURE, 'utf8')) as { digests: string[] }).digests;
    const cases = engineCases(catalog);
    expect(recorded).toHaveLength(cases.length);
    // Twice: the second round is served from the prepared profiles.
    for (let round = 0; round < 2; round++) {
      cases.forEach((c, i) => {
        const got = assess(catalog, c.profile, c.answers);
        if (resultDigest(got) !== recorded[i]) throw new Error(`case ${i} (round ${round}) differs: ${JSON.stringify({ input: c, got })}`);
      });
    }
  });

  it('does not let a caller change what the next assessment of the same profile returns', () => {
    const catalog = loadAssessmentCatalog();
    const c = engineCases(catalog)[5]!;
    const first = assess(catalog, c.profile, c.answers);
    const before = JSON.stringify(first);
    first.applicableControls.push('mutated');
    first.open.length = 0;
    expect(JSON.stringify(assess(catalog, c.profile, c.answers))).toBe(before);
  });
});
