/**
 * Figures: the refresh of the pre-aggregated tables (worker job and `schild stats refresh`), its schedule, a
 * company's statistics consent, and "compare with similar companies". Rules and sources: docs/statistics.md.
 */
import type { AssessmentProfile } from '../core/assessment/profile.ts';
import type { Company } from '../core/company-profile.ts';
import type { User } from '../core/account.ts';
import { RSIT } from '../core/incidents/classification.ts';
import type { NaceList } from '../core/nace.ts';
import type { SizeBand } from '../core/stats/cells.ts';
import { quarterOf, sectionsByDivision, sizeBandOf } from '../core/stats/dimensions.ts';
import { comparable, type PeerGroup } from '../core/stats/peers.ts';
import { enqueueJob } from '../db/repositories/job.repository.ts';
import { refreshAllOrganisationFigures } from './org-figures.ts';
import { refreshEffectiveness } from '../db/repositories/stats-effectiveness.repository.ts';
import { claimNextRefresh, findPeerGroup, findStatsConsent, refreshState, refreshStatistics, setStatsConsent, type RefreshOutcome } from '../db/repositories/stats.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import { refreshPackFigures } from './sector-packs.ts';
import { transact } from '../db/transaction.ts';

export const STATS_REFRESH_JOB = 'stats-refresh';
/** How often the figures are rebuilt: a withdrawn consent leaves every figure within this time. */
export const STATS_REFRESH_HOURS = 6;
const HOUR = 3_600_000;

/** RSIT class → the categories coded with it (RSIT v1.3 pairs of core/incidents/classification.ts). */
export function rsitClasses(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [category, pairs] of Object.entries(RSIT)) {
    for (const cls of new Set(pairs.map((p) => p.class))) map.set(cls, [...(map.get(cls) ?? []), category]);
  }
  return map;
}

/** Rebuilds the statistics tables; null when another worker is refreshing right now. */
export async function refreshFigures(deps: AppDeps, nace: NaceList): Promise<RefreshOutcome | null> {
  const now = deps.clock.now().toISOString();
  const outcome = await transact(deps.db, (trx) =>
    refreshStatistics(trx, { dialect: deps.dialect, now, quarter: quarterOf(now), includeSynthetic: deps.config.syntheticData, sections: sectionsByDivision(nace), rsitClasses: rsitClasses() })
      .then(async (o) => { if (o) await refreshEffectiveness(trx, { dialect: deps.dialect, now }); return o; }),
  );
  if (outcome) deps.log.info({ ...outcome }, 'statistics refreshed');
  peerMemo.delete(deps.db);
  await refreshAllOrganisationFigures(deps);
  await refreshPackFigures(deps);
  return outcome;
}

/**
 * Keeps one chain of periodic refresh jobs. `expected` is the planned time the caller knows about (the job's own
 * `dueAt`, or the stored one when a worker starts); only the caller that moves it enqueues the next job.
 */
async function planNext(deps: AppDeps, expected: string | null, runAt: Date): Promise<boolean> {
  const next = runAt.toISOString();
  // Moving the planned time and enqueueing its job commit together: a crash in between would otherwise leave a
  // planned time with no job, and the chain would stop until a worker start found it overdue.
  const planned = await transact(deps.db, async (trx) => {
    if (!(await claimNextRefresh(trx, expected, next))) return false;
    await enqueueJob(trx, { type: STATS_REFRESH_JOB, payload: { dueAt: next }, runAt, maxAttempts: 3 }, deps.clock.now());
    return true;
  });
  if (planned) deps.kickWorker();
  return planned;
}

/** At worker start: plan a refresh now if none is planned, or if the planned one is long overdue (its job was lost). */
export async function ensureStatsRefreshPlanned(deps: AppDeps): Promise<void> {
  const state = await refreshState(deps.db);
  const now = deps.clock.now();
  const overdue = state.nextRunAt !== null && new Date(state.nextRunAt).getTime() < now.getTime() - STATS_REFRESH_HOURS * HOUR;
  if (state.nextRunAt === null || overdue) await planNext(deps, state.nextRunAt, now);
}

