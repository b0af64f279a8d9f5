import { describe, expect, it } from 'vitest';
import { groupInFours, normaliseRecoveryCode, recoveryCodesText } from './account.ts';

describe('groupInFours', () => {
  it('splits a base32 key (RFC 4648) into blocks of four, the last one shorter', () => {
    expect(groupInFours('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupInFours('ABCDEF')).toBe('ABCD EF');
    expect(groupInFours('')).toBe('');
  });

  it('gives back the same key once the spaces are taken out', () => {
    const key = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(groupInFours(groupInFours(key)).replace(/ /g, '')).toBe(key);
  });
});

describe('recoveryCodesText', () => {
  it('puts one code a line after a title, and every code still normalises to what is stored', () => {
    const text = recoveryCodesText('Schild', ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2']);
    expect(text.split('\r\n')).toEqual(['Schild', '', 'abcd-efgh-jkmn', 'pqrs-tuvw-xyz2', '']);
    expect(text.split('\r\n').slice(2, 4).map(normaliseRecoveryCode)).toEqual(['abcdefghjkmn', 'pqrstuvwxyz2']);
  });
});
