/** "Key measures met" is self-declared: the text says so in every language (it is not a CyberFundamentals verification). */
import { describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../core/assessment/engine.ts';
import { LOCALES } from '../../core/locale.ts';
import { translator } from '../../i18n/index.ts';
import { keyMeasuresText } from './assessment-documents.ts';

const SELF_DECLARED: Record<(typeof LOCALES)[number], RegExp> = { nl: /eigen antwoorden.*zelftest: niemand heeft het gecontroleerd/, fr: /vos propres réponses.*auto-évaluation/, de: /Ihren eigenen Antworten.*Selbsttest: Niemand hat ihn geprüft/, en: /your own answers.*self-assessment: nobody has checked it/ };

describe('key measures text', () => {
  it.each(LOCALES)('%s: counts the key measures and says they are self-declared, not verified', (lang) => {
    const result = { keyMeasures: { small: { met: 3, total: 8 }, basic: { met: 5, total: 13 } } } as unknown as AssessmentResult;
    const text = keyMeasuresText(result, translator(lang));
    expect(text).toContain('13');
    expect(text).toMatch(SELF_DECLARED[lang]);
    expect(text).toMatch(/CyberFundamentals/);
  });
});
