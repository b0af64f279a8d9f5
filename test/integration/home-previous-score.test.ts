/**
 * The company home shows the score of the previous finished assessment beside the current one (issue 9). It is read
 * as one row (issue 13: no loading of every finished assessment per page view); these cases pin what "previous" means:
 * the most recently finished assessment other than the current one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/core/assessment/engine.ts';
import { insertAssessment, latestAssessment, latestAssessmentHead, previousCompletedScore, storeResult } from '../../src/db/repositories/assessment.repository.ts';
import { findUserRowByEmail } from '../../src/db/repositories/user.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

describe.each(DIALECTS)('previous score on the company home (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('is the latest finished assessment other than the current one, and none before any is finished', async () => {
    const { companyId } = await ownerWithCompany(t);
    const db = t.runtime.deps.db;
    const userId = (await findUserRowByEmail(db, 'owner@example.be'))!.id;
    const add = async (day: number, overall: number | null) => {
      const id = randomUUID();
      const at = `2026-0${day}-01T10:00:00.000Z`;
      await insertAssessment(db, { id, companyId, userId, now: at });
      if (overall !== null) await storeResult(db, id, { algorithmVersion: 't', scores: { overall } } as unknown as AssessmentResult, '{}', at, true);
      return id;
    };
    const first = await add(1, 40);
    expect(await previousCompletedScore(db, companyId, first)).toBeNull();
    const second = await add(2, 55);
    const third = await add(3, 70);
    const current = await add(4, null); // started, not finished
    expect(await previousCompletedScore(db, companyId, current)).toBe(70);
    expect(await previousCompletedScore(db, companyId, third)).toBe(55);
    expect(await previousCompletedScore(db, companyId, second)).toBe(70);
    expect(await previousCompletedScore(db, companyId, null)).toBe(70);
    // Another company's assessments never count.
    expect(await previousCompletedScore(db, randomUUID(), null)).toBeNull();
  });
});

describe.each(DIALECTS)('latest assessment head (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('names the same assessment as the full latest-assessment read, without its stored result', async () => {
    const { companyId } = await ownerWithCompany(t);
    const db = t.runtime.deps.db;
    const userId = (await findUserRowByEmail(db, 'owner@example.be'))!.id;
    expect(await latestAssessmentHead(db, companyId)).toBeUndefined();
    for (const [day, done] of [[1, true], [2, false]] as const) {
      const id = randomUUID();
      const at = `2026-0${day}-01T10:00:00.000Z`;
      await insertAssessment(db, { id, companyId, userId, now: at });
      if (done) await storeResult(db, id, { algorithmVersion: 't', scores: { overall: 50 } } as unknown as AssessmentResult, '{}', at, true);
      const full = await latestAssessment(db, companyId);
      expect(await latestAssessmentHead(db, companyId)).toEqual({ id: full!.id, completedAt: full!.completedAt });
      expect(full!.id).toBe(id);
    }
  });
});
