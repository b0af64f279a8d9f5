import { describe, expect, it } from 'vitest';
import { assessment } from './assessment.ts';

describe('French typography of the self-assessment texts', () => {
  // French typographic rule (Lexique des règles typographiques en usage à l'Imprimerie nationale): a non-breaking
  // space before ":", ";", "?" and "!" and inside « »; and one kind of apostrophe, the typographic one (’) the
  // catalogue uses. A normal space there lets a phone break the line before the colon.
  it('uses a non-breaking space before : ; ? ! and inside « », and only ’ as apostrophe', () => {
    const problems = Object.entries(assessment).flatMap(([key, m]) => {
      const fr = m.fr;
      const issues = [
        / [:;?!]/.test(fr) ? 'normal space before : ; ? !' : '',
        /[^\s\u00a0\u202f][;?!](\s|$)/.test(fr) || /[^\s\u00a0\u202f]:\s/.test(fr) ? 'no space before : ; ? !' : '',
        /« | »/.test(fr) ? 'normal space inside « »' : '',
        /'/.test(fr) ? "straight apostrophe '" : '',
      ].filter(Boolean);
      return issues.map((i) => `${key}: ${i}`);
    });
    expect(problems).toEqual([]);
  });
});
