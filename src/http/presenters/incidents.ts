/** Turns triage results and incidents into texts in one language, and fills the authority drafts. */
import type { DraftDocument } from '../../adapters/pdf/documents.ts';
import type { IncidentContent } from '../../core/incidents/content.ts';
import { formatDeadline } from '../../core/incidents/format.ts';
import type { IncidentRecord } from '../../core/incidents/record.ts';
import type { Category, ObligationId, Triage } from '../../core/incidents/triage.ts';
import type { Locale } from '../../core/locale.ts';
import type { MessageKey, T } from '../../i18n/index.ts';

export interface PresentedObligation {
  id: ObligationId;
  title: string;
  authority: string;
  mandatory: boolean;
  due: string;
  dueAt: string | null;
  dueText: string;
  reason: string;
  how: string;
  source: string;
  sourceUrl: string | null;
  hasDraft: boolean;
}

export function presentObligations(c: IncidentContent, triage: Triage, lang: Locale, t: T): PresentedObligation[] {
  return triage.obligations.map((o) => {
    const text = c.obligations[o.id];
    return {
      id: o.id,
      title: text?.text[lang].title ?? o.id,
      authority: t(`incident.authority.${o.authority}` as MessageKey),
      mandatory: o.mandatory,
      due: o.due,
      dueAt: o.dueAt,
      dueText: o.dueAt ? t('incident.due_by', { deadline: formatDeadline(o.dueAt, lang) }) : t(`incident.due.${o.due}` as MessageKey),
      reason: text?.reasons[o.reason]?.[lang] ?? '',
      how: text?.text[lang].how ?? '',
      source: text?.source[lang] ?? '',
      sourceUrl: text?.sourceUrl?.[lang] ?? null,
      hasDraft: c.drafts[o.id] !== undefined,
    };
  });
}

export function categoryLabel(c: IncidentContent, category: Category, lang: Locale): string {
  return c.categories[category]?.[lang].label ?? category;
}

export function draftDocument(
  c: IncidentContent,
  r: IncidentRecord,
  obligationId: ObligationId,
  lang: Locale,
  t: T,
  company: { name: string; enterpriseNumber: string | null } | null,
  now: Date,
): DraftDocument | undefined {
  const d = c.drafts[obligationId];
  if (!d) return undefined;
  const yes = (b: boolean) => (b ? t('form.yes') : t('form.no'));
  const f = r.facts;
  const values: Record<string, string> = {
    company: company?.name ?? '',
    enterprise_number: company?.enterpriseNumber ?? '',
    contact: r.details.contact,
    aware_at: formatDeadline(r.awareAt, lang),
    reported_at: formatDeadline(r.createdAt, lang),
    category: categoryLabel(c, f.category, lang),
    rsit: r.triage.rsit.map((p) => `${p.class} / ${p.type}`).join(', '),
    description: r.details.description,
    ongoing: yes(f.ongoing),
    status: t(`incident.status.${r.status}` as MessageKey),
    personal_data: t(`incident.personal.${f.personalData}` as MessageKey),
    special_data: yes(f.specialCategoryData),
    encrypted: yes(f.dataEncrypted),
    people_affected: r.details.peopleAffected,
    data_types: r.details.dataTypes,
    consequences: r.details.consequences,
    measures: r.details.measures,
    money: r.details.money,
    malicious: ['invoice_fraud', 'ceo_fraud', 'ransomware', 'account_takeover', 'credential_theft', 'website_compromise', 'malware', 'helpdesk_scam', 'extortion', 'ddos', 'phishing_click'].includes(f.category) ? t('form.yes') : t('incident.to_assess'),
    cross_border: t('incident.to_assess'),
    iocs: r.details.iocs,
    nis2_status: t(`incident.nis2.${f.nis2}` as MessageKey),
    gdpr_role: t(`incident.role.${f.gdprRole}` as MessageKey),
    policy_number: r.details.policyNumber,
  };
  return {
    lang,
    title: d.text[lang].title,
    subtitle: company ? `${company.name} — ${formatDeadline(now.toISOString(), lang)}` : formatDeadline(now.toISOString(), lang),
    generatedLabel: t('incident.draft_generated'),
    footer: t('doc.footer'),
    intro: d.text[lang].intro,
    fields: d.fields.map((x) => ({ label: x.label[lang], value: values[x.source] ?? '' })),
  };
}

export function draftText(doc: DraftDocument): string {
  return [doc.title, '', ...doc.fields.flatMap((f) => [f.label, f.value || '—', ''])].join('\n');
}
