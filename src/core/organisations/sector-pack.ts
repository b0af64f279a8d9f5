/**
 * Sector packs: a federation's extra questions and advice for its sector, in nl, fr, de and en. Pure rules: the shape
 * and bounds of a pack (zod), what is still missing before it can be submitted for review, the version life cycle,
 * and the advice a company gets for its answers. docs/organisations.md ("Sector packs").
 *
 * The questions stand apart from the scored catalogue: they never change the Schild scores, the plan or the method
 * version (docs/decisions/0007-sector-pack-questions-outside-the-score.md).
 */
import { z } from 'zod';
import { FUNCTIONS, type CsfFunction } from '../assessment/catalog.ts';
import { LOCALES, type Locale } from '../locale.ts';

/** At most 15 questions: a pack adds a short part to the assessment, not a second questionnaire. */
export const PACK_MAX_QUESTIONS = 15;
export const PACK_LIMITS = { intro: 2000, question: 300, explanation: 1000, advice: 2000, url: 500, note: 2000 } as const;

/** "Don't know" is an answer too: it is what a company without an IT person often truthfully says. */
export const PACK_ANSWERS = ['yes', 'partly', 'no', 'unknown'] as const;
export type PackAnswer = (typeof PACK_ANSWERS)[number];

export const PACK_STATUSES = ['draft', 'submitted', 'returned', 'published'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];

export interface PackText {
  question: string;
  explanation: string;
  advice: string;
  sourceUrl: string;
}
export interface PackQuestion {
  id: string;
  function: CsfFunction;
  text: Record<Locale, PackText>;
}
export interface PackContent {
  intro: Record<Locale, string>;
  questions: PackQuestion[];
}

export const EMPTY_PACK: PackContent = { intro: { nl: '', fr: '', de: '', en: '' }, questions: [] };

/**
 * Plain text only: the texts are shown to every member company, so markup is refused rather than escaped into
 * visible tags (pages escape all text anyway; this keeps a pasted web page or a script out of the content).
 * Control characters other than line breaks and tabs are refused too.
 */
export function isPlainText(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return false;
  return !/<\s*[a-zA-Z!/?]/.test(s) && !/&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s);
}

/** Only https links (no http, javascript:, data: or mailto:), without credentials in them. */
export function isHttpsUrl(s: string): boolean {
  if (s.length > PACK_LIMITS.url || /\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname.includes('.');
  } catch {
    return false;
  }
}

const plain = (max: number) =>
  z
    .string()
    .max(max, { message: 'too_long' })
    .refine(isPlainText, { message: 'not_plain' })
    .transform((s) => s.trim());
const url = z
  .string()
  .trim()
  .refine((s) => s === '' || isHttpsUrl(s), { message: 'not_https' });

export const PackTextSchema = z.object({
  question: plain(PACK_LIMITS.question),
  explanation: plain(PACK_LIMITS.explanation),
  advice: plain(PACK_LIMITS.advice),
  sourceUrl: url,
});

export const QuestionIdSchema = z.string().regex(/^q[1-9][0-9]{0,3}$/);

export const PackQuestionSchema = z.object({
  id: QuestionIdSchema,
  function: z.enum(FUNCTIONS),
  text: z.object({ nl: PackTextSchema, fr: PackTextSchema, de: PackTextSchema, en: PackTextSchema }),
});

export const PackContentSchema = z.object({
  intro: z.object({ nl: plain(PACK_LIMITS.intro), fr: plain(PACK_LIMITS.intro), de: plain(PACK_LIMITS.intro), en: plain(PACK_LIMITS.intro) }),
  questions: z.array(PackQuestionSchema).max(PACK_MAX_QUESTIONS),
});

