import { describe, expect, it } from 'vitest';
import { countPackAnswers, shownYesShare } from './sector-pack-figures.ts';
import { LOCALES } from '../locale.ts';
import {
  adviceFor,
  editPlan,
  EMPTY_PACK,
  isHttpsUrl,
  isPlainText,
  missingForSubmission,
  nextQuestionId,
  PACK_LIMITS,
  PackContentSchema,
  parseIntroForm,
  parsePackContent,
  parseQuestionForm,
  type PackContent,
  type PackQuestion,
} from './sector-pack.ts';

const full = (id: string): PackQuestion => ({
  id,
  function: 'protect',
  text: Object.fromEntries(LOCALES.map((l) => [l, { question: `Q ${l}`, explanation: '', advice: `A ${l}`, sourceUrl: l === 'en' ? 'https://example.be/advice' : '' }])) as PackQuestion['text'],
});
const form = (over: Record<string, unknown> = {}) => ({
  function: 'detect',
  ...Object.fromEntries(LOCALES.flatMap((l) => [[`question_${l}`, `Vraag ${l}`], [`explanation_${l}`, ''], [`advice_${l}`, `Advies ${l}`], [`source_${l}`, '']])),
  ...over,
});

describe('sector pack validator', () => {
  it('accepts a question with all four languages, trimmed', () => {
    const r = parseQuestionForm(form({ question_nl: '  Heeft u back-ups?  ' }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.question.text.nl.question).toBe('Heeft u back-ups?');
  });

  it('allows saving a draft question with a language still missing (submission checks it later)', () => {
    const r = parseQuestionForm(form({ question_de: '', advice_de: '' }));
    expect(r.ok).toBe(true);
  });

  it('refuses a question without text in any language', () => {
    const empty = Object.fromEntries(LOCALES.map((l) => [`question_${l}`, '']));
    const r = parseQuestionForm(form(empty));
    expect(r).toEqual({ ok: false, problems: [{ field: 'question_nl', problem: 'empty' }] });
  });

  it('refuses HTML: pack texts are plain text shown to every member', () => {
    expect(isPlainText('Back-ups > 1 week? Use 3-2-1 & keep one offline.')).toBe(true);
    expect(isPlainText('<script>alert(1)</script>')).toBe(false);
    expect(isPlainText('click <a href="x">here</a>')).toBe(false);
    expect(isPlainText('&lt;b&gt;')).toBe(false);
    expect(isPlainText('bell\u0007')).toBe(false);
    const r = parseQuestionForm(form({ advice_fr: 'Voir <b>ceci</b>' }));
    expect(r).toEqual({ ok: false, problems: [{ field: 'advice_fr', problem: 'not_plain' }] });
  });

  it('accepts https source links only (no http, javascript:, data: or credentials)', () => {
    expect(isHttpsUrl('https://ccb.belgium.be/advisories')).toBe(true);
    for (const bad of ['http://example.be', 'javascript:alert(1)', 'data:text/html,x', 'https://user:pw@example.be', 'https://localhost', 'ftp://x.be', 'https://a.be/ b'])
      expect(isHttpsUrl(bad), bad).toBe(false);
    const r = parseQuestionForm(form({ source_en: 'http://example.be' }));
    expect(r).toEqual({ ok: false, problems: [{ field: 'source_en', problem: 'not_https' }] });
  });

  it('bounds every size and refuses repeated fields (arrays) and unknown functions', () => {
    const long = parseQuestionForm(form({ question_en: 'x'.repeat(PACK_LIMITS.question + 1) }));
    expect(long).toEqual({ ok: false, problems: [{ field: 'question_en', problem: 'too_long' }] });
    const arr = parseQuestionForm(form({ advice_nl: ['a', 'b'] }));
    expect(arr.ok).toBe(false);
    expect(parseQuestionForm(form({ function: 'pray' }))).toEqual({ ok: false, problems: [{ field: 'function', problem: 'invalid' }] });
    expect(parseIntroForm({ intro_fr: 'y'.repeat(PACK_LIMITS.intro + 1) })).toEqual({ ok: false, problems: [{ field: 'intro_fr', problem: 'too_long' }] });
    const sixteen: PackContent = { ...EMPTY_PACK, questions: Array.from({ length: 16 }, (_, i) => full(`q${i + 1}`)) };
    expect(PackContentSchema.safeParse(sixteen).success).toBe(false);
  });

  it('names what is missing per language before a pack can be submitted', () => {
    expect(missingForSubmission(EMPTY_PACK)).toEqual([{ kind: 'no_questions' }, ...LOCALES.map((l) => ({ kind: 'intro', locale: l }))]);
    const q = full('q1');
    q.text.de = { ...q.text.de, question: '', advice: '' };
    const content: PackContent = { intro: { nl: 'i', fr: 'i', de: 'i', en: '' }, questions: [full('q2'), q] };
    expect(missingForSubmission(content)).toEqual([
      { kind: 'question', locale: 'de', number: 2 },
      { kind: 'advice', locale: 'de', number: 2 },
      { kind: 'intro', locale: 'en' },
    ]);
    expect(missingForSubmission({ intro: { nl: 'i', fr: 'i', de: 'i', en: 'i' }, questions: [full('q1')] })).toEqual([]);
  });

  it('keeps question ids stable and never reuses one', () => {
    expect(nextQuestionId([])).toBe('q1');
    expect(nextQuestionId([full('q1'), full('q3')])).toBe('q4');
    expect(nextQuestionId([full('q1')], ['q7'])).toBe('q8');
  });

  it('edits a draft in place, freezes a submitted one, and starts a new version after publication', () => {
    expect(editPlan(undefined)).toEqual({ kind: 'new_version', version: 1 });
    expect(editPlan({ status: 'draft', version: 2 })).toEqual({ kind: 'edit_in_place' });
    expect(editPlan({ status: 'returned', version: 2 })).toEqual({ kind: 'edit_in_place' });
    expect(editPlan({ status: 'submitted', version: 2 })).toEqual({ kind: 'in_review' });
    expect(editPlan({ status: 'published', version: 2 })).toEqual({ kind: 'new_version', version: 3 });
  });

  it('gives advice for "no" and "partly" only, in the reader’s language', () => {
    const content: PackContent = { intro: EMPTY_PACK.intro, questions: [full('q1'), full('q2'), full('q3')] };
    const advice = adviceFor(content, { q1: 'no', q2: 'yes', q3: 'partly' }, 'en');
    expect(advice.map((a) => [a.id, a.advice, a.answer])).toEqual([
      ['q1', 'A en', 'no'],
      ['q3', 'A en', 'partly'],
    ]);
    expect(advice[0]!.sourceUrl).toBe('https://example.be/advice');
    expect(adviceFor(content, { q1: 'unknown' }, 'fr')).toEqual([]);
    expect(adviceFor(content, { q1: 'partly' }, 'fr')[0]).toMatchObject({ advice: 'A fr', sourceUrl: null });
  });

  it('reads broken stored content as an empty pack', () => {
    expect(parsePackContent('{nope')).toEqual(EMPTY_PACK);
    expect(parsePackContent(JSON.stringify({ intro: {}, questions: [] }))).toEqual(EMPTY_PACK);
  });
});

describe('sector pack figures', () => {
  it('counts each company once per question, "don\u2019t know" included in the denominator', () => {
    const rows = [
      { companyId: 'a', questionId: 'q1', answer: 'yes' as const },
      { companyId: 'b', questionId: 'q1', answer: 'unknown' as const },
      { companyId: 'a', questionId: 'q2', answer: 'no' as const },
      { companyId: 'c', questionId: 'q9', answer: 'yes' as const },
    ];
    expect(countPackAnswers(['q1', 'q2', 'q3'], rows)).toEqual([
      { questionId: 'q1', companies: 2, yes: 1 },
      { questionId: 'q2', companies: 1, yes: 0 },
      { questionId: 'q3', companies: 0, yes: 0 },
    ]);
  });

  it('shows a share only from 10 companies (threshold rule, OECD glossary; MIN_CELL_COMPANIES)', () => {
    expect(shownYesShare({ companies: 9, yes: 9 })).toBeNull();
    expect(shownYesShare({ companies: 10, yes: 6 })).toBe(60);
    expect(shownYesShare({ companies: 12, yes: 1 })).toBe(8);
  });
});
