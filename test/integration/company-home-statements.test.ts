/**
 * Issue 13: the company home is the page owners open most and the heaviest signed-in page. It reads a fixed number
 * of statements however many incidents the company has (no query per incident), and the awareness counts that both
 * the score and "your team" use are read once. Counted through a Kysely plugin, so every statement the page's loader
 * sends is seen, the compiled ones (src/db/prepared.ts) included.
 */
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companyHome } from '../../src/app/company-home.ts';
import { createIncident } from '../../src/app/incidents.ts';
import { FactsSchema } from '../../src/core/incidents/triage.ts';
import { findCompany } from '../../src/db/repositories/company.repository.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { incidentFacts } from '../support/incident-facts.ts';

describe.each(DIALECTS)('company home statements on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  async function statementsOfHome(companyId: string): Promise<{ count: number; home: Awaited<ReturnType<typeof companyHome>> }> {
    const deps = t.runtime.deps;
    let count = 0;
    const counting: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => (count++, a.result) };
    const company = (await findCompany(deps.db, companyId))!;
    const home = await companyHome({ ...deps, db: deps.db.withPlugin(counting) }, t.runtime.content.assessment, company);
    return { count, home };
  }

  it('reads the same number of statements with one open incident as with four, and each keeps its own deadlines', async () => {
    const { companyId } = await ownerWithCompany(t);
    const deps = t.runtime.deps;
    const owner = toUser((await findUserRowByEmail(deps.db, 'owner@example.be'))!);
    const report = async (category: 'ransomware' | 'data_leak', personalData: 'yes' | 'no') =>
      (
        await createIncident(deps, {
          facts: FactsSchema.parse(incidentFacts({ category, awareAt: deps.clock.now().toISOString(), ongoing: true, personalData, extortion: category === 'ransomware' })),
          lang: 'en',
          companyId,
          user: owner,
        })
      ).id;

    const first = await report('ransomware', 'yes');
    const one = await statementsOfHome(companyId);
    expect(one.home.incidents.map((i) => i.id)).toEqual([first]);

    const others = [await report('data_leak', 'no'), await report('ransomware', 'no'), await report('data_leak', 'yes')];
    const four = await statementsOfHome(companyId);
    expect(four.count).toBe(one.count);
    expect(new Set(four.home.incidents.map((i) => i.id))).toEqual(new Set([first, ...others]));
    // Ticks and events are attributed to their own incident: each incident's next deadline is the one it had alone.
    const alone = one.home.incidents[0]!.nextDeadline;
    expect(four.home.incidents.find((i) => i.id === first)!.nextDeadline).toEqual(alone);
    // The awareness counts are one statement, read once: 8 statements in all (13 before, and two more per incident).
    expect(one.count).toBeLessThanOrEqual(8);
  });
});
