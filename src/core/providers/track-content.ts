/**
 * Lessons of the training track for IT providers as validated data (content/training/provider-track/<id>.json,
 * format in docs/providers.md). Pure: the adapter reads the files, this module checks them and scores a quiz. Kept
 * apart from the staff lessons (core/training/lessons.ts): other readers, other length, a pass mark instead of points.
 */
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { PROVIDER_TRACK_LESSON_IDS, PROVIDER_TRACK_PASS_PERCENT } from './track.ts';

/** Every lesson ends with this many questions; the pass mark (track.ts) is a share of them. */
export const PROVIDER_QUIZ_QUESTIONS = 5;
export const MIN_CHOICES = 3;
export const MAX_CHOICES = 4;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const Text = z.string().trim().min(2).max(2000);
const Short = z.string().trim().min(2).max(300);

const Question = z
  .object({
    question: Short,
    choices: z.array(z.string().trim().min(1).max(300)).min(MIN_CHOICES).max(MAX_CHOICES),
    answer: z.number().int().min(0).max(MAX_CHOICES - 1),
    explain: Text,
  })
  .strict();

const LessonText = z
  .object({
    title: z.string().trim().min(2).max(120),
    summary: Short,
    sections: z
      .array(z.object({ heading: Short, paragraphs: z.array(Text).min(1).max(8), checklist: z.array(Text).max(10).optional() }).strict())
      .min(2)
      .max(8),
    quiz: z.array(Question).length(PROVIDER_QUIZ_QUESTIONS),
  })
  .strict();
export type ProviderLessonText = z.infer<typeof LessonText>;

export const SourcesSchema = z
  .array(
    z
      .object({
        title: z.string().trim().min(3).max(200),
        // https only, as for articles: the reader follows them from an https page.
        url: z.url({ protocol: /^https$/, error: 'an https:// address' }),
      })
      .strict(),
  )
  .min(1);

export const ProviderLessonSchema = z
  .object({
    id: z.enum(PROVIDER_TRACK_LESSON_IDS),
    order: z.number().int().min(1).max(99),
    minutes: z.number().int().min(5).max(60),
    /** Controls of the assessment catalogue this lesson prepares the provider for (checked against the catalogue). */
    controls: z.array(z.string().min(2)).min(1),
    reviewed: z.string().regex(ISO_DATE, 'a date as YYYY-MM-DD'),
    sources: SourcesSchema,
    i18n: z.object({ nl: LessonText, fr: LessonText, de: LessonText, en: LessonText }).strict(),
  })
  .strict();
export type ProviderLesson = z.infer<typeof ProviderLessonSchema>;

const WHERE = 'content/training/provider-track';

/**
 * Validates the track: one file per lesson id of track.ts (named after it), four languages, the same right answer
 * and the same number of choices in every language (the server checks answers against one key), answers that point
 * at a choice, and controls that exist in the catalogue. Throws one error listing every problem; returns the
 * lessons in track order.
 */
export function validateProviderTrack(files: ReadonlyMap<string, unknown>, controlIds: ReadonlySet<string>): ProviderLesson[] {
  const problems: string[] = [];
  const lessons: ProviderLesson[] = [];
  for (const [name, json] of files) {
    const where = `${WHERE}/${name}`;
    const i18n = (json as { i18n?: Record<string, unknown> } | null)?.i18n ?? {};
    const missing = LOCALES.filter((l) => !i18n[l]);
    if (missing.length > 0) {
      problems.push(`${where}: missing language ${missing.join(', ')}`);
      continue;
    }
    const r = ProviderLessonSchema.safeParse(json);
    if (!r.success) {
      problems.push(`${where}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    const lesson = r.data;
    if (`${lesson.id}.json` !== name) problems.push(`${where}: the id "${lesson.id}" must match the file name`);
    const key = lesson.i18n.en.quiz;
    for (const l of LOCALES) {
      lesson.i18n[l].quiz.forEach((q, i) => {
        if (q.answer >= q.choices.length) problems.push(`${where}: ${l} question ${i + 1}: answer ${q.answer} is not one of its ${q.choices.length} choices`);
        if (q.answer !== key[i]!.answer) problems.push(`${where}: ${l} question ${i + 1}: the right answer differs from en`);
        if (q.choices.length !== key[i]!.choices.length) problems.push(`${where}: ${l} question ${i + 1}: ${q.choices.length} choices, en has ${key[i]!.choices.length}`);
      });
    }
    for (const c of lesson.controls) if (!controlIds.has(c)) problems.push(`${where}: unknown control ${c}`);
    lessons.push(lesson);
  }
  const ids = new Set(lessons.map((l) => l.id));
  for (const id of PROVIDER_TRACK_LESSON_IDS) if (!ids.has(id) && ![...files.keys()].includes(`${id}.json`)) problems.push(`${WHERE}: lesson ${id} is missing`);
  if (new Set(lessons.map((l) => l.order)).size !== lessons.length) problems.push(`${WHERE}: two lessons have the same order`);
  if (problems.length > 0) throw new Error(`Invalid provider track:\n- ${problems.join('\n- ')}`);
  return lessons.sort((a, b) => a.order - b.order);
}

export function findProviderLesson(lessons: readonly ProviderLesson[], id: string): ProviderLesson | undefined {
  return lessons.find((l) => l.id === id);
}

export type ParsedAnswers = { ok: true; given: number[] } | { ok: false; missing: number[] };

/**
 * Reads the quiz answers of a form body (fields q0 … q4, each the number of a choice). A missing, repeated or
 * out-of-range answer is refused as a whole: a quiz is scored only when every question has exactly one answer.
 */
export function parseQuizAnswers(lesson: ProviderLesson, body: unknown): ParsedAnswers {
  const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const given: number[] = [];
  const missing: number[] = [];
  lesson.i18n.en.quiz.forEach((q, i) => {
    const v = form[`q${i}`];
    const n = typeof v === 'string' && /^\d$/.test(v) ? Number(v) : NaN;
    if (Number.isInteger(n) && n < q.choices.length) given.push(n);
    else missing.push(i);
  });
  return missing.length === 0 ? { ok: true, given } : { ok: false, missing };
}

export interface TrackQuizResult {
  correct: number;
  total: number;
  /** Whole percent, rounded down, so a score never rounds up onto the pass mark. */
  percent: number;
  passed: boolean;
  /** Per question: the choice given and whether it was right. */
  answers: { given: number; right: boolean }[];
}

/** Scores a complete set of answers against the lesson's key; passed at PROVIDER_TRACK_PASS_PERCENT or more. */
export function scoreTrackQuiz(lesson: ProviderLesson, given: readonly number[]): TrackQuizResult {
  const key = lesson.i18n.en.quiz;
  const answers = key.map((q, i) => ({ given: given[i]!, right: given[i] === q.answer }));
  const correct = answers.filter((a) => a.right).length;
  // Compared in whole numbers (correct × 100 ≥ pass × total) so 4 of 5 is exactly 80 %, with no rounding error.
  const passed = correct * 100 >= PROVIDER_TRACK_PASS_PERCENT * key.length;
  return { correct, total: key.length, percent: Math.floor((correct * 100) / key.length), passed, answers };
}
