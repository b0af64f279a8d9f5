/** The strict RFC 4180 reader of the CSV-injection test reads what the RFC allows and refuses what it does not. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted and plain fields, doubled quotes and line breaks inside quotes (RFC 4180 §2.1–2.7)', () => {
    expect(parseCsv('a,"b,c"\r\n"say ""hi""","x\r\ny"\r\n')).toEqual([
      [
        { value: 'a', quoted: false },
        { value: 'b,c', quoted: true },
      ],
      [
        { value: 'say "hi"', quoted: true },
        { value: 'x\r\ny', quoted: true },
      ],
    ]);
    expect(parseCsv('a,\r\n,b')).toEqual([
      [
        { value: 'a', quoted: false },
        { value: '', quoted: false },
      ],
      [
        { value: '', quoted: false },
        { value: 'b', quoted: false },
      ],
    ]);
  });
  it('refuses a stray quote, a bare line break, text after a closing quote and an unclosed quote', () => {
    for (const bad of ['a"b,c\r\n', 'a\nb\r\n', 'a\rb\r\n', '"a"b,c\r\n', '"abc\r\n'])
      expect(() => parseCsv(bad), JSON.stringify(bad)).toThrow(/not RFC 4180/);
  });
});
