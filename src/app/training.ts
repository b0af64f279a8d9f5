/**
 * Micro-training use cases (docs/training.md): invite people by magic link, the learner's session, lessons and
 * quizzes, the owner's coverage, the awareness evidence for the self-assessment, and the monthly nudges.
 */
import { randomUUID } from 'node:crypto';
import { hmac, randomToken, safeEqual, sha256 } from '../adapters/crypto.ts';
import { loadContent } from '../adapters/content.ts';
import type { Company } from '../core/company-profile.ts';
import { isLocale, type Locale } from '../core/locale.ts';
import { answersWithEvidence, AWARENESS_CONTROL, awarenessEvidence, coverage, type AwarenessEvidence, type Coverage } from '../core/training/coverage.ts';
import { scoreQuiz, type Lesson, type QuizResult } from '../core/training/lessons.ts';
import { badges, monthKey, monthlyChallenge, points, streak, teamProgress, type Badge, type Completion, type TeamProgress } from '../core/training/progress.ts';
import {
  awarenessCounts,
  type AwarenessCounts,
  claimNudge,
  findLearner,
  findLearnerByPerson,
  findLearnerByTokenHash,
  findLearnerByUnsubscribeHash,
  findPerson,
  listLearners,
  listPeople,
  markJoined,
  markStarted,
  nudgeableLearners,
  progressOf,
  recordQuiz,
  revokeLearner,
  unfinishedLessons,
  unsubscribeLearner,
  upsertLearner,
  type Learner,
  type Person,
} from '../db/repositories/training.repository.ts';
import { enqueueSingletonJob } from '../db/repositories/job.repository.ts';
import { findCompany } from '../db/repositories/company.repository.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { consume, HOUR, MINUTE } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

export const TRAINING_NUDGES_JOB = 'training-nudges';
/** Reminder for a lesson opened and not finished after this long; sent once per lesson (docs/training.md). */
export const REMINDER_AFTER_MS = 3 * 24 * HOUR;
/** The scheduler runs every hour; each run is idempotent, so a missed or doubled run does no harm. */
export const NUDGE_INTERVAL_MS = HOUR;
/** A learner session lasts 90 days; the magic link itself stays valid until it is rotated or revoked. */
export const LEARNER_SESSION_DAYS = 90;

const lessons = (): Lesson[] => loadContent().lessons;
const lessonIds = (): string[] => lessons().map((l) => l.id);
const langOf = (p: { language: string }): Locale => (isLocale(p.language) ? p.language : 'nl');

/** The unsubscribe token is derived, not stored, so each nudge can carry it; only its hash is kept for look-up. */
export function unsubscribeToken(deps: AppDeps, learnerId: string): string {
  return hmac(deps.config.sessionSecret, `training-unsubscribe:${learnerId}`).slice(0, 32);
}

// ---- invitations -------------------------------------------------------------------------------------------------

export type InviteError = 'none_selected' | 'rate_limited';

/**
 * Sends (or sends again) the magic link to each chosen person of the company. A resend gives a new link: the old one
 * and any session opened with it stop working. Rate-limited per company so the page cannot be used to flood inboxes.
 */
export async function inviteLearners(deps: AppDeps, company: Company, personIds: readonly string[]): Promise<Result<{ sent: number }, InviteError> | { ok: false; error: 'rate_limited'; retryAfterSeconds: number }> {
  const people = (await listPeople(deps.db, company.id)).filter((p) => personIds.includes(p.id));
  if (people.length === 0) return { ok: false, error: 'none_selected' };
  const limit = await consume(deps, [
    { key: `training-invite:${company.id}`, max: 10, windowMs: 10 * MINUTE },
    ...people.map((p) => ({ key: `training-invite-person:${p.id}`, max: 3, windowMs: HOUR })),
  ]);
  if (!limit.allowed) return { ok: false, error: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    for (const p of people) {
      const existing = await findLearnerByPerson(trx, p.id);
      const id = existing?.id ?? randomUUID();
      const token = randomToken(24);
      await upsertLearner(trx, { id, companyId: company.id, personId: p.id, tokenHash: sha256(token), unsubscribeHash: sha256(unsubscribeToken(deps, id)), now });
      const lang = langOf(p);
      await queueMail(deps, trx, p.email, lang, {
        subject: 'mail.training_invite.subject',
        intro: 'mail.training_invite.intro',
        action: { label: 'mail.training_invite.action', url: `${deps.config.baseUrl}/learn/${token}` },
        outro: 'mail.training_invite.outro',
        params: { company: company.name },
      });
    }
  });
  deps.kickWorker();
  return { ok: true, sent: people.length };
}