/** The job: refresh, then plan the next one (only if this job is still the planned one). */
export async function runPlannedRefresh(deps: AppDeps, nace: NaceList, dueAt: string | null): Promise<void> {
  await refreshFigures(deps, nace);
  if (dueAt !== null) await planNext(deps, dueAt, new Date(deps.clock.now().getTime() + STATS_REFRESH_HOURS * HOUR));
}

export async function statsConsentOf(deps: AppDeps, companyId: string): Promise<{ consent: boolean; changedAt: string | null }> {
  return (await findStatsConsent(deps.db, companyId)) ?? { consent: false, changedAt: null };
}

/** The owner's choice; audit logged. The figures follow at the next refresh. */
export async function changeStatsConsent(deps: AppDeps, companyId: string, actor: User, consent: boolean, meta: RequestMeta): Promise<void> {
  await transact(deps.db, async (trx) => {
    await setStatsConsent(trx, companyId, consent, deps.clock.now().toISOString());
    await audit(deps, trx, { type: 'company.stats_consent_changed', companyId, userId: actor.id, ip: meta.ip, detail: { consent } });
  });
}

export type NoComparison = 'profile_incomplete' | 'too_few';
export interface PeerView {
  naceSection: string | null;
  sizeBand: SizeBand | null;
  group: PeerGroup | null;
  /** Why there is no comparison (null when there is one). */
  reason: NoComparison | null;
}

/** Similar companies for a profile (same NACE section and size band), from the pre-aggregated table only. */
type GroupReader = (deps: AppDeps, naceSection: string, sizeBand: SizeBand) => Promise<PeerGroup | null>;
const readGroup: GroupReader = async (deps, naceSection, sizeBand) => comparable(await findPeerGroup(deps.db, naceSection, sizeBand));

export async function peersForProfile(deps: AppDeps, nace: NaceList, profile: Pick<AssessmentProfile, 'sector' | 'employees'>, read: GroupReader = readGroup): Promise<PeerView> {
  const naceSection = sectionsByDivision(nace).get(profile.sector.slice(0, 2)) ?? null;
  const sizeBand = sizeBandOf(profile.employees);
  if (!naceSection || !sizeBand) return { naceSection, sizeBand, group: null, reason: 'profile_incomplete' };
  const group = await read(deps, naceSection, sizeBand);
  return { naceSection, sizeBand, group, reason: group ? null : 'too_few' };
}

/**
 * How long a web process keeps a peer group for the anonymous quick scan. The groups change only when the figures are
 * refreshed (every STATS_REFRESH_HOURS, usually by a worker), and they are the same for every visitor of a sector and
 * size band; so the quick scan, the busiest anonymous route, reads each group at most once a minute per process
 * (issue 13) instead of on every request. A refresh in this process drops them at once; other processes follow
 * within this time. The company pages still read the table on every view.
 */
export const PEER_MEMO_MS = 60_000;
const PEER_MEMO_LIMIT = 1_000;
const peerMemo = new WeakMap<AppDeps['db'], Map<string, { until: number; group: PeerGroup | null }>>();

/** peersForProfile for the anonymous quick scan, through the short per-process memo above. */
const keptGroup: GroupReader = async (deps, naceSection, sizeBand) => {
  let memo = peerMemo.get(deps.db);
  if (!memo) peerMemo.set(deps.db, (memo = new Map()));
  const key = `${naceSection}/${sizeBand}`;
  const now = Date.now();
  let hit = memo.get(key);
  if (!hit || hit.until <= now) {
    hit = { until: now + PEER_MEMO_MS, group: await readGroup(deps, naceSection, sizeBand) };
    if (memo.size >= PEER_MEMO_LIMIT) memo.clear();
    memo.set(key, hit);
  }
  return hit.group;
};

export function quickScanPeers(deps: AppDeps, nace: NaceList, profile: Pick<AssessmentProfile, 'sector' | 'employees'>): Promise<PeerView> {
  return peersForProfile(deps, nace, profile, keptGroup);
}

export async function peersForCompany(deps: AppDeps, nace: NaceList, company: Company): Promise<PeerView> {
  if (!company.naceCode || company.employees === null) return { naceSection: null, sizeBand: null, group: null, reason: 'profile_incomplete' };
  return peersForProfile(deps, nace, { sector: company.naceCode, employees: company.employees });
}
