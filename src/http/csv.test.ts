/**
 * CSV exports against spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @, a tab
 * or a carriage return is written as text, and RFC 4180 quoting keeps separators and quotes inside their cell.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('csvCell', () => {
  it('turns every formula start into text', () => {
    for (const v of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });
  it('leaves ordinary text alone and quotes separators, quotes and line breaks (RFC 4180 §2)', () => {
    expect(csvCell('Bakkerij Janssens')).toBe('Bakkerij Janssens');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('writes a document with a byte-order mark and CRLF line ends', () => {
    expect(csvDocument(['a', 'b'], [['=x', 'y']])).toBe("\ufeffa,b\r\n'=x,y\r\n");
  });
});
