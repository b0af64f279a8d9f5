// Tests may do I/O (core itself may not): the real list is read so the content file is checked too. The
// core/ lint rule targets production code; a text file cannot be imported like JSON, hence the exception.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePasswordList } from './password-list.ts';
import { passwordProblem } from './password-policy.ts';

const text = readFileSync(new URL('../../content/common-passwords.txt', import.meta.url), 'utf8');

describe('parsePasswordList', () => {
  it('lower-cases, trims and skips blank and comment lines', () => {
    const set = parsePasswordList('# a comment\n  Azerty \r\n\nWACHTWOORD\n   # indented comment\nazerty\n');
    expect([...set].sort()).toEqual(['azerty', 'wachtwoord']);
  });

  it('returns an empty set for an empty text', () => {
    expect(parsePasswordList('').size).toBe(0);
  });
});

describe('content/common-passwords.txt', () => {
  const set = parsePasswordList(text);
  const lines = text.split('\n').filter((l) => l !== '');

  it('has at least 1,500 distinct entries, including Belgian favourites', () => {
    expect(set.size).toBeGreaterThanOrEqual(1500);
    for (const p of ['wachtwoord', 'azerty123', 'password', 'motdepasse', 'passwort', 'anderlecht', 'azertyuiop']) {
      expect(set.has(p)).toBe(true);
    }
  });

  it('is stored lower-case, sorted and without duplicates or blank lines', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/\n\n/);
    expect(lines.every((l) => l === l.toLowerCase() && l === l.trim())).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toEqual([...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('makes the password policy reject common Belgian choices', () => {
    expect(passwordProblem('Wachtwoord2024!', 'jan@example.be', set)).toBe('too_common');
    expect(passwordProblem('azertyuiop', 'jan@example.be', set)).toBe('too_common');
    expect(passwordProblem('correct horse battery staple', 'jan@example.be', set)).toBeNull();
  });
});
