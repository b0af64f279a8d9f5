/**
 * CSV exports against spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @, a tab
 * or a carriage return is written as quoted text with a leading single quote, and RFC 4180 quoting keeps separators
 * (comma, semicolon, tab), quotes and line breaks inside their cell. Every export route: test/integration/csv-exports.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('csvCell', () => {
  it('turns every formula start into text', () => {
    for (const v of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(v)).toBe(`"'${v}"`);
    expect(csvCell("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });
  it('leaves ordinary text alone and quotes separators, quotes and line breaks (RFC 4180 §2)', () => {
    expect(csvCell('Bakkerij Janssens')).toBe('Bakkerij Janssens');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\t=1')).toBe('"a\t=1"');
    expect(csvCell('12345')).toBe('12345');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('writes a document with a byte-order mark and CRLF line ends', () => {
    expect(csvDocument(['a', 'b'], [['=x', 'y']])).toBe('\ufeffa,b\r\n"\'=x",y\r\n');
  });
});
