/**
 * Use cases between an organisation and its member companies: join links and e-mailed invitations (CSV), the
 * company's decision to join, its choices afterwards (count in figures, announcement mails, answer access, leave),
 * the dashboard and announcements. Who sees what: docs/organisations.md.
 */
import { randomUUID } from 'node:crypto';
import { addMinutes, type User } from '../core/account.ts';
import type { Locale } from '../core/locale.ts';
import type { Dashboard } from '../core/organisations/dashboard.ts';
import type { OrgFigures } from '../core/organisations/org-figures.ts';
import { announcementIn, JOIN_LINK_DAYS, type AnnouncementTexts, type CsvRow } from '../core/organisations/organisation.ts';
import { randomToken, sha256 } from '../adapters/crypto.ts';
import { findCompany, findRole } from '../db/repositories/company.repository.ts';
import {
  deleteGrant,
  deleteMember,
  findJoinLinkByTokenHash,
  findOrganisation,
  insertGrant,
  insertJoinLink,
  insertMember,
  isMember,
  latestResultsOf,
  namesOfGrantingCompanies,
  revokeJoinLink,
  updateMember,
  type JoinLink,
  type Organisation,
} from '../db/repositories/organisation.repository.ts';
import { announcementRecipients, insertAnnouncement, languageOfOwnerCompany } from '../db/repositories/organisation-announcement.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { queueOrgFiguresRefresh, storedOrganisationFigures } from './org-figures.ts';
import { consume, HOUR } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

/**
 * Each e-mailed invitation is a mail from our domain: at most 10 lists (of at most CSV_MAX_ROWS lines, so 2,000
 * mails) per organisation per day (OWASP ASVS 4.0.3 §11.1.4). Reviewed 2026-12; docs/organisations.md.
 */
export const ORG_INVITATION_LISTS_PER_DAY = { max: 10, windowMs: 24 * HOUR };
export const ANNOUNCEMENTS_PER_DAY = { max: 5, windowMs: 24 * HOUR };

/** A new shareable link; the token is shown once to the staff member and only its hash is kept. */
export async function createJoinLink(deps: AppDeps, organisationId: string, actor: User, meta: RequestMeta): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken();
  const now = deps.clock.now();
  const expiresAt = addMinutes(now, JOIN_LINK_DAYS * 24 * 60).toISOString();
  await transact(deps.db, async (trx) => {
    const id = randomUUID();
    await insertJoinLink(trx, { id, organisationId, tokenHash: sha256(token), email: null, createdBy: actor.id, expiresAt, now: now.toISOString() });
    await audit(deps, trx, { type: 'organisation.join_link_created', organisationId, userId: actor.id, ip: meta.ip, detail: { linkId: id } });
  });
  return { token, expiresAt };
}

export async function withdrawJoinLink(deps: AppDeps, organisationId: string, actor: User, linkId: string, meta: RequestMeta): Promise<boolean> {
  const done = await revokeJoinLink(deps.db, organisationId, linkId, deps.clock.now().toISOString());
  if (done) await audit(deps, deps.db, { type: 'organisation.join_link_revoked', organisationId, userId: actor.id, ip: meta.ip, detail: { linkId } });
  return done;
}

/**
 * Invites every address of an already validated CSV in one transaction: all rows or none. Each mail goes through
 * the outbox in the language of the company the address owns, else the language on its line, else the sender's.
 */
