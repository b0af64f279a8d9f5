/**
 * Bulk inserts of synthetic companies (`schild seed-synthetic`): multi-row INSERTs sized under each engine's limit
 * of bound parameters (SQLite 32,766; PostgreSQL 65,535), inside the caller's transaction.
 */
import type { Insertable } from 'kysely';
import { EMPTY_DETAILS } from '../../core/incidents/record.ts';
import type { SyntheticCompany, SyntheticIncident } from '../../core/stats/synthetic.ts';
import type { AssessmentAnswersTable, AssessmentsTable, CompaniesTable, IncidentsTable } from '../schema.ts';
import type { Conn } from './types.ts';

const MAX_PARAMS = 30_000;
const EMPTY_DETAILS_TEXT = JSON.stringify(EMPTY_DETAILS);

/** What the caller derives for an incident with the core rules (facts, triage, severity), as stored text. */
export interface IncidentCoding {
  facts: string;
  triage: string;
  severity: string;
}

async function insertChunked<T extends 'companies' | 'assessments' | 'assessment_answers' | 'incidents'>(
  db: Conn,
  table: T,
  rows: Insertable<{ companies: CompaniesTable; assessments: AssessmentsTable; assessment_answers: AssessmentAnswersTable; incidents: IncidentsTable }[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one generic helper over four tables with their own row types
    await db.insertInto(table).values(rows.slice(i, i + per) as any).execute();
  }
}

export async function insertSyntheticCompanies(db: Conn, batch: readonly SyntheticCompany[], code: (c: SyntheticCompany, i: SyntheticIncident) => IncidentCoding): Promise<void> {
  const companies: Insertable<CompaniesTable>[] = [];
  const assessments: Insertable<AssessmentsTable>[] = [];
  const answers: Insertable<AssessmentAnswersTable>[] = [];
  const incidents: Insertable<IncidentsTable>[] = [];
  for (const c of batch) {
    const p = c.profile;
    companies.push({
      id: c.id,
      name: c.name,
      enterprise_number: null,
      nace_code: c.naceCode,
      employees: c.employees,
      region: c.region,
      language: c.language,
      website: p.website ? 1 : 0,
      webshop: p.webshop ? 1 : 0,
      email_provider: p.email,
      card_payments: p.cardPayments ? 1 : 0,
      nis2_status: 'unknown',
      personal_data: p.personalData,
      remote_work: p.remoteWork ? 1 : 0,
      it_provider: p.itProvider ? 1 : 0,
      require_mfa: 0,
      created_at: c.createdAt,
      updated_at: c.createdAt,
      synthetic: 1,
      stats_consent: 1,
      stats_consent_at: null,
    });
    if (c.assessment) {
      const a = c.assessment;
      assessments.push({
        id: a.id,
        company_id: c.id,
        created_by: 'synthetic',
        created_at: a.completedAt,
        updated_at: a.completedAt,
        completed_at: a.completedAt,
        algorithm_version: a.result.algorithmVersion,
        profile: JSON.stringify(p),
        result: JSON.stringify(a.result),
      });
      for (const [control, answer] of Object.entries(a.answers)) {
        answers.push({ assessment_id: a.id, control_id: control, answer, note: null, updated_by: 'synthetic', updated_at: a.completedAt });
      }
    }
    for (const i of c.incidents) {
      const coded = code(c, i);
      const closed = i.status === 'closed' || i.status === 'false_positive';
      incidents.push({
        id: i.id,
        company_id: c.id,
        created_by: null,
        follow_token_hash: null,
        lang: c.language,
        category: i.category,
        facts: coded.facts,
        triage: coded.triage,
        severity: coded.severity,
        status: i.status,
        details: EMPTY_DETAILS_TEXT,
        aware_at: i.awareAt,
        created_at: i.awareAt,
        updated_at: i.awareAt,
        closed_at: closed ? i.awareAt : null,
        lessons: null,
        stats_consent: i.statsConsent ? 1 : 0,
        story_consent: 0,
        story: null,
        follow_token_expires_at: null,
      });
    }
  }
  await insertChunked(db, 'companies', companies);
  await insertChunked(db, 'assessments', assessments);
  await insertChunked(db, 'assessment_answers', answers);
  await insertChunked(db, 'incidents', incidents);
}

export async function countSyntheticCompanies(db: Conn): Promise<number> {
  const row = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('synthetic', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}