export async function revokeLearnerOf(deps: AppDeps, companyId: string, personId: string): Promise<boolean> {
  const l = await findLearnerByPerson(deps.db, personId);
  if (!l || l.companyId !== companyId) return false;
  await revokeLearner(deps.db, l.id, deps.clock.now().toISOString());
  return true;
}

// ---- learner session -----------------------------------------------------------------------------------------------

/**
 * The learner cookie: learner id + HMAC over the id and the current link's hash. Rotating or revoking the link
 * therefore ends the session too, without a session table. It opens /learn pages only (no user account behind it).
 */
function sessionValue(deps: AppDeps, l: Learner): string {
  return `${l.id}.${hmac(deps.config.sessionSecret, `learner-session:${l.id}:${l.tokenHash}`)}`;
}

/** The person a live magic link belongs to (changes nothing: mail scanners open links too), with the company name. */
export async function findByMagicToken(deps: AppDeps, token: string): Promise<{ learner: Learner; person: Person; companyName: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const l = await findLearnerByTokenHash(deps.db, sha256(token));
  if (!l || l.revokedAt) return null;
  const person = await findPerson(deps.db, l.personId);
  const company = await findCompany(deps.db, l.companyId);
  return person && company ? { learner: l, person, companyName: company.name } : null;
}

/** Joins by the magic link (a POST from the welcome page): the learner and the cookie value, or null for a dead link. */
export async function joinByToken(deps: AppDeps, token: string): Promise<{ learner: Learner; person: Person; cookie: string } | null> {
  const found = await findByMagicToken(deps, token);
  if (!found) return null;
  await markJoined(deps.db, found.learner.id, deps.clock.now().toISOString());
  return { learner: found.learner, person: found.person, cookie: sessionValue(deps, found.learner) };
}

export async function learnerFromCookie(deps: AppDeps, value: string | undefined): Promise<{ learner: Learner; person: Person } | null> {
  if (!value || value.length > 200) return null;
  const id = value.split('.')[0] ?? '';
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const l = await findLearner(deps.db, id);
  if (!l || l.revokedAt || !safeEqual(value, sessionValue(deps, l))) return null;
  const person = await findPerson(deps.db, l.personId);
  return person ? { learner: l, person } : null;
}

// ---- learner pages ---------------------------------------------------------------------------------------------------

export interface LearnerOverview {
  lessons: { lesson: Lesson; started: boolean; done: boolean; perfect: boolean }[];
  points: number;
  streak: number;
  badges: Badge[];
  challengeId: string;
  challengeDone: boolean;
  team: TeamProgress;
}

function completions(rows: { lessonId: string; completedAt: string | null; perfect: boolean }[]): Completion[] {
  return rows.filter((r) => r.completedAt).map((r) => ({ lessonId: r.lessonId, completedAt: r.completedAt!, perfect: r.perfect }));
}

export async function learnerOverview(deps: AppDeps, learner: Learner): Promise<LearnerOverview> {
  const now = deps.clock.now();
  const all = lessons();
  const challengeId = monthlyChallenge(all.map((l) => l.id), now);
  const mine = await progressOf(deps.db, [learner.id]);
  const done = completions(mine);
  // Team: learners of the same company still taking part; shares only, never a name or a person's score.
  const team = (await listLearners(deps.db, learner.companyId)).filter((l) => !l.revokedAt);
  const teamProgressRows = await progressOf(deps.db, team.map((l) => l.id));
  const teamDone = completions(teamProgressRows);
  const didChallenge = new Set(teamProgressRows.filter((r) => r.lessonId === challengeId && r.completedAt && monthKey(new Date(r.completedAt)) === monthKey(now)).map((r) => r.learnerId)).size;
  return {
    lessons: all.map((lesson) => {
      const p = mine.find((r) => r.lessonId === lesson.id);
      return { lesson, started: !!p, done: !!p?.completedAt, perfect: !!p?.perfect };
    }),
    points: points(done),
    streak: streak(done, now),
    badges: badges(done, now, challengeId),
    challengeId,
    challengeDone: done.some((c) => c.lessonId === challengeId && monthKey(new Date(c.completedAt)) === monthKey(now)),
    team: teamProgress(team.length, didChallenge, teamDone.length),
  };
}

