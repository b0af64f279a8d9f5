import { describe, expect, it } from 'vitest';
import { databaseErrorCode } from './db-errors.ts';

describe('databaseErrorCode: database faults become a clear 503 / 507, not a 500', () => {
  it('PostgreSQL restart and dropped connections (SQLSTATE class 08, 57P01–57P03; socket errors) are "unavailable"', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '40001', '40P01', 'ECONNREFUSED', 'ECONNRESET']) expect(databaseErrorCode({ code }), code).toBe('unavailable');
    expect(databaseErrorCode(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseErrorCode(Object.assign(new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]), {}))).toBe('unavailable');
  });
  it('SQLite SQLITE_FULL (a full disk, sqlite.org/rescode.html#full) is "storage_full"', () => {
    expect(databaseErrorCode({ code: 'SQLITE_FULL', message: 'database or disk is full' })).toBe('storage_full');
  });
  it('query errors that are bugs stay unclassified (500): a constraint, a syntax error', () => {
    for (const code of ['23505', '42601', '40002', '40003', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR']) expect(databaseErrorCode({ code }), code).toBeUndefined();
    expect(databaseErrorCode(new Error('boom'))).toBeUndefined();
    expect(databaseErrorCode(null)).toBeUndefined();
  });
});
