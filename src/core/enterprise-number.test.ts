import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnterpriseNumber } from './enterprise-number.ts';

function withCheck(eight: number): string {
  const base = String(eight).padStart(8, '0');
  return base + String(97 - (eight % 97)).padStart(2, '0');
}

describe('parseEnterpriseNumber', () => {
  it('accepts the written forms of a valid number', () => {
    // 0403.170.701: first eight digits 04031707, 4031707 mod 97 = 96, 97 − 96 = 1.
    for (const form of ['0403170701', '0403.170.701', 'BE 0403.170.701', 'be0403170701', '403170701']) {
      expect(parseEnterpriseNumber(form)).toEqual({ ok: true, value: '0403170701', formatted: '0403.170.701' });
    }
  });
  it('rejects a wrong check, wrong length, wrong first digit and text', () => {
    for (const bad of ['0403170702', '040317070', '2403170701', 'abc', '', "0403170701'; drop table users;--"]) {
      expect(parseEnterpriseNumber(bad).ok).toBe(false);
    }
  });
  it('accepts exactly the numbers whose check digits match (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999_999 }), fc.integer({ min: 0, max: 99 }), (eight, check) => {
        const base = String(eight).padStart(8, '0');
        const candidate = base + String(check).padStart(2, '0');
        const valid = candidate === withCheck(eight);
        expect(parseEnterpriseNumber(candidate).ok).toBe(valid);
      }),
    );
  });
});