export function findLesson(id: string): Lesson | undefined {
  return lessons().find((l) => l.id === id);
}

export async function startLesson(deps: AppDeps, learner: Learner, lessonId: string): Promise<void> {
  await markStarted(deps.db, learner.id, lessonId, deps.clock.now().toISOString());
}

/** Checks the answers server-side and records the lesson as done; returns the result and the badges newly earned. */
export async function submitQuiz(deps: AppDeps, learner: Learner, lesson: Lesson, given: (number | null)[]): Promise<{ result: QuizResult; newBadges: Badge[]; pointsGained: number }> {
  const before = await learnerOverview(deps, learner);
  const result = scoreQuiz(lesson, given);
  await recordQuiz(deps.db, learner.id, lesson.id, result.perfect, deps.clock.now().toISOString());
  const after = await learnerOverview(deps, learner);
  return { result, newBadges: after.badges.filter((b) => !before.badges.includes(b)), pointsGained: after.points - before.points };
}

// ---- owner --------------------------------------------------------------------------------------------------------------

export interface PersonStatus {
  person: Person;
  invited: boolean;
  joined: boolean;
  revoked: boolean;
}

export async function trainingCoverage(deps: AppDeps, companyId: string): Promise<{ coverage: Coverage; people: PersonStatus[] }> {
  const people = await listPeople(deps.db, companyId);
  const learners = await listLearners(deps.db, companyId);
  const progress = await progressOf(deps.db, learners.map((l) => l.id));
  const byPerson = new Map(learners.map((l) => [l.personId, l]));
  const facts = people.map((p) => {
    const l = byPerson.get(p.id);
    const live = !!l && !l.revokedAt;
    return {
      pseudonym: p.pseudonym,
      invited: live,
      joined: live && !!l.joinedAt,
      lessonsDone: l ? progress.filter((r) => r.learnerId === l.id && r.completedAt).map((r) => r.lessonId) : [],
    };
  });
  return {
    coverage: coverage(lessonIds(), facts),
    people: people.map((p) => {
      const l = byPerson.get(p.id);
      return { person: p, invited: !!l && !l.revokedAt, joined: !!l?.joinedAt && !l.revokedAt, revoked: !!l?.revokedAt };
    }),
  };
}

/** The start of the 12 months the awareness measure counts (training coverage and phishing report rate). */
export function awarenessSince(deps: AppDeps): string {
  return new Date(deps.clock.now().getTime() - 365 * 24 * HOUR).toISOString();
}

/** The `pr-awareness` evidence from counts already read (the company home reads them once for two uses). */
export function awarenessFromCounts(c: AwarenessCounts): AwarenessEvidence | null {
  return awarenessEvidence({ people: c.people, trainedLast12Months: c.trained, phishingSent: c.sent, phishingReported: c.reported });
}

/** Measured evidence for the `pr-awareness` control: training coverage and phishing report rate over 12 months. */
export async function awarenessFor(deps: AppDeps, companyId: string): Promise<AwarenessEvidence | null> {
  return awarenessFromCounts(await awarenessCounts(deps.db, companyId, awarenessSince(deps)));
}

/** The owner's answers with `pr-awareness` answered by the measurement when the owner left it open or said "I don't know". */
export function withAwareness<A extends string>(answers: Readonly<Record<string, A>>, e: AwarenessEvidence | null): Record<string, A | AwarenessEvidence['observed']> {
  return e ? answersWithEvidence(answers, { [AWARENESS_CONTROL]: e.observed }) : { ...answers };
}

/**
 * The answers the score is computed from: the owner's, with `pr-awareness` answered by the measurement when the owner
 * left it open or said "I don't know" (docs/assessment.md).
 */
export async function answersForScoring<A extends string>(deps: AppDeps, companyId: string, answers: Readonly<Record<string, A>>): Promise<Record<string, A | AwarenessEvidence['observed']>> {
  return withAwareness(answers, await awarenessFor(deps, companyId));
}

// ---- unsubscribe ----------------------------------------------------------------------------------------------------------

export async function findByUnsubscribeToken(deps: AppDeps, token: string): Promise<{ learner: Learner; person: Person } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const l = await findLearnerByUnsubscribeHash(deps.db, sha256(token));
  const person = l ? await findPerson(deps.db, l.personId) : undefined;
  return l && person ? { learner: l, person } : null;
}