/** A bad field of a form: its name (as in the form) and why. */
export interface PackFieldProblem {
  field: string;
  problem: 'too_long' | 'not_plain' | 'not_https' | 'invalid' | 'empty';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads the introduction form (fields intro_nl … intro_en). Missing fields are empty: a draft may be incomplete. */
export function parseIntroForm(body: Record<string, unknown>): { ok: true; intro: Record<Locale, string> } | { ok: false; problems: PackFieldProblem[] } {
  const problems: PackFieldProblem[] = [];
  const intro = { ...EMPTY_PACK.intro };
  for (const l of LOCALES) {
    const raw = body[`intro_${l}`];
    if (raw !== undefined && typeof raw !== 'string') problems.push({ field: `intro_${l}`, problem: 'invalid' });
    const r = PackContentSchema.shape.intro.shape[l].safeParse(str(raw));
    if (r.success) intro[l] = r.data;
    else problems.push({ field: `intro_${l}`, problem: r.error.issues[0]!.message as PackFieldProblem['problem'] });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, intro };
}

/**
 * Reads the form of one question: `function`, and per language `question_<l>`, `explanation_<l>`, `advice_<l>`,
 * `source_<l>`. A question needs its text in at least one language to be saved; the others may follow later.
 */
export function parseQuestionForm(body: Record<string, unknown>): { ok: true; question: Omit<PackQuestion, 'id'> } | { ok: false; problems: PackFieldProblem[] } {
  const problems: PackFieldProblem[] = [];
  const fn = z.enum(FUNCTIONS).safeParse(body.function);
  if (!fn.success) problems.push({ field: 'function', problem: 'invalid' });
  const text = {} as Record<Locale, PackText>;
  for (const l of LOCALES) {
    const fields = { question: `question_${l}`, explanation: `explanation_${l}`, advice: `advice_${l}`, sourceUrl: `source_${l}` } as const;
    const raw = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, body[f]]));
    for (const [k, f] of Object.entries(fields)) if (raw[k] !== undefined && typeof raw[k] !== 'string') problems.push({ field: f, problem: 'invalid' });
    const r = PackTextSchema.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, str(v)])));
    if (r.success) text[l] = r.data;
    else for (const issue of r.error.issues) problems.push({ field: fields[issue.path[0] as keyof typeof fields], problem: issue.message as PackFieldProblem['problem'] });
  }
  if (problems.length === 0 && LOCALES.every((l) => text[l].question === '')) problems.push({ field: 'question_nl', problem: 'empty' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, question: { function: fn.data!, text } };
}

/** The next free question id ('q1', 'q2', …): ids stay stable across versions, so stored answers keep their question. */
export function nextQuestionId(questions: readonly PackQuestion[], used: readonly string[] = []): string {
  const n = Math.max(0, ...[...questions.map((q) => q.id), ...used].map((id) => Number(id.slice(1)) || 0));
  return `q${n + 1}`;
}

/** Something still missing before a pack can be submitted: the introduction, no question at all, or a field in a language. */
export type PackGap = { kind: 'no_questions' } | { kind: 'intro'; locale: Locale } | { kind: 'question' | 'advice'; locale: Locale; number: number };

/**
 * What is missing before review. A platform administrator reads the pack in all four languages and every member reads
 * it in its own (DESIGN.md, principle 2: four languages of equal quality), so each question and its advice must exist
 * in nl, fr, de and en. The explanation and the source link are optional.
 */
export function missingForSubmission(content: PackContent): PackGap[] {
  const gaps: PackGap[] = [];
  if (content.questions.length === 0) gaps.push({ kind: 'no_questions' });
  for (const l of LOCALES) {
    if (content.intro[l].trim() === '') gaps.push({ kind: 'intro', locale: l });
    content.questions.forEach((q, i) => {
      if (q.text[l].question.trim() === '') gaps.push({ kind: 'question', locale: l, number: i + 1 });
      if (q.text[l].advice.trim() === '') gaps.push({ kind: 'advice', locale: l, number: i + 1 });
    });
  }
  return gaps;
}

/**
 * The life cycle of one version. A draft or a returned version is edited in place; a submitted one is frozen while it
 * waits for review; a published one is immutable, so the next edit starts a new draft version and the published one
 * stays live until that new version is approved.
 */
export type EditPlan = { kind: 'edit_in_place' } | { kind: 'new_version'; version: number } | { kind: 'in_review' };
export function editPlan(latest: { status: PackStatus; version: number } | undefined): EditPlan {
  if (!latest) return { kind: 'new_version', version: 1 };
  if (latest.status === 'submitted') return { kind: 'in_review' };
  if (latest.status === 'published') return { kind: 'new_version', version: latest.version + 1 };
  return { kind: 'edit_in_place' };
}

/** The advice a company gets: for each question answered "no" or "partly", in the reader's language. */
export function adviceFor(content: PackContent, answers: Readonly<Record<string, PackAnswer>>, locale: Locale): { id: string; question: string; advice: string; sourceUrl: string | null; answer: 'no' | 'partly' }[] {
  return content.questions.flatMap((q) => {
    const a = answers[q.id];
    if (a !== 'no' && a !== 'partly') return [];
    const t = q.text[locale];
    return [{ id: q.id, question: t.question, advice: t.advice, sourceUrl: t.sourceUrl === '' ? null : t.sourceUrl, answer: a }];
  });
}

export function isPackAnswer(v: unknown): v is PackAnswer {
  return typeof v === 'string' && (PACK_ANSWERS as readonly string[]).includes(v);
}

/** Reads stored content; anything that does not fit the schema is treated as an empty pack rather than shown half. */
export function parsePackContent(json: string): PackContent {
  try {
    const r = PackContentSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : EMPTY_PACK;
  } catch {
    return EMPTY_PACK;
  }
}