export async function inviteCompanies(deps: AppDeps, org: Organisation, actor: User, rows: CsvRow[], fallback: Locale, meta: RequestMeta): Promise<Result<{ count: number }, 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `org-invite:${org.id}`, ...ORG_INVITATION_LISTS_PER_DAY }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const now = deps.clock.now();
  const expiresAt = addMinutes(now, JOIN_LINK_DAYS * 24 * 60).toISOString();
  await transact(deps.db, async (trx) => {
    for (const row of rows) {
      const token = randomToken();
      const language = (await languageOfOwnerCompany(trx, row.email)) ?? row.language ?? fallback;
      await insertJoinLink(trx, { id: randomUUID(), organisationId: org.id, tokenHash: sha256(token), email: row.email, createdBy: actor.id, expiresAt, now: now.toISOString() });
      await queueMail(deps, trx, row.email, language, {
        subject: 'mail.org_join.subject',
        intro: 'mail.org_join.intro',
        action: { label: 'mail.org_join.action', url: `${deps.config.baseUrl}/${language}/join/${token}` },
        outro: 'mail.org_join.outro',
        params: { organisation: org.name, days: JOIN_LINK_DAYS },
      });
    }
    await audit(deps, trx, { type: 'organisation.companies_invited', organisationId: org.id, userId: actor.id, ip: meta.ip, detail: { count: rows.length } });
  });
  deps.kickWorker();
  return { ok: true, count: rows.length };
}

export async function lookUpJoinLink(deps: AppDeps, token: string): Promise<{ link: JoinLink; organisation: Organisation } | undefined> {
  const link = await findJoinLinkByTokenHash(deps.db, sha256(token));
  if (!link || link.revokedAt || link.expiresAt <= deps.clock.now().toISOString()) return undefined;
  const organisation = await findOrganisation(deps.db, link.organisationId);
  return organisation && { link, organisation };
}

/** The owner of a company decides to join, and whether the company counts in the organisation's figures. */
export async function joinOrganisation(
  deps: AppDeps,
  token: string,
  user: User,
  input: { companyId: string; countsInFigures: boolean },
  meta: RequestMeta,
): Promise<Result<{ organisationId: string }, 'invalid_link' | 'not_owner' | 'already_member' | 'mfa_required'>> {
  const found = await lookUpJoinLink(deps, token);
  if (!found) return { ok: false, error: 'invalid_link' };
  if ((await findRole(deps.db, input.companyId, user.id)) !== 'owner') return { ok: false, error: 'not_owner' };
  // The company's "require two-step log-in" rule holds here as on its own pages (OWASP ASVS 4.0.3 §4.1.1).
  if ((await findCompany(deps.db, input.companyId))?.requireMfa && !user.totpEnabled) return { ok: false, error: 'mfa_required' };
  const organisationId = found.organisation.id;
  const now = deps.clock.now().toISOString();
  const added = await transact(deps.db, async (trx) => {
    if (!(await insertMember(trx, { organisationId, companyId: input.companyId, countsInFigures: input.countsInFigures, joinedBy: user.id, now }))) return false;
    // A link mailed to one address serves one company; a shared link stays open until it expires or is withdrawn.
    if (found.link.email !== null) await revokeJoinLink(trx, organisationId, found.link.id, now);
    await audit(deps, trx, { type: 'organisation.company_joined', organisationId, companyId: input.companyId, userId: user.id, ip: meta.ip, detail: { countsInFigures: input.countsInFigures } });
    await queueOrgFiguresRefresh(deps, trx, organisationId);
    return true;
  });
  if (added) deps.kickWorker();
  return added ? { ok: true, organisationId } : { ok: false, error: 'already_member' };
}

export type MemberChoice = { kind: 'figures'; value: boolean } | { kind: 'announcement_mail'; value: boolean } | { kind: 'answers'; value: boolean } | { kind: 'leave' };

