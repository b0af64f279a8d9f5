/**
 * The training programme is complete: all twelve lessons of docs/training.md exist, each in nl, fr, de and en
 * (design principle 2: a missing translation is a failing test), with a three-question quiz and a review date.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadLessons } from '../src/adapters/content.ts';
import { LESSON_IDS, LessonSchema, missingLanguages, validateLessons } from '../src/core/training/lessons.ts';

const DIR = path.join(CONTENT_DIR, 'training', 'lessons');

describe('training lessons content', () => {
  it('has all twelve lessons, each in the four languages', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    const missing = LESSON_IDS.filter((id) => !files.includes(`${id}.json`));
    expect(missing, 'lessons without a file').toEqual([]);
    for (const f of files) expect(missingLanguages(JSON.parse(readFileSync(path.join(DIR, f), 'utf8'))), f).toEqual([]);
    expect(loadLessons().length).toBeGreaterThanOrEqual(12);
  });

  it('every lesson file validates, with 3 questions of 3 choices and a review date', () => {
    const lessons = loadLessons();
    for (const l of lessons) {
      for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
        expect(l.i18n[lang].quiz).toHaveLength(3);
        for (const q of l.i18n[lang].quiz) expect(q.choices).toHaveLength(3);
      }
      expect(l.review.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('French text uses a non-breaking space before ? ! : and one kind of apostrophe (catalogue style)', () => {
    for (const l of loadLessons()) {
      const texts = JSON.stringify(l.i18n.fr).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
      // A plain space before ? ! : ; is wrong in French typography; the catalogue writes a no-break space.
      expect(texts.filter((s) => / [?!:;]/.test(s)), l.id).toEqual([]);
      expect(texts.filter((s) => s.includes("'")), l.id).toEqual([]);
    }
  });

  it('refuses a lesson with a language missing or an id that does not match its file', () => {
    const good = JSON.parse(readFileSync(path.join(DIR, 'passphrases.json'), 'utf8'));
    const noGerman = { ...good, i18n: { ...good.i18n, de: undefined } };
    expect(LessonSchema.safeParse(noGerman).success).toBe(false);
    expect(() => validateLessons(new Map([['passphrases.json', noGerman]]))).toThrow(/de/);
    expect(() => validateLessons(new Map([['updates.json', good]]))).toThrow(/file name/);
    const wrongKey = structuredClone(good);
    wrongKey.i18n.fr.quiz[0].answer = 2;
    expect(() => validateLessons(new Map([['passphrases.json', wrongKey]]))).toThrow(/differ/);
  });
});