export async function unsubscribe(deps: AppDeps, token: string): Promise<boolean> {
  const found = await findByUnsubscribeToken(deps, token);
  if (!found) return false;
  await unsubscribeLearner(deps.db, found.learner.id, deps.clock.now().toISOString());
  return true;
}

// ---- nudges ------------------------------------------------------------------------------------------------------------------

function nudgeHeaders(deps: AppDeps, learnerId: string): Record<string, string> {
  // RFC 8058 §3.1: List-Unsubscribe with an HTTPS URI and List-Unsubscribe-Post: List-Unsubscribe=One-Click. The
  // one-click POST goes to the API path, which needs no form token (a mail provider posts it, not a browser form).
  return {
    'List-Unsubscribe': `<${deps.config.baseUrl}/api/v1/training/unsubscribe/${unsubscribeToken(deps, learnerId)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/**
 * One scheduler run: the month's tip to every learner who has not had it this month, and a reminder for each lesson
 * started more than three days ago and not finished (once per lesson). Each mail is claimed first in
 * training_nudges in the same transaction as its outbox row, so two workers never send the same nudge twice.
 */
export async function runNudges(deps: AppDeps): Promise<{ tips: number; reminders: number }> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const month = monthKey(now);
  const challenge = findLesson(monthlyChallenge(lessonIds(), now))!;
  const learners = await nudgeableLearners(deps.db);
  let tips = 0;
  let reminders = 0;
  for (const l of learners) {
    const lang = langOf(l);
    const sent = await transact(deps.db, async (trx) => {
      if (!(await claimNudge(trx, l.id, 'tip', month, nowIso))) return false;
      await queueMail(
        deps,
        trx,
        l.email,
        lang,
        {
          subject: 'mail.training_tip.subject',
          intro: 'mail.training_tip.intro',
          action: { label: 'mail.training_tip.action', url: `${deps.config.baseUrl}/${lang}/learn/lessons/${challenge.id}` },
          outro: 'mail.training_nudge.outro',
          params: { title: challenge.i18n[lang].title, tip: challenge.i18n[lang].tip, unsubscribe: `${deps.config.baseUrl}/learn/unsubscribe/${unsubscribeToken(deps, l.id)}` },
        },
        nudgeHeaders(deps, l.id),
      );
      return true;
    });
    if (sent) tips++;
  }
  const byId = new Map(learners.map((l) => [l.id, l]));
  for (const u of await unfinishedLessons(deps.db, new Date(now.getTime() - REMINDER_AFTER_MS).toISOString())) {
    const l = byId.get(u.learnerId);
    const lesson = findLesson(u.lessonId);
    if (!l || !lesson) continue;
    const lang = langOf(l);
    const sent = await transact(deps.db, async (trx) => {
      if (!(await claimNudge(trx, l.id, 'reminder', lesson.id, nowIso))) return false;
      await queueMail(
        deps,
        trx,
        l.email,
        lang,
        {
          subject: 'mail.training_reminder.subject',
          intro: 'mail.training_reminder.intro',
          action: { label: 'mail.training_reminder.action', url: `${deps.config.baseUrl}/${lang}/learn/lessons/${lesson.id}` },
          outro: 'mail.training_nudge.outro',
          params: { title: lesson.i18n[lang].title, minutes: lesson.minutes, unsubscribe: `${deps.config.baseUrl}/learn/unsubscribe/${unsubscribeToken(deps, l.id)}` },
        },
        nudgeHeaders(deps, l.id),
      );
      return true;
    });
    if (sent) reminders++;
  }
  if (tips + reminders > 0) deps.kickWorker();
  return { tips, reminders };
}

/**
 * Plans a scheduler run unless one is already waiting. Each run plans the next one before it works, so a run that
 * fails for good does not end the schedule. The singleton key lets the database keep one waiting run however many
 * processes start at once (a read-then-insert let two starting workers plan two chains). A duplicate run would be
 * harmless anyway: every nudge is claimed once.
 */
export async function scheduleNudges(deps: AppDeps, runAt: Date): Promise<void> {
  await enqueueSingletonJob(deps.db, { type: TRAINING_NUDGES_JOB, payload: {}, runAt, maxAttempts: 3, singletonKey: TRAINING_NUDGES_JOB }, deps.clock.now());
}

/** At start-up (server with in-process worker, and each `schild worker`): make sure a scheduler run is planned. */
export async function ensureNudgeSchedule(deps: AppDeps): Promise<void> {
  await scheduleNudges(deps, deps.clock.now());
}
