import { describe, expect, it } from 'vitest';
import { statistics } from './statistics.ts';

describe('French typography of the open-data texts', () => {
  // Lexique des règles typographiques en usage à l'Imprimerie nationale: a non-breaking space before ":", ";", "?"
  // and "!", and one kind of apostrophe, the typographic one (’) the catalogue uses.
  it('uses a non-breaking space before : ; ? ! and only ’ as apostrophe', () => {
    const problems = Object.entries(statistics).flatMap(([key, m]) => {
      const fr = m.fr;
      const issues = [
        / [:;?!]/.test(fr) ? 'normal space before : ; ? !' : '',
        /[^\s\u00a0\u202f][;?!](\s|$)/.test(fr) || /[^\s\u00a0\u202f]:\s/.test(fr) ? 'no space before : ; ? !' : '',
        /'/.test(fr) ? "straight apostrophe '" : '',
      ].filter(Boolean);
      return issues.map((i) => `${key}: ${i}`);
    });
    expect(problems).toEqual([]);
  });
});
