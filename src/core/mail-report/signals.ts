/**
 * Text signals in a reported mail, in the four languages: pressure to act now, and a request to pay to a new
 * bank account or to change payment details (the invoice / CEO fraud patterns described by Safeonweb and the
 * Belgian Federal Police, "fraude met facturen" / "fraude au président"). Also the forwarded header lines that an
 * ordinary (inline) forward copies into the text, and the Authentication-Results header (RFC 8601).
 */

const URGENCY = [
  // nl
  /\bdringend\b/i, /\bonmiddellijk\b/i, /\bbinnen (24|48) uur\b/i, /\bvandaag nog\b/i, /\blaatste (kans|herinnering|waarschuwing)\b/i, /\bwordt (geblokkeerd|afgesloten|opgeschort)\b/i,
  // fr
  /\burgent\b/i, /\bimm[ée]diatement\b/i, /\bdans les (24|48) heures\b/i, /\bdernier (rappel|avertissement)\b/i, /\bsera (bloqu[ée]|suspendu|d[ée]sactiv[ée])\b/i,
  // de
  /\bdringend\b/i, /\bsofort\b/i, /\binnerhalb von (24|48) stunden\b/i, /\bletzte (mahnung|warnung|erinnerung)\b/i, /\bwird gesperrt\b/i,
  // en
  /\bimmediately\b/i, /\bwithin (24|48) hours\b/i, /\bfinal (notice|reminder|warning)\b/i, /\baction required\b/i, /\bwill be (suspended|blocked|closed)\b/i, /\basap\b/i,
];

const PAYMENT_CHANGE = [
  // nl
  /\bnieuw(e)? (rekeningnummer|rekening|bankrekening|iban)\b/i, /\brekeningnummer (is )?gewijzigd\b/i, /\bgewijzigde bankgegevens\b/i, /\bdringende (overschrijving|betaling)\b/i,
  // fr
  /\bnouveau (compte|num[ée]ro de compte|iban|rib)\b/i, /\bchangement de (coordonn[ée]es bancaires|compte)\b/i, /\bvirement urgent\b/i, /\bcoordonn[ée]es bancaires ont chang[ée]\b/i,
  // de
  /\bneue(s|n)? (bankverbindung|konto|kontonummer|iban)\b/i, /\bge[äa]nderte bankverbindung\b/i, /\bdringende [üu]berweisung\b/i,
  // en
  /\bnew (bank account|account number|iban|bank details)\b/i, /\bchanged (our )?bank (account|details)\b/i, /\burgent (wire|transfer|payment)\b/i, /\bupdate(d)? (our|your) (bank|payment) details\b/i, /\bgift cards?\b/i,
];

export function textReasons(subject: string, text: string): string[] {
  const all = `${subject}\n${text}`.slice(0, 200_000);
  const reasons: string[] = [];
  if (URGENCY.some((re) => re.test(all))) reasons.push('urgency_words');
  if (PAYMENT_CHANGE.some((re) => re.test(all))) reasons.push('payment_change_words');
  return reasons;
}

/** Forwarded header names as mail programs write them in nl, fr, de and en. */
const FROM_LINE = /^[ \t>]*\*?(?:from|van|de|von|exp[ée]diteur|afzender|absender)\*?[ \t]*:[ \t]*(.*)$/gim;
const SUBJECT_LINE = /^[ \t>]*\*?(?:subject|onderwerp|objet|betreff)\*?[ \t]*:[ \t]*(.*)$/im;
const FORWARD_MARK = /(-{2,}\s*(forwarded message|original message|doorgestuurd bericht|oorspronkelijk bericht|message transf[ée]r[ée]|message d'origine|message d’origine|weitergeleitete nachricht|urspr[üu]ngliche nachricht)\s*-{2,})|^[ \t]*(begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht|begin doorgestuurd bericht)\s*:/im;

const ADDRESS = /<?([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,63})>?/;

/**
 * The sender and subject of a mail forwarded inline, from the header lines the mail program copied into the body.
 * Only a block after a forward marker, or a "From:" line with an address, is believed.
 */
export function inlineForwarded(text: string): { fromAddress: string; fromName: string | null; subject: string | null } | null {
  const mark = FORWARD_MARK.exec(text);
  const scope = mark ? text.slice(mark.index) : text;
  for (const m of scope.matchAll(FROM_LINE)) {
    const value = (m[1] ?? '').trim();
    const addr = ADDRESS.exec(value);
    if (!addr?.[1]) continue;
    const name = value.slice(0, addr.index).replace(/["<]/g, '').trim();
    const subject = SUBJECT_LINE.exec(scope.slice(m.index ?? 0))?.[1]?.trim() ?? null;
    return { fromAddress: addr[1].toLowerCase(), fromName: name || null, subject: subject || null };
  }
  return null;
}

/**
 * SPF, DKIM and DMARC results of an Authentication-Results header (RFC 8601 §2.2): `method=result` pairs after the
 * authserv-id. The first result per method counts.
 */
export function parseAuthenticationResults(value: string): { spf: string | null; dkim: string | null; dmarc: string | null } {
  const out: { spf: string | null; dkim: string | null; dmarc: string | null } = { spf: null, dkim: null, dmarc: null };
  const unfolded = value.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ');
  for (const m of unfolded.matchAll(/\b(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi)) {
    const method = m[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc';
    out[method] ??= m[2]!.toLowerCase();
  }
  return out;
}

/**
 * The registration date in an RDAP domain answer (RFC 9083 §4.5 events, eventAction "registration"), or null.
 */
export function registrationDateFromRdap(json: unknown): Date | null {
  if (typeof json !== 'object' || json === null) return null;
  const events = (json as { events?: unknown }).events;
  if (!Array.isArray(events)) return null;
  for (const e of events) {
    if (typeof e !== 'object' || e === null) continue;
    const { eventAction, eventDate } = e as { eventAction?: unknown; eventDate?: unknown };
    if (eventAction === 'registration' && typeof eventDate === 'string') {
      const d = new Date(eventDate);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return null;
}