/** A company's choices about one organisation, each effective at once and audit logged on both sides. */
export async function changeMembership(deps: AppDeps, companyId: string, organisationId: string, actor: User, choice: MemberChoice, meta: RequestMeta): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  const done = await transact(deps.db, async (trx) => {
    if (!(await isMember(trx, organisationId, companyId))) return false;
    const base = { organisationId, companyId, userId: actor.id, ip: meta.ip };
    switch (choice.kind) {
      case 'figures':
        await updateMember(trx, organisationId, companyId, { countsInFigures: choice.value });
        await audit(deps, trx, { ...base, type: 'organisation.figures_choice_changed', detail: { countsInFigures: choice.value } });
        await queueOrgFiguresRefresh(deps, trx, organisationId);
        return true;
      case 'announcement_mail':
        await updateMember(trx, organisationId, companyId, { announcementMail: choice.value });
        return true;
      case 'answers':
        if (choice.value) {
          if (await insertGrant(trx, { organisationId, companyId, scope: 'assessment_answers', grantedBy: actor.id, now })) {
            await audit(deps, trx, { ...base, type: 'organisation.answers_granted', detail: { scope: 'assessment_answers' } });
          }
        } else if (await deleteGrant(trx, organisationId, companyId, 'assessment_answers')) {
          await audit(deps, trx, { ...base, type: 'organisation.answers_revoked', detail: { scope: 'assessment_answers' } });
        }
        return true;
      case 'leave':
        await deleteMember(trx, organisationId, companyId);
        await audit(deps, trx, { ...base, type: 'organisation.company_left' });
        await queueOrgFiguresRefresh(deps, trx, organisationId);
        return true;
    }
  });
  // The figures follow within a minute, from the worker; the dashboard never recounts live rows per request.
  if (done && (choice.kind === 'figures' || choice.kind === 'leave')) deps.kickWorker();
  return done;
}

export interface SharedCompany {
  companyId: string;
  name: string;
  overall: number | null;
  openActions: number;
  completed: boolean;
}

export interface OrganisationOverview {
  dashboard: Dashboard;
  /** Maturity per function, per control, gaps, adoption, incidents: from the stored figures, small cells hidden. */
  figures: OrgFigures;
  shared: SharedCompany[];
}

/**
 * The dashboard (aggregated, small cells suppressed) read from the organisation's pre-aggregated figures, and,
 * apart from it, the companies that granted access to their answers. A company without a grant never appears by
 * name here. Only the granting companies' own results are read live (few rows, by their explicit grant).
 */
export async function organisationOverview(deps: AppDeps, organisationId: string): Promise<OrganisationOverview> {
  const { dashboard, figures } = await storedOrganisationFigures(deps, organisationId);
  const names = await namesOfGrantingCompanies(deps.db, organisationId);
  const results = await latestResultsOf(deps.db, [...names.keys()]);
  const shared = [...names]
    .map(([companyId, name]) => {
      const latest = results.get(companyId) ?? null;
      return { companyId, name, overall: latest?.scores.overall ?? null, openActions: latest?.plan.length ?? 0, completed: latest !== null };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { dashboard, figures, shared };
}

/** Publishes an announcement and mails the owners of member companies that did not opt out, in their language. */
export async function announce(deps: AppDeps, org: Organisation, actor: User, texts: AnnouncementTexts, meta: RequestMeta): Promise<Result<{ mailed: number }, 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `org-announce:${org.id}`, ...ANNOUNCEMENTS_PER_DAY }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const now = deps.clock.now().toISOString();
  const mailed = await transact(deps.db, async (trx) => {
    const id = randomUUID();
    await insertAnnouncement(trx, { id, organisationId: org.id, texts, createdBy: actor.id, now });
    const recipients = await announcementRecipients(trx, org.id);
    for (const r of recipients) {
      const text = announcementIn(texts, r.language);
      if (!text) continue;
      await queueMail(deps, trx, r.email, r.language, {
        subject: 'mail.org_announcement.subject',
        intro: 'mail.org_announcement.intro',
        outro: 'mail.org_announcement.outro',
        params: { organisation: org.name, title: text.title, body: text.body, company: r.companyName },
      });
    }
    await audit(deps, trx, { type: 'organisation.announcement_sent', organisationId: org.id, userId: actor.id, ip: meta.ip, detail: { announcementId: id, mailed: recipients.length } });
    return recipients.length;
  });
  deps.kickWorker();
  return { ok: true, mailed };
}
