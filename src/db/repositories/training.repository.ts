/** SQL of the training area: learners (people invited to lessons), their progress and the nudges sent to them. */
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export interface Person {
  id: string;
  companyId: string;
  email: string;
  displayName: string | null;
  language: string;
  pseudonym: string;
}

export interface Learner {
  id: string;
  companyId: string;
  personId: string;
  tokenHash: string;
  invitedAt: string;
  joinedAt: string | null;
  revokedAt: string | null;
  unsubscribedAt: string | null;
}

export interface ProgressRow {
  learnerId: string;
  lessonId: string;
  startedAt: string;
  completedAt: string | null;
  perfect: boolean;
}

type LearnerRow = { id: string; company_id: string; person_id: string; token_hash: string; invited_at: string; joined_at: string | null; revoked_at: string | null; unsubscribed_at: string | null };
const toLearner = (r: LearnerRow): Learner => ({
  id: r.id,
  companyId: r.company_id,
  personId: r.person_id,
  tokenHash: r.token_hash,
  invitedAt: r.invited_at,
  joinedAt: r.joined_at,
  revokedAt: r.revoked_at,
  unsubscribedAt: r.unsubscribed_at,
});
const LEARNER_COLS = ['id', 'company_id', 'person_id', 'token_hash', 'invited_at', 'joined_at', 'revoked_at', 'unsubscribed_at'] as const;

export async function listPeople(db: Conn, companyId: string): Promise<Person[]> {
  const rows = await db.selectFrom('people').select(['id', 'company_id', 'email', 'display_name', 'language', 'pseudonym']).where('company_id', '=', companyId).orderBy('pseudonym').execute();
  return rows.map((r) => ({ id: r.id, companyId: r.company_id, email: r.email, displayName: r.display_name, language: r.language, pseudonym: r.pseudonym }));
}

export async function findPerson(db: Conn, personId: string): Promise<Person | undefined> {
  const r = await db.selectFrom('people').select(['id', 'company_id', 'email', 'display_name', 'language', 'pseudonym']).where('id', '=', personId).executeTakeFirst();
  return r && { id: r.id, companyId: r.company_id, email: r.email, displayName: r.display_name, language: r.language, pseudonym: r.pseudonym };
}

export async function listLearners(db: Conn, companyId: string): Promise<Learner[]> {
  return (await db.selectFrom('training_learners').select(LEARNER_COLS).where('company_id', '=', companyId).execute()).map(toLearner);
}

export async function findLearner(db: Conn, id: string): Promise<Learner | undefined> {
  const r = await db.selectFrom('training_learners').select(LEARNER_COLS).where('id', '=', id).executeTakeFirst();
  return r && toLearner(r);
}

export async function findLearnerByPerson(db: Conn, personId: string): Promise<Learner | undefined> {
  const r = await db.selectFrom('training_learners').select(LEARNER_COLS).where('person_id', '=', personId).executeTakeFirst();
  return r && toLearner(r);
}

export async function findLearnerByTokenHash(db: Conn, tokenHash: string): Promise<Learner | undefined> {
  const r = await db.selectFrom('training_learners').select(LEARNER_COLS).where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toLearner(r);
}

export async function findLearnerByUnsubscribeHash(db: Conn, hash: string): Promise<Learner | undefined> {
  const r = await db.selectFrom('training_learners').select(LEARNER_COLS).where('unsubscribe_hash', '=', hash).executeTakeFirst();
  return r && toLearner(r);
}

/** Creates the learner, or gives an existing one a new link (rotation: the old link and its sessions stop working). */
export async function upsertLearner(db: Conn, row: { id: string; companyId: string; personId: string; tokenHash: string; unsubscribeHash: string; now: string }): Promise<void> {
  await db
    .insertInto('training_learners')
    .values({ id: row.id, company_id: row.companyId, person_id: row.personId, token_hash: row.tokenHash, unsubscribe_hash: row.unsubscribeHash, invited_at: row.now, joined_at: null, revoked_at: null, unsubscribed_at: null })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ token_hash: row.tokenHash, invited_at: row.now, revoked_at: null }))
    .execute();
}

export async function markJoined(db: Conn, learnerId: string, now: string): Promise<void> {
  await db.updateTable('training_learners').set({ joined_at: now }).where('id', '=', learnerId).where('joined_at', 'is', null).execute();
}

export async function revokeLearner(db: Conn, learnerId: string, now: string): Promise<void> {
  await db.updateTable('training_learners').set({ revoked_at: now }).where('id', '=', learnerId).where('revoked_at', 'is', null).execute();
}

export async function unsubscribeLearner(db: Conn, learnerId: string, now: string): Promise<void> {
  await db.updateTable('training_learners').set({ unsubscribed_at: now }).where('id', '=', learnerId).where('unsubscribed_at', 'is', null).execute();
}

export async function progressOf(db: Conn, learnerIds: readonly string[]): Promise<ProgressRow[]> {
  if (learnerIds.length === 0) return [];
  const rows = await db.selectFrom('training_progress').selectAll().where('learner_id', 'in', learnerIds).execute();
  return rows.map((r) => ({ learnerId: r.learner_id, lessonId: r.lesson_id, startedAt: r.started_at, completedAt: r.completed_at, perfect: r.perfect === 1 }));
}

