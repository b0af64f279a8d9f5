import { describe, expect, it } from 'vitest';
import { announcementIn, orgCan, parseInvitationCsv, parseSectors } from './organisation.ts';

describe('organisation rules', () => {
  it('only owners manage staff; viewers only view', () => {
    expect(orgCan('org_owner', 'manage_staff')).toBe(true);
    expect(orgCan('org_admin', 'manage_staff')).toBe(false);
    expect(orgCan('org_admin', 'announce')).toBe(true);
    expect(orgCan('org_viewer', 'manage_members')).toBe(false);
    expect(orgCan(null, 'view')).toBe(false);
  });

  it('reads NACE sections and divisions (Regulation (EC) 1893/2006) and refuses anything else', () => {
    expect(parseSectors('g, 47 47;56')).toEqual(['G', '47', '56']);
    expect(parseSectors('V')).toBeNull();
    expect(parseSectors('00')).toBeNull();
    expect(parseSectors('47.1')).toBeNull();
    expect(parseSectors('  ')).toBeNull();
  });

  it('a CSV with one bad line is refused as a whole, with the line numbers', () => {
    const r = parseInvitationCsv('email,language\na@example.be,fr\nnot-an-address\nb@example.be,xx\nA@example.be\n');
    expect(r).toEqual({ ok: false, problems: [{ line: 3, problem: 'email' }, { line: 4, problem: 'language' }, { line: 5, problem: 'duplicate' }] });
  });

  it('a clean CSV gives every row, lower-cased, blank lines skipped', () => {
    expect(parseInvitationCsv('\uFEFFA@Example.be;de\r\n\r\n"b@example.be"\n')).toEqual({ ok: true, rows: [{ email: 'a@example.be', language: 'de' }, { email: 'b@example.be', language: null }] });
  });

  it('shows an announcement in the reader’s language, else in the first one written', () => {
    expect(announcementIn({ fr: { title: 'T', body: 'B' }, en: { title: 'E', body: 'X' } }, 'en')?.title).toBe('E');
    expect(announcementIn({ fr: { title: 'T', body: 'B' } }, 'nl')).toEqual({ title: 'T', body: 'B', locale: 'fr' });
    expect(announcementIn({}, 'nl')).toBeNull();
  });
});
