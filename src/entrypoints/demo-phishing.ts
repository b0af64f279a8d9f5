/**
 * The demo's phishing practice, as a real company's would look: a staff list added through the people use case (H1),
 * two finished campaigns with the parcel-delivery template to that same staff on the verified demo domain (reserved
 * by RFC 2606, so no mail is ever sent or scanned live; the campaigns are laid down as sent, since the sending job
 * would mail them), in two groups and two languages, and events as staff and mail scanners would leave them —
 * reports, a click, a submitted form, a lesson, machine requests. The newest campaign shows better reporting, so the
 * overview has a trend.
 */
import type { AppDeps } from '../app/deps.ts';
import { importPeopleList } from '../app/people.ts';
import { seedSentCampaign, type SeedPerson } from '../app/phishing-seed.ts';
import { recipientToken } from '../app/phishing-token.ts';
import type { Company } from '../core/company-profile.ts';
import { findRecipientIdByPersonEmail, insertEvent, setFirstEvent, type EventKind } from '../db/repositories/phishing-tracking.repository.ts';

const DAY = 86_400_000;
const MIN = 60_000;

const STAFF: SeedPerson[] = [
  { email: 'els', name: 'Els Wouters', language: 'nl', group: 'Winkel' },
  { email: 'tom', name: 'Tom Maes', language: 'nl', group: 'Winkel' },
  { email: 'sofie', name: 'Sofie Claes', language: 'nl', group: 'Winkel' },
  { email: 'julie', name: 'Julie Lambert', language: 'fr', group: 'Winkel' },
  { email: 'karim', name: 'Karim Haddad', language: 'fr', group: 'Winkel' },
  { email: 'bram', name: 'Bram Peeters', language: 'nl', group: 'Atelier' },
  { email: 'nina', name: 'Nina Dupont', language: 'fr', group: 'Atelier' },
];

type Step = { who: number; kind: Exclude<EventKind, 'delivered' | 'opened'> | 'opened'; after: number; reason?: string };

/** Returns the landing link of a demo recipient who has not clicked yet (the newest campaign, a Dutch speaker). */
export async function seedDemoPhishing(deps: AppDeps, company: Company, ownerId: string, domain: string): Promise<string> {
  const companyId = company.id;
  const staff = STAFF.map((p) => ({ ...p, email: `${p.email}@${domain}` }));
  const added = await importPeopleList(deps, company, staff);
  if (!added.ok) throw new Error(`demo staff list refused: ${JSON.stringify(added)}`);
  const now = deps.clock.now().getTime();
  const campaigns: { name: string; daysAgo: number; steps: Step[] }[] = [
    {
      name: 'Pakje onderweg (lente)',
      daysAgo: 120,
      steps: [
        { who: 0, kind: 'clicked', after: 40 * MIN },
        { who: 0, kind: 'submitted', after: 41 * MIN },
        { who: 1, kind: 'clicked', after: 95 * MIN },
        { who: 2, kind: 'reported', after: 55 * MIN },
        { who: 4, kind: 'scanner', after: 0, reason: 'too_soon' },
      ],
    },
    {
      name: 'Pakje onderweg (herfst)',
      daysAgo: 30,
      steps: [
        { who: 2, kind: 'reported', after: 6 * MIN },
        { who: 3, kind: 'reported', after: 18 * MIN },
        { who: 5, kind: 'reported', after: 70 * MIN },
        { who: 6, kind: 'opened', after: 30 * MIN },
        { who: 6, kind: 'clicked', after: 31 * MIN },
        { who: 6, kind: 'lesson', after: 33 * MIN },
        { who: 1, kind: 'scanner', after: 0, reason: 'agent' },
        { who: 4, kind: 'scanner', after: 2 * MIN, reason: 'no_assets' },
      ],
    },
  ];
  for (const c of campaigns) {
    const startsAt = new Date(now - c.daysAgo * DAY);
    const seeded = await seedSentCampaign(deps, { companyId, createdBy: ownerId, name: c.name, templateId: 'parcel-delivery', domain, startsAt, people: staff });
    for (const s of c.steps) {
      const r = seeded.recipients[s.who]!;
      const at = new Date(startsAt.getTime() + s.after);
      await insertEvent(deps.db, { campaignId: seeded.campaignId, recipientId: r.id, kind: s.kind, reason: s.reason ?? null, at });
      if (s.kind === 'opened' || s.kind === 'clicked' || s.kind === 'submitted' || s.kind === 'reported') await setFirstEvent(deps.db, r.id, `${s.kind}_at`, at);
    }
  }
  return (await demoLandingLink(deps, companyId, domain))!;
}

/**
 * The landing link of Tom, who clicked in spring; in autumn only a scanner opened his link, so a visitor can be him.
 * Tokens are derived from the recipient id, never stored, so a later run of `schild demo` finds the same link.
 */
export async function demoLandingLink(deps: AppDeps, companyId: string, domain: string): Promise<string | null> {
  const id = await findRecipientIdByPersonEmail(deps.db, companyId, `tom@${domain}`);
  return id ? `${deps.config.baseUrl}/p/${recipientToken(deps.config.sessionSecret, id)}` : null;
}
