import { describe, expect, it } from 'vitest';
import { renderAnswer } from './mail-report-answers.ts';
import type { MailReport } from './mail-reports.ts';

const report = (over: Partial<MailReport>): MailReport => ({
  id: '00000000-0000-4000-8000-000000000000',
  receivedAt: '2026-12-06T10:00:00.000Z',
  reporterEmail: 'anna@example.be',
  verdict: 'likely_phishing',
  reasons: ['auth_dmarc_fail', 'sender_lookalike'],
  original: 'attachment',
  senderDomain: 'examp1e.be',
  subject: 'Invoice',
  answered: false,
  forwarded: false,
  ...over,
});

describe('the answer to the employee', () => {
  it('phishing: plain headline, each reason in plain words, how much we could check', () => {
    const a = renderAnswer('en', report({}), false);
    expect(a.subject).toBe('Very likely phishing: delete this mail');
    expect(a.text).toContain('This is very likely phishing: delete it.');
    expect(a.text).toContain('- The sender’s address looks like your own domain, but it is not.');
    expect(a.text).toContain('as an attachment');
    expect(a.text).not.toContain('Safeonweb');
  });
  it('never says "safe": a clean mail "looks legitimate, but …" (docs/mail-in.md)', () => {
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      const a = renderAnswer(lang, report({ verdict: 'likely_legitimate', reasons: ['auth_pass'] }), false);
      expect(a.text.toLowerCase()).not.toMatch(/\b(safe|veilig|sûr|sicher)\b/);
    }
    expect(renderAnswer('en', report({ verdict: 'likely_legitimate', reasons: [] }), false).text).toContain('But a computer cannot see everything.');
  });
  it('does not call a mail it never saw legitimate', () => {
    const a = renderAnswer('nl', report({ verdict: 'likely_legitimate', reasons: ['original_missing'], original: 'none' }), false);
    expect(a.subject).toBe('We vonden de verdachte mail niet in je bericht');
    expect(a.text).not.toContain('Hij lijkt echt');
  });
  it('a simulation: a warm thank-you, no analysis', () => {
    const a = renderAnswer('de', report({ verdict: 'simulation', reasons: ['simulation_token'] }), false);
    expect(a.subject).toBe('Gut erkannt: Das war eine Übungs-E-Mail');
    expect(a.text).not.toContain('aufgefallen');
  });
  it('says so when the mail goes on to Safeonweb', () => {
    expect(renderAnswer('fr', report({}), true).text).toContain('Safeonweb');
  });
});
