/**
 * Content of the IT provider training track (content/training/provider-track/) and of the checklist for choosing an
 * IT provider (content/providers/choosing-checklist.json): every lesson id of the track present, four languages,
 * quiz answers valid and the same in every language, https sources and the review date 2026-12-06 (docs/providers.md),
 * and the staff lesson loader kept apart.
 * Broken copies of the real files must be refused, so each rule is shown to fail.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadAssessmentCatalog, loadContent, loadLessons } from '../src/adapters/content.ts';
import { LOCALES } from '../src/core/locale.ts';
import { validateChoosingChecklist, MAX_QUESTIONS, MIN_QUESTIONS } from '../src/core/providers/checklist.ts';
import { parseQuizAnswers, PROVIDER_QUIZ_QUESTIONS, scoreTrackQuiz, validateProviderTrack, type ProviderLesson } from '../src/core/providers/track-content.ts';
import { PROVIDER_TRACK_LESSON_IDS, PROVIDER_TRACK_PASS_PERCENT } from '../src/core/providers/track.ts';
import { readFileSync } from 'node:fs';

const content = loadContent();
const lessons = content.providerTrack;
const controlIds = new Set(loadAssessmentCatalog().controls.map((c) => c.id));
const REVIEWED = '2026-12-06';

function rawFiles(): Map<string, unknown> {
  const dir = path.join(CONTENT_DIR, 'training', 'provider-track');
  return new Map(PROVIDER_TRACK_LESSON_IDS.map((id) => [`${id}.json`, JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8')) as unknown]));
}
const clone = <T,>(v: T): T => structuredClone(v);

describe('provider training track content', () => {
  it('has one lesson per id of the track, in track order, in four languages, each with a 5-question quiz', () => {
    expect(lessons.map((l) => l.id)).toEqual([...PROVIDER_TRACK_LESSON_IDS]);
    for (const l of lessons) {
      for (const locale of LOCALES) {
        const text = l.i18n[locale];
        expect(text.quiz, `${l.id} ${locale}`).toHaveLength(PROVIDER_QUIZ_QUESTIONS);
        expect(text.sections.length).toBeGreaterThanOrEqual(2);
        text.quiz.forEach((q, i) => {
          expect(q.answer, `${l.id} ${locale} q${i}`).toBeLessThan(q.choices.length);
          expect(q.answer).toBe(l.i18n.en.quiz[i]!.answer);
          expect(q.choices).toHaveLength(l.i18n.en.quiz[i]!.choices.length);
          expect(q.explain.length).toBeGreaterThan(20);
        });
      }
    }
  });

  it('gives every lesson and the checklist https sources and the review date', () => {
    for (const source of [...lessons.flatMap((l) => l.sources), ...content.choosingChecklist.sources]) expect(source.url, source.title).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/);
    for (const l of lessons) expect(l.reviewed).toBe(REVIEWED);
    expect(content.choosingChecklist.reviewed).toBe(REVIEWED);
  });

  it('links every lesson to controls of the assessment catalogue', () => {
    for (const l of lessons) for (const c of l.controls) expect(controlIds.has(c), `${l.id}: ${c}`).toBe(true);
  });

  it('keeps the provider lessons out of the staff lessons (their loader reads only content/training/lessons)', () => {
    const staff = loadLessons().map((l) => l.id as string);
    for (const id of PROVIDER_TRACK_LESSON_IDS) expect(staff).not.toContain(id);
  });

  const breaks: [string, (f: Map<string, unknown>) => unknown, string][] = [
    ['a missing lesson', (f: Map<string, unknown>) => f.delete('two-step-rollout.json'), 'lesson two-step-rollout is missing'],
    ['a missing language', (f: Map<string, unknown>) => delete (f.get('m365-hardening.json') as { i18n: Record<string, unknown> }).i18n.de, 'missing language de'],
    [
      'an answer that is not one of the choices',
      (f: Map<string, unknown>) => {
        // The second question of this lesson has three choices: index 3 points past them.
        for (const l of LOCALES) (f.get('m365-hardening.json') as ProviderLesson).i18n[l].quiz[1]!.answer = 3;
      },
      'is not one of its 3 choices',
    ],
    ['a right answer that differs between languages', (f: Map<string, unknown>) => ((f.get('workspace-hardening.json') as ProviderLesson).i18n.fr.quiz[2]!.answer = ((f.get('workspace-hardening.json') as ProviderLesson).i18n.en.quiz[2]!.answer + 1) % 3), 'the right answer differs from en'],
    ['four questions instead of five', (f: Map<string, unknown>) => (f.get('ransomware-proof-backups.json') as ProviderLesson).i18n.nl.quiz.pop(), 'i18n.nl.quiz'],
    ['an id that does not match the file', (f: Map<string, unknown>) => f.set('incident-first-response.json', { ...(f.get('two-step-rollout.json') as object) }), 'must match the file name'],
    ['an unknown control', (f: Map<string, unknown>) => (f.get('two-step-rollout.json') as ProviderLesson).controls.push('no-such-control'), 'unknown control no-such-control'],
    ['an http source', (f: Map<string, unknown>) => ((f.get('two-step-rollout.json') as ProviderLesson).sources[0]!.url = 'http://example.org/'), 'https://'],
  ];
  it.each(breaks)('refuses %s', (_what, breakIt, message) => {
    const files = new Map([...rawFiles()].map(([k, v]) => [k, clone(v)]));
    breakIt(files);
    expect(() => validateProviderTrack(files, controlIds)).toThrow(message);
  });
});

describe('provider quiz scoring (pass mark PROVIDER_TRACK_PASS_PERCENT)', () => {
  const lesson = lessons[0]!;
  const key = lesson.i18n.en.quiz.map((q) => q.answer);
  const wrong = (n: number) => key.map((a, i) => (i < n ? (a + 1) % lesson.i18n.en.quiz[i]!.choices.length : a));

  it('passes at exactly the mark and fails one answer below it', () => {
    expect(PROVIDER_TRACK_PASS_PERCENT).toBe(80);
    expect(scoreTrackQuiz(lesson, wrong(0))).toMatchObject({ correct: 5, percent: 100, passed: true });
    expect(scoreTrackQuiz(lesson, wrong(1))).toMatchObject({ correct: 4, percent: 80, passed: true });
    expect(scoreTrackQuiz(lesson, wrong(2))).toMatchObject({ correct: 3, percent: 60, passed: false });
    expect(scoreTrackQuiz(lesson, wrong(2)).answers.map((a) => a.right)).toEqual([false, false, true, true, true]);
  });

  it('reads only complete forms: every question exactly one choice number in range', () => {
    const form = Object.fromEntries(key.map((a, i) => [`q${i}`, String(a)]));
    expect(parseQuizAnswers(lesson, form)).toEqual({ ok: true, given: key });
    expect(parseQuizAnswers(lesson, { ...form, q4: undefined })).toEqual({ ok: false, missing: [4] });
    expect(parseQuizAnswers(lesson, { ...form, q0: '9', q1: '-1', q2: '1.0', q3: ['1', '2'] })).toEqual({ ok: false, missing: [0, 1, 2, 3] });
    expect(parseQuizAnswers(lesson, null)).toEqual({ ok: false, missing: [0, 1, 2, 3, 4] });
  });
});

describe('checklist for choosing an IT provider', () => {
  const checklist = content.choosingChecklist;
  const raw = () => JSON.parse(readFileSync(path.join(CONTENT_DIR, 'providers', 'choosing-checklist.json'), 'utf8')) as { questions: { id: string; text: Record<string, unknown> }[]; text: Record<string, unknown> };

  it('has 10 to 15 questions, each with a good answer and warning signs in four languages', () => {
    expect(checklist.questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
    expect(checklist.questions.length).toBeLessThanOrEqual(MAX_QUESTIONS);
    for (const q of checklist.questions) for (const l of LOCALES) expect(Object.keys(q.text[l]).sort()).toEqual(['good', 'question', 'warning']);
  });

  it('names the certifications an owner can check (CyberFundamentals explained, ISO/IEC 27001, Keep It Secure, kmo-portefeuille)', () => {
    const cert = checklist.questions.find((q) => q.id === 'certification')!;
    for (const l of LOCALES) for (const name of [/CyberFundamentals/, /ISO\/IEC.27001/, /Keep It Secure/, /kmo-portefeuille/]) expect(cert.text[l].good).toMatch(name);
  });

  it('refuses a missing language, a duplicate question and too few questions', () => {
    const noDe = raw();
    delete noDe.questions[0]!.text.de;
    expect(() => validateChoosingChecklist(noDe)).toThrow('question access: missing language de');
    const twice = raw();
    twice.questions[1]!.id = twice.questions[0]!.id;
    expect(() => validateChoosingChecklist(twice)).toThrow('is used twice');
    const few = raw();
    few.questions = few.questions.slice(0, MIN_QUESTIONS - 1);
    expect(() => validateChoosingChecklist(few)).toThrow('questions');
  });
});
