import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssessmentCatalog } from '../../adapters/content.ts';
import type { AssessmentCatalog } from './catalog.ts';
import { applicableControls, assess } from './engine.ts';
import type { AssessmentProfile } from './profile.ts';
import { firstOpenTheme, scoreChange, themeProgress } from './progress.ts';

let catalog: AssessmentCatalog;
beforeAll(() => {
  catalog = loadAssessmentCatalog();
});

const accountant: AssessmentProfile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'sensitive', remoteWork: true, itProvider: true };

describe('themeProgress and firstOpenTheme ("continue where I left off")', () => {
  it('counts every applicable question once, in asking order', () => {
    const progress = themeProgress(catalog, accountant, {});
    expect(progress.reduce((s, x) => s + x.total, 0)).toBe(applicableControls(catalog, accountant).length);
    expect(progress.every((x) => x.answered === 0)).toBe(true);
    expect(firstOpenTheme(progress)).toBe(progress[0]!.theme);
  });

  it('points at the first theme that still has an open question, and at nothing when all are answered', () => {
    const controls = applicableControls(catalog, accountant);
    const progress0 = themeProgress(catalog, accountant, {});
    const [first, second] = [progress0[0]!.theme, progress0[1]!.theme];
    // The first theme fully answered and one question of the second: the second is where to carry on.
    const answers = Object.fromEntries(controls.filter((c) => c.theme === first).map((c) => [c.id, 'no' as const]));
    const oneOfSecond = controls.find((c) => c.theme === second)!;
    const progress = themeProgress(catalog, accountant, { ...answers, [oneOfSecond.id]: 'unknown' });
    expect(progress.find((x) => x.theme === second)!.answered).toBe(1);
    expect(firstOpenTheme(progress)).toBe(second);
    const all = Object.fromEntries(controls.map((c) => [c.id, 'na' as const]));
    expect(firstOpenTheme(themeProgress(catalog, accountant, all))).toBeNull();
  });
});

describe('scoreChange (the explanation after "done" and "undo")', () => {
  it('gives the overall score before and after one answer moved, and a "done" never lowers it', () => {
    const ids = applicableControls(catalog, accountant).map((c) => c.id);
    const answers = Object.fromEntries(ids.map((id) => [id, 'no' as const]));
    const id = assess(catalog, accountant, answers).plan[0]!.controlId;
    const done = { ...answers, [id]: 'yes' as const };
    const change = scoreChange(catalog, accountant, done, id, 'no')!;
    expect(change).toMatchObject({ controlId: id, from: 'no', to: 'yes', before: 0 });
    expect(change.after).toBe(assess(catalog, accountant, done).scores.overall);
    expect(change.after!).toBeGreaterThan(change.before!);
    // Undo is the same move the other way.
    const undo = scoreChange(catalog, accountant, answers, id, 'yes')!;
    expect([undo.before, undo.after]).toEqual([change.after, change.before]);
  });

  it('has nothing to explain when the answer did not move', () => {
    expect(scoreChange(catalog, accountant, { 'pr-backup': 'yes' }, 'pr-backup', 'yes')).toBeNull();
    expect(scoreChange(catalog, accountant, {}, 'pr-backup', 'no')).toBeNull();
  });
});
