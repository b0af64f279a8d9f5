/** Which connect errors a starting process waits out (src/db/wait.ts), by SQLSTATE class (PostgreSQL manual, Appendix A). */
import { describe, expect, it } from 'vitest';
import { isWaitable } from './wait.ts';

const err = (code?: string) => Object.assign(new Error('x'), code === undefined ? {} : { code });

describe('isWaitable', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '08006', '08001', '53300', '57P01', '57P03'])('waits out %s', (code) => {
    expect(isWaitable(err(code))).toBe(true);
  });
  it('waits out a connect timeout, which carries no code', () => {
    expect(isWaitable(err())).toBe(true);
  });
  it.each(['28P01', '28000', '3D000', '42501', '0A000', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE'])('stops at once on %s (a configuration to fix)', (code) => {
    expect(isWaitable(err(code))).toBe(false);
  });
});
