import { z } from 'zod';
import type { AppDeps } from '../app/deps.ts';
import { INCIDENT_REMINDER_JOB } from '../app/incidents.ts';
import { queueMail } from '../app/mail.ts';
import { findCompany, listMembers } from '../db/repositories/company.repository.ts';
import { findIncidentById } from '../db/repositories/incident.repository.ts';
import { loadContent } from '../adapters/content.ts';
import type { JobType } from './job-types.ts';
import { formatDeadline } from '../core/incidents/format.ts';

const Payload = z.object({ incidentId: z.string(), obligationId: z.string(), hoursBefore: z.number(), dueAt: z.string().optional() });

/** Reminds a company's owners and admins of a deadline that is not ticked off, while the incident is open. */
export const incidentReminderJob: JobType = {
  name: INCIDENT_REMINDER_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    const p = Payload.parse(payload);
    const r = await findIncidentById(deps.db, p.incidentId);
    if (!r || !r.companyId || r.status === 'closed' || r.status === 'false_positive') return;
    if (r.ticks.some((t) => t.kind === 'obligation' && t.itemId === p.obligationId)) return;
    const o = r.triage.obligations.find((x) => x.id === p.obligationId);
    const company = await findCompany(deps.db, r.companyId);
    if (!o?.dueAt || !company) return;
    // The deadline moved since this reminder was planned (the NIS2 final report follows the notification): skip it.
    if (p.dueAt && p.dueAt !== o.dueAt) return;
    const lang = company.language;
    const recipients = (await listMembers(deps.db, company.id)).filter((m) => m.role !== 'member');
    for (const m of recipients) {
      // One key per reminder and person: if this job runs again (its worker was killed after queueing some of these
      // mails), the mails already queued are not queued a second time.
      const key = `incident-reminder:${r.id}:${o.id}:${p.hoursBefore}:${o.dueAt}:${m.email.toLowerCase()}`;
      await queueMail(deps, deps.db, m.email, lang, {
        subject: 'mail.incident_reminder.subject',
        intro: 'mail.incident_reminder.intro',
        action: { label: 'mail.incident_reminder.action', url: `${deps.config.baseUrl}/${lang}/companies/${company.id}/incidents/${r.id}` },
        outro: 'mail.incident_reminder.outro',
        params: { duty: loadContent().incidents.obligations[o.id]?.text[lang].title ?? o.id, hours: p.hoursBefore, deadline: formatDeadline(o.dueAt, lang), company: company.name },
      }, undefined, key);
    }
    deps.kickWorker();
  },
};
