/**
 * `schild seed-synthetic`: synthetic companies with assessments and incidents, for tests, benchmarks and demos.
 * Refused unless the deployment allows synthetic data (SYNTHETIC_DATA=1, itself refused in production), so made-up
 * companies never mix with real figures (docs/operations.md).
 */
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import { normalizeFacts, triage } from '../core/incidents/triage.ts';
import type { NaceList } from '../core/nace.ts';
import { sectionsByDivision } from '../core/stats/dimensions.ts';
import { syntheticCompanies, type SyntheticCompany, type SyntheticIncident } from '../core/stats/synthetic.ts';
import { insertSyntheticCompanies, type IncidentCoding } from '../db/repositories/synthetic.repository.ts';
import type { AppDeps, Result } from './deps.ts';
import { transact } from '../db/transaction.ts';

export const SEED_BATCH = 5_000;

export interface SeedOptions {
  companies: number;
  seed: number;
  asOf?: Date;
  onProgress?: (done: number, total: number) => void;
}

export function syntheticAllowed(deps: Pick<AppDeps, 'config'>): boolean {
  return deps.config.env !== 'production' && deps.config.syntheticData;
}

/** The incident as the report wizard would have coded it: a plain set of facts, its triage and severity. */
function codeIncident(c: SyntheticCompany, i: SyntheticIncident): IncidentCoding {
  const facts = normalizeFacts({
    category: i.category,
    awareAt: i.awareAt,
    ongoing: false,
    personalData: i.category === 'data_leak' ? 'yes' : 'no',
    specialCategoryData: false,
    dataEncrypted: false,
    gdprRole: 'controller',
    nis2: 'out_of_scope',
    moneyLost: i.category === 'invoice_fraud' || i.category === 'ceo_fraud',
    cardDataExposed: false,
    extortion: i.category === 'ransomware' || i.category === 'extortion',
    insured: c.employees >= 10,
  });
  const t = triage(facts);
  return { facts: JSON.stringify(facts), triage: JSON.stringify(t), severity: t.severity };
}

export async function seedSynthetic(deps: AppDeps, content: { assessment: AssessmentCatalog; nace: NaceList }, opts: SeedOptions): Promise<Result<{ companies: number }, 'not_allowed'>> {
  if (!syntheticAllowed(deps)) return { ok: false, error: 'not_allowed' };
  const divisions = new Map<string, string[]>();
  for (const [division, section] of sectionsByDivision(content.nace)) divisions.set(section, [...(divisions.get(section) ?? []), division]);
  const generator = syntheticCompanies({ seed: opts.seed, asOf: opts.asOf ?? deps.clock.now(), catalog: content.assessment, divisions }, opts.companies);
  let batch: SyntheticCompany[] = [];
  let done = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await transact(deps.db, (trx) => insertSyntheticCompanies(trx, rows, codeIncident));
    done += rows.length;
    opts.onProgress?.(done, opts.companies);
  };
  for (const c of generator) {
    batch.push(c);
    if (batch.length >= SEED_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return { ok: true, companies: done };
}