export async function markStarted(db: Conn, learnerId: string, lessonId: string, now: string): Promise<void> {
  await db.insertInto('training_progress').values({ learner_id: learnerId, lesson_id: lessonId, started_at: now, completed_at: null, perfect: 0 }).onConflict((oc) => oc.columns(['learner_id', 'lesson_id']).doNothing()).execute();
}

/** Hands in a quiz: the first completion time stays; a perfect try is remembered for good. */
export async function recordQuiz(db: Conn, learnerId: string, lessonId: string, perfect: boolean, now: string): Promise<void> {
  await markStarted(db, learnerId, lessonId, now);
  await db
    .updateTable('training_progress')
    .set((eb) => ({ completed_at: eb.fn.coalesce('completed_at', eb.val(now)), ...(perfect ? { perfect: 1 } : {}) }))
    .where('learner_id', '=', learnerId)
    .where('lesson_id', '=', lessonId)
    .execute();
}

/**
 * Claims one nudge: true only for the caller that inserted the row. The primary key (learner, kind, key) makes a
 * second claim, by this worker or another one at the same time, a no-op.
 */
export async function claimNudge(db: Conn, learnerId: string, kind: 'tip' | 'reminder', key: string, now: string): Promise<boolean> {
  const r = await db.insertInto('training_nudges').values({ learner_id: learnerId, kind, key, created_at: now }).onConflict((oc) => oc.columns(['learner_id', 'kind', 'key']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Learners who can be nudged: joined or invited, not revoked, not unsubscribed. */
export async function nudgeableLearners(db: Conn): Promise<(Learner & { email: string; language: string; companyName: string })[]> {
  const rows = await db
    .selectFrom('training_learners as l')
    .innerJoin('people as p', 'p.id', 'l.person_id')
    .innerJoin('companies as c', 'c.id', 'l.company_id')
    .select(['l.id', 'l.company_id', 'l.person_id', 'l.token_hash', 'l.invited_at', 'l.joined_at', 'l.revoked_at', 'l.unsubscribed_at', 'p.email', 'p.language', 'c.name as company_name'])
    .where('l.revoked_at', 'is', null)
    .where('l.unsubscribed_at', 'is', null)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({ ...toLearner(r), email: r.email, language: r.language, companyName: r.company_name }));
}

/** Lessons started before `before` and not finished, for learners who may be nudged. */
export async function unfinishedLessons(db: Conn, before: string): Promise<{ learnerId: string; lessonId: string }[]> {
  const rows = await db
    .selectFrom('training_progress as t')
    .innerJoin('training_learners as l', 'l.id', 't.learner_id')
    .select(['t.learner_id', 't.lesson_id'])
    .where('t.completed_at', 'is', null)
    .where('t.started_at', '<=', before)
    .where('l.revoked_at', 'is', null)
    .where('l.unsubscribed_at', 'is', null)
    .execute();
  return rows.map((r) => ({ learnerId: r.learner_id, lessonId: r.lesson_id }));
}

/** For the awareness evidence: people, people with a lesson finished since `since`, simulated mails sent and reported since then. */
/** Staff, staff trained since a date, phishing mails sent since then and how many of those were reported. */
export interface AwarenessCounts {
  people: number;
  trained: number;
  sent: number;
  reported: number;
}

// One statement with four scalar subqueries, compiled once: the company home and the insurance page read these on every view.
// One statement with four scalar subqueries, compiled once: the company home and the insurance page read it on every view.
const awarenessCountsOf = prepared(['companyId', 'since'], (db, p: { companyId: string; since: string }) =>
  db
    .selectNoFrom((eb) => [
      eb.selectFrom('people').select((e) => e.fn.countAll<string>().as('n')).where('company_id', '=', p.companyId).as('people'),
      eb
        .selectFrom('training_progress as t')
        .innerJoin('training_learners as l', 'l.id', 't.learner_id')
        .select((e) => e.fn.count<string>('l.person_id').distinct().as('n'))
        .where('l.company_id', '=', p.companyId)
        .where('t.completed_at', '>=', p.since)
        .as('trained'),
      eb
        .selectFrom('phishing_recipients as r')
        .innerJoin('phishing_campaigns as c', 'c.id', 'r.campaign_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('c.company_id', '=', p.companyId)
        .where('r.send_state', '=', 'sent')
        .where('r.sent_at', '>=', p.since)
        .as('sent'),
      eb
        .selectFrom('phishing_recipients as r')
        .innerJoin('phishing_campaigns as c', 'c.id', 'r.campaign_id')
        .select((e) => e.fn.count<string>('r.reported_at').as('n'))
        .where('c.company_id', '=', p.companyId)
        .where('r.send_state', '=', 'sent')
        .where('r.sent_at', '>=', p.since)
        .as('reported'),
    ]),
);

export async function awarenessCounts(db: Conn, companyId: string, since: string): Promise<AwarenessCounts> {
  // A select without FROM always answers one row.
  const row = await awarenessCountsOf.first(db, { companyId, since });
  return { people: Number(row?.people ?? 0), trained: Number(row?.trained ?? 0), sent: Number(row?.sent ?? 0), reported: Number(row?.reported ?? 0) };
}
