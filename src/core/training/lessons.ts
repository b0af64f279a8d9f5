/**
 * Micro-lessons as validated data (content/training/lessons/<id>.json, format in docs/training.md). Pure: the
 * adapter reads the files, this module checks them. A broken lesson stops the start, like every other content file.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from '../locale.ts';

/** The twelve lessons of the programme; a file with another id is refused, a missing one is caught by the content test. */
export const LESSON_IDS = [
  'passphrases',
  'two-step-login',
  'recognising-phishing',
  'invoice-fraud',
  'updates',
  'backups',
  'public-wifi',
  'lost-devices',
  'reporting-incidents',
  'phone-scams',
  'safe-payments',
  'personal-data',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** Lessons about recognising fraudulent messages: the "all phishing lessons" badge asks for these. */
export const PHISHING_LESSONS: readonly LessonId[] = ['recognising-phishing', 'invoice-fraud', 'phone-scams'];

const Text = z.string().trim().min(2).max(2000);
const Short = z.string().trim().min(2).max(200);

const Question = z
  .object({
    question: Short,
    choices: z.array(z.string().trim().min(1).max(300)).length(3),
    answer: z.number().int().min(0).max(2),
    explain: Text,
  })
  .strict();

const LessonText = z
  .object({
    title: z.string().trim().min(2).max(100),
    summary: Short,
    sections: z
      .array(z.object({ heading: Short, paragraphs: z.array(Text).min(1).max(8), tips: z.array(Text).max(8).optional() }).strict())
      .min(1)
      .max(8),
    quiz: z.array(Question).length(3),
    tip: Text,
  })
  .strict();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const LessonSchema = z
  .object({
    id: z.enum(LESSON_IDS),
    order: z.number().int().min(1).max(99),
    minutes: z.number().int().min(1).max(15),
    topic: z.string().trim().min(2).max(40),
    review: z.object({ date: z.string().regex(ISO_DATE), sources: z.array(z.string().trim().min(5).max(300)).min(1) }).strict(),
    i18n: z.object({ nl: LessonText, fr: LessonText, de: LessonText, en: LessonText }).strict(),
  })
  .strict();

export type Lesson = z.infer<typeof LessonSchema>;
export type LessonText = z.infer<typeof LessonText>;

/** Validates every lesson file; `files` maps the file name to its parsed JSON. Returns the lessons in programme order. */
export function validateLessons(files: ReadonlyMap<string, unknown>): Lesson[] {
  const lessons: Lesson[] = [];
  for (const [name, json] of files) {
    const r = LessonSchema.safeParse(json);
    if (!r.success) throw new Error(`content/training/lessons/${name}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    // The server checks answers against one key: every language must mark the same choice right.
    for (const l of LOCALES) {
      if (r.data.i18n[l].quiz.some((q, i) => q.answer !== r.data.i18n.en.quiz[i]?.answer)) throw new Error(`content/training/lessons/${name}: quiz answers in ${l} differ from en`);
    }
    if (`${r.data.id}.json` !== name) throw new Error(`content/training/lessons/${name}: the id "${r.data.id}" must match the file name`);
    lessons.push(r.data);
  }
  const orders = new Set(lessons.map((l) => l.order));
  if (orders.size !== lessons.length) throw new Error('content/training/lessons: two lessons have the same order');
  return lessons.sort((a, b) => a.order - b.order);
}

export function lessonText(lesson: Lesson, locale: Locale): LessonText {
  return lesson.i18n[locale];
}

/** Languages a lesson lacks (always empty for a validated lesson; used by the content test's message). */
export function missingLanguages(json: unknown): Locale[] {
  const i18n = (json as { i18n?: Record<string, unknown> } | null)?.i18n ?? {};
  return LOCALES.filter((l) => !i18n[l]);
}

export interface QuizResult {
  correct: number;
  total: number;
  perfect: boolean;
  /** Per question: the choice given (null when none) and whether it was right. */
  answers: { given: number | null; right: boolean }[];
}

/** Scores a quiz server-side. A missing or out-of-range answer counts as not right (never an error). */
export function scoreQuiz(lesson: Lesson, given: readonly (number | null)[]): QuizResult {
  const quiz = lesson.i18n.en.quiz;
  const answers = quiz.map((q, i) => {
    const g = given[i] ?? null;
    return { given: g, right: g === q.answer };
  });
  const correct = answers.filter((a) => a.right).length;
  return { correct, total: quiz.length, perfect: correct === quiz.length, answers };
}
