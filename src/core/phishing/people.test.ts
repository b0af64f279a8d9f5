import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePublicMailboxList } from './domain-rules.ts';
import { parsePeopleCsv, pseudonymFrom, type PersonRules } from './people.ts';

const publicList = validatePublicMailboxList(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../content/phishing/public-mailbox-domains.json'), 'utf8')));
const rules: PersonRules = { defaultLanguage: 'nl', verifiedDomains: ['bakkerij.be'], publicList };

describe('staff list CSV (RFC 4180 quoting; ; or , separator; UTF-8 with or without BOM)', () => {
  it('reads a semicolon list with a byte-order mark, any column order, defaults for empty cells', () => {
    const r = parsePeopleCsv('\uFEFFname;email;group;language\r\n"Peeters; An";an@bakkerij.be;Winkel;fr\r\n;bert@bakkerij.be;;\r\n', rules);
    expect(r).toEqual({
      ok: true,
      people: [
        { email: 'an@bakkerij.be', name: 'Peeters; An', language: 'fr', group: 'Winkel' },
        { email: 'bert@bakkerij.be', name: null, language: 'nl', group: '' },
      ],
    });
  });
  it('keeps addresses lower-case, so one mailbox is one person and mail-in finds who forwarded (RFC 5321 §2.4)', () => {
    const r = parsePeopleCsv('email;name\nAn.Peeters@Bakkerij.be;An\n', rules);
    expect(r.ok && r.people.map((p) => p.email)).toEqual(['an.peeters@bakkerij.be']);
    const twice = parsePeopleCsv('email\nan@bakkerij.be\nAN@bakkerij.be\n', rules);
    expect(!twice.ok && twice.errors.map((e) => [e.line, e.problem])).toEqual([[3, 'duplicate_in_file']]);
  });
  it('reads a comma list with quoted quotes and a line break inside quotes', () => {
    const r = parsePeopleCsv('email,name\nan@bakkerij.be,"An ""de bakker"" Peeters"\nbert@bakkerij.be,"Bert\nJanssens"\n', rules);
    expect(r.ok && r.people.map((p) => p.name)).toEqual(['An "de bakker" Peeters', 'Bert Janssens']);
  });
  it('reports every bad row with its line number and reason, and accepts none of them', () => {
    const csv = ['email;name;language;group', 'an@bakkerij.be;An;nl;', 'jan@gmail.com;Jan;nl;', 'els@other.be;Els;nl;', 'x;X;nl;', 'an@BAKKERIJ.be;An;nl;', 'kim@bakkerij.be;Kim;es;', 'too;many;columns;here;yes'].join('\n');
    const r = parsePeopleCsv(csv, rules);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.problem])).toEqual([
      [3, 'public_mailbox_domain'],
      [4, 'domain_not_verified'],
      [5, 'email_invalid'],
      [6, 'duplicate_in_file'],
      [7, 'language_invalid'],
      [8, 'wrong_column_count'],
    ]);
  });
  it('counts line numbers of records after a quoted line break as an editor does', () => {
    const r = parsePeopleCsv('email,name\nan@bakkerij.be,"two\nlines"\nbad,x\n', rules);
    expect(!r.ok && r.errors).toEqual([{ line: 4, problem: 'email_invalid', column: 'email' }]);
  });
  it('needs a header with an email column and known columns only', () => {
    expect(parsePeopleCsv('', rules)).toEqual({ ok: false, errors: [{ line: 1, problem: 'no_header' }] });
    expect(parsePeopleCsv('name,phone\nAn,123\n', rules)).toMatchObject({ ok: false, errors: [{ line: 1, problem: 'unknown_column', column: 'phone' }, { line: 1, problem: 'no_email_column' }] });
    expect(parsePeopleCsv('email\n', rules)).toMatchObject({ ok: false, errors: [{ problem: 'no_rows' }] });
    expect(parsePeopleCsv('email\n"an@bakkerij.be\n', rules)).toMatchObject({ ok: false, errors: [{ line: 2, problem: 'unclosed_quote' }] });
  });
});

describe('pseudonym codes', () => {
  it('are P- and four characters of an unambiguous alphabet', () => {
    expect(pseudonymFrom(new Uint8Array([0, 31, 32, 255]))).toBe('P-0Z0Z');
    for (let i = 0; i < 50; i++) expect(pseudonymFrom(crypto.getRandomValues(new Uint8Array(4)))).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
