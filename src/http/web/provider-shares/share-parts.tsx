/**
 * Page parts both sides of a shared plan use: the scopes in words, the history lines ("<person> of <organisation>
 * marked … done: <note>", "<owner> confirmed …") and the scan's contradiction of a "done".
 */
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import type { Locale } from '../../../core/locale.ts';
import { scanContradicts, type ShareScope } from '../../../core/providers/shares.ts';
import { describeOutcome, type ScanMessages } from '../../../core/scan/messages.ts';
import type { ScanObservation } from '../../../app/provider-work.ts';
import type { ItemUpdate, ProviderShare } from '../../../db/repositories/provider-share.repository.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { formatDateTime, Notice } from '../ui/components.tsx';
import type { PageCtx } from '../ui/page-context.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

export function scopesText(ctx: PageCtx, scopes: readonly ShareScope[]): string {
  return scopes.map((s) => ctx.t(`pshare.scope.${s}` as MessageKey)).join(', ');
}

export function itemTitle(catalog: AssessmentCatalog, controlId: string, locale: Locale): string {
  return catalog.controls.find((c) => c.id === controlId)?.text[locale].title ?? controlId;
}

export function formatDay(iso: string, locale: Locale): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

export interface HistoryLine {
  at: string;
  text: string;
  note?: string | undefined;
  id?: string | undefined;
}

/** The provider's updates as history lines: who marked what done (with the note), and the owner's decision. */
export function updateLines(ctx: PageCtx, catalog: AssessmentCatalog, updates: readonly ItemUpdate[]): HistoryLine[] {
  const { t, locale } = ctx;
  const someone = t('pshare.someone');
  return updates.flatMap((u) => {
    const item = itemTitle(catalog, u.controlId, locale);
    const lines: HistoryLine[] = [{ at: u.markedAt, text: t('pshare.history.marked', { person: u.markedBy ?? someone, organisation: u.organisationName, item }), note: u.note }];
    if (u.status === 'confirmed' && u.decidedAt) lines.push({ at: u.decidedAt, text: t('pshare.history.confirmed', { person: u.decidedBy ?? someone, item }) });
    if (u.status === 'declined' && u.decidedAt) lines.push({ at: u.decidedAt, text: t('pshare.history.declined', { person: u.decidedBy ?? someone, item }), note: u.decisionNote ?? undefined });
    return lines;
  });
}

/** The shares as history lines: granted, revoked, or ended by their own date. */
export function shareLines(ctx: PageCtx, shares: readonly ProviderShare[], nowIso: string): HistoryLine[] {
  const { t, locale } = ctx;
  const someone = t('pshare.someone');
  return shares.flatMap((s) => {
    const lines: HistoryLine[] = [
      { at: s.grantedAt, text: t('pshare.history.shared', { person: s.grantedBy ?? someone, organisation: s.organisationName, scopes: scopesText(ctx, s.scopes), until: formatDay(s.expiresAt, locale) }) },
    ];
    if (s.revokedAt) lines.push({ at: s.revokedAt, text: t('pshare.history.revoked', { person: s.revokedBy ?? someone, organisation: s.organisationName }) });
    else if (s.expiresAt <= nowIso) lines.push({ at: s.expiresAt, text: t('pshare.history.expired', { organisation: s.organisationName }) });
    return lines;
  });
}

export function History(p: { ctx: PageCtx; lines: HistoryLine[]; heading: string }) {
  const { t, locale } = p.ctx;
  const lines = [...p.lines].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <section data-testid="share-history">
      <h2>{p.heading}</h2>
      {lines.length === 0 ? (
        <p>{t('pshare.history.empty')}</p>
      ) : (
        <ul class="plain">
          {lines.map((l) => (
            <li>
              <span class="hint">{formatDateTime(l.at, locale)}</span> {l.text}
              {l.note ? <p class="break hint">{l.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "The scan of example.be on <date> still sees: … — this contradicts “done”." Nothing when the scan does not disagree. */
export function Contradiction(p: { ctx: PageCtx; messages: ScanMessages; update: Pick<ItemUpdate, 'controlId' | 'status'>; observations: Map<string, ScanObservation> }) {
  const o = p.observations.get(p.update.controlId);
  if (!o || !scanContradicts(p.update.status, o.observed)) return null;
  const { t, locale } = p.ctx;
  const checks = o.failing.map((id) => describeOutcome(p.messages, { id, messageKey: `${id}.ok`, params: {} }, locale, o.domain).title).join(', ');
  return (
    <Notice kind="warn">
      <span data-testid="scan-contradiction">{t('pshare.contradiction', { domain: o.domain, date: formatDateTime(o.at, locale), checks })}</span>
    </Notice>
  );
}
