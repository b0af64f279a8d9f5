import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from './check.ts';
import { contradicts, evidenceFromScan } from './assessment-link.ts';

const o = (id: string, status: CheckOutcome['status']): CheckOutcome => ({ id, status, severity: 'high', messageKey: `${id}.ok`, params: {}, who: 'it_provider', details: {} });

describe('evidenceFromScan', () => {
  it('answers "yes" when every observing check passes, "no" on a failure, "partly" on warnings', () => {
    const mail = ['mail.spf', 'mail.dmarc', 'mail.dkim'];
    expect(evidenceFromScan(mail.map((id) => o(id, 'pass')))[0]).toMatchObject({ controlId: 'pr-email-domain-auth', observed: 'yes' });
    expect(evidenceFromScan([o('mail.spf', 'pass'), o('mail.dmarc', 'fail'), o('mail.dkim', 'pass')])[0]?.observed).toBe('no');
    expect(evidenceFromScan([o('mail.spf', 'warn'), o('mail.dmarc', 'pass'), o('mail.dkim', 'pass')])[0]?.observed).toBe('partly');
  });
  it('gives no evidence when a check could not run', () => {
    expect(evidenceFromScan([o('mail.spf', 'pass'), o('mail.dmarc', 'error'), o('mail.dkim', 'pass')])).toEqual([]);
  });
  it('flags answers that contradict the observation', () => {
    expect(contradicts('yes', 'no')).toBe(true);
    expect(contradicts('no', 'yes')).toBe(true);
    expect(contradicts('partly', 'no')).toBe(false);
    expect(contradicts('unknown', 'no')).toBe(false);
    expect(contradicts(undefined, 'yes')).toBe(false);
  });
});
