/**
 * Effectiveness of measures, pre-aggregated (migration 021): rebuilt inside the statistics refresh transaction right
 * after stats_companies, so it counts exactly the companies the other figures count (statistics consent, SMEs only,
 * synthetic rows only where allowed). The page and the API read this table only. Method: docs/statistics.md.
 */
import { sql, type RawBuilder } from 'kysely';
import { FOLLOW_UP_DAYS, type EffectivenessCounts } from '../../core/stats/effectiveness.ts';
import type { Dialect } from '../connection.ts';
import type { Conn } from './types.ts';

const DAY = 86_400_000;

/**
 * An ISO-8601 UTC text moved FOLLOW_UP_DAYS days later, written the way Date#toISOString writes it
 * (YYYY-MM-DDTHH:MM:SS.sssZ), so it compares as text with the stored instants on both engines.
 */
function followUpEnd(dialect: Dialect, column: RawBuilder<string>): RawBuilder<string> {
  return dialect === 'sqlite'
    ? sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, ${sql.lit(`+${FOLLOW_UP_DAYS} days`)})`
    : sql<string>`to_char((${column}::timestamptz + interval ${sql.lit(`${FOLLOW_UP_DAYS} days`)}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Per control, from each counted company's latest assessment finished at least FOLLOW_UP_DAYS before `now` (so it has
 * a whole following year): companies that answered "yes" (with the measure) or "no"/"partly" (without it), and how
 * many of each had at least one incident noticed in (completed_at, completed_at + FOLLOW_UP_DAYS], counting only
 * incidents the company let count in statistics and never false alarms. "I don't know" and "not applicable" count in
 * neither group. Call inside the refresh transaction, after stats_companies is rebuilt.
 */
export async function refreshEffectiveness(trx: Conn, input: { dialect: Dialect; now: string }): Promise<number> {
  await trx.deleteFrom('stats_effectiveness').execute();
  const cutoff = new Date(new Date(input.now).getTime() - FOLLOW_UP_DAYS * DAY).toISOString();
  await sql`
    insert into stats_effectiveness (control_id, n_with, events_with, n_without, events_without)
    select aa.control_id,
      sum(case when aa.answer = 'yes' then 1 else 0 end),
      sum(case when aa.answer = 'yes' then e.hit else 0 end),
      sum(case when aa.answer <> 'yes' then 1 else 0 end),
      sum(case when aa.answer <> 'yes' then e.hit else 0 end)
    from (
      select x.id as assessment_id,
        case when exists (
          select 1 from incidents i
          where i.company_id = s.company_id and i.stats_consent = 1 and i.status <> 'false_positive'
            and i.aware_at > x.completed_at and i.aware_at <= ${followUpEnd(input.dialect, sql<string>`x.completed_at`)}
        ) then 1 else 0 end as hit
      from stats_companies s
      join assessments x on x.id = (
        select y.id from assessments y
        where y.company_id = s.company_id and y.completed_at is not null and y.completed_at <= ${cutoff}
        order by y.completed_at desc, y.id desc limit 1
      )
    ) e
    join assessment_answers aa on aa.assessment_id = e.assessment_id
    where aa.answer in ('yes', 'no', 'partly')
    group by aa.control_id
  `.execute(trx);
  const n = await trx.selectFrom('stats_effectiveness').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n.n);
}

export async function listEffectivenessCounts(db: Conn): Promise<EffectivenessCounts[]> {
  const rows = await db.selectFrom('stats_effectiveness').selectAll().orderBy('control_id').execute();
  return rows.map((r) => ({
    controlId: r.control_id,
    nWith: Number(r.n_with),
    eventsWith: Number(r.events_with),
    nWithout: Number(r.n_without),
    eventsWithout: Number(r.events_without),
  }));
}
