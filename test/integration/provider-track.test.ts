/**
 * The IT provider training track and the "how to choose an IT provider" checklist (issue 12), on SQLite and
 * PostgreSQL: a quiz passes at PROVIDER_TRACK_PASS_PERCENT (4 of 5 = 80 % passes, 3 of 5 fails); the best score is
 * kept; a pass is audit-logged; a viewer may take the quiz (it is personal); incomplete or out-of-range answers get a
 * translated message, 400 and nothing stored; the track exists only for it_provider organisations (404 otherwise,
 * as for outsiders: docs/organisations.md); the organisation completes the track once one current staff member
 * passed every lesson. The checklist page lists its questions in each language and its PDF carries the title.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content.ts';
import { LOCALES } from '../../src/core/locale.ts';
import type { ProviderLesson } from '../../src/core/providers/track-content.ts';
import { PROVIDER_TRACK_LESSON_IDS } from '../../src/core/providers/track.ts';
import { insertStaff } from '../../src/db/repositories/organisation.repository.ts';
import { organisationTrackCompleted } from '../../src/db/repositories/provider-track.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, signUpAndVerify } from '../support/flows.ts';

type PdfParse = (data: Buffer) => Promise<{ text: string }>;
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as PdfParse;

const lessons = loadContent().providerTrack;
const lessonOf = (id: string): ProviderLesson => lessons.find((l) => l.id === id)!;

/** The quiz form with the first `wrong` questions answered wrongly and the rest right (answers are the same in every language). */
function answers(lesson: ProviderLesson, wrong = 0): Record<string, string> {
  return Object.fromEntries(
    lesson.i18n.en.quiz.map((q, i) => [`q${i}`, String(i < wrong ? (q.answer + 1) % q.choices.length : q.answer)]),
  );
}

describe.each(DIALECTS)('provider training track on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let viewer: Browser;
  let providerId: string;
  let federationId: string;
  const idOf = (r: { headers: Record<string, unknown> }) => /\/orgs\/([0-9a-f-]{36})(?:\/profile\?welcome=1)?$/.exec(String(r.headers.location))![1]!;
  const userId = async (email: string) => (await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const rows = () => t.runtime.deps.db.selectFrom('provider_track_progress').selectAll().where('organisation_id', '=', providerId).execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = new Browser(t.app, '198.51.100.30');
    await signUpAndVerify(t, owner, 'tech@provider.be');
    await logIn(owner, 'tech@provider.be');
    await owner.get('/en/orgs/new');
    providerId = idOf(await owner.post('/en/orgs', { name: 'Secure IT bv', kind: 'it_provider', sectors: '' }));
    federationId = idOf(await owner.post('/en/orgs', { name: 'Bakers Federation', kind: 'federation', sectors: 'G' }));
    viewer = new Browser(t.app, '198.51.100.31');
    await signUpAndVerify(t, viewer, 'junior@provider.be');
    await logIn(viewer, 'junior@provider.be');
    await insertStaff(t.runtime.deps.db, providerId, await userId('junior@provider.be'), 'org_viewer', new Date().toISOString());
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists the five lessons with the viewer’s and the organisation’s status, and the organisation home links to it', async () => {
    const res = await owner.get(`/en/orgs/${providerId}/track`);
    expect(res.statusCode).toBe(200);
    for (const l of lessons) expect(res.body).toContain(`href="/en/orgs/${providerId}/track/${l.id}"`);
    expect(res.body).toContain('data-completed="false"');
    expect((await owner.get(`/en/orgs/${providerId}`)).body).toContain(`href="/en/orgs/${providerId}/track"`);
    expect((await owner.get(`/en/orgs/${federationId}`)).body).not.toContain('/track"');
    const nl = await owner.get(`/nl/orgs/${providerId}/track/m365-hardening`);
    expect(nl.statusCode).toBe(200);
    expect(nl.body).toContain(lessonOf('m365-hardening').i18n.nl.title);
  });

  it('passes at the mark (4 of 5 = 80 %), fails below it (3 of 5), shows the wrong answers with their explanation', async () => {
    const lesson = lessonOf('workspace-hardening');
    await owner.get(`/en/orgs/${providerId}/track/${lesson.id}`);
    const failed = await owner.post(`/en/orgs/${providerId}/track/${lesson.id}`, answers(lesson, 2));
    expect(failed.statusCode).toBe(200);
    expect(failed.body).toContain('data-passed="false"');
    expect(failed.body).toContain('3 of 5 right (60\u00a0%)');
    expect(failed.body).toContain(lesson.i18n.en.quiz[0]!.explain);
    expect(failed.body.match(/data-right="false"/g)).toHaveLength(2);
    expect(await rows()).toEqual([]);

    const passed = await owner.post(`/en/orgs/${providerId}/track/${lesson.id}`, answers(lesson, 1));
    expect(passed.body).toContain('data-passed="true"');
    expect(passed.body).toContain('4 of 5 right (80\u00a0%)');
    expect(passed.body).toContain(`The right answer: ${lesson.i18n.en.quiz[0]!.choices[lesson.i18n.en.quiz[0]!.answer]}`);
    const stored = await rows();
    expect(stored.map((r) => [r.lesson_id, Number(r.score)])).toEqual([[lesson.id, 80]]);
    const events = await t.runtime.deps.db.selectFrom('audit_events').selectAll().where('type', '=', 'provider_track.lesson_passed').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.organisation_id).toBe(providerId);
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ lessonId: lesson.id, score: 80, stored: true });
  });

  it('keeps the best score: a better pass replaces it, a weaker pass leaves it', async () => {
    const lesson = lessonOf('workspace-hardening');
    await owner.get(`/en/orgs/${providerId}/track/${lesson.id}`);
    expect((await owner.post(`/en/orgs/${providerId}/track/${lesson.id}`, answers(lesson, 0))).body).toContain('Passed. Your result is saved.');
    const best = (await rows()).find((r) => r.lesson_id === lesson.id)!;
    expect(Number(best.score)).toBe(100);
    const again = await owner.post(`/en/orgs/${providerId}/track/${lesson.id}`, answers(lesson, 1));
    expect(again.body).toContain('You had already passed with this score or a better one');
    const after = (await rows()).find((r) => r.lesson_id === lesson.id)!;
    expect(Number(after.score)).toBe(100);
    expect(after.passed_at).toBe(best.passed_at);
    const page = await owner.get(`/en/orgs/${providerId}/track`);
    expect(page.body).toContain('Passed (100\u00a0%)');
  });

  it('refuses missing, out-of-range and repeated answers with a translated message, 400, nothing stored', async () => {
    const lesson = lessonOf('two-step-rollout');
    const url = `/fr/orgs/${providerId}/track/${lesson.id}`;
    await owner.get(url);
    const before = (await rows()).length;
    const passes = () => t.runtime.deps.db.selectFrom('audit_events').select('id').where('type', '=', 'provider_track.lesson_passed').execute();
    const logged = (await passes()).length;
    const { q4: _dropped, ...missing } = answers(lesson);
    const cases: Record<string, string | string[]>[] = [
      missing,
      { ...answers(lesson), q2: '7' },
      { ...answers(lesson), q1: 'x' },
      { ...answers(lesson), q0: ['0', '1'] },
      {},
    ];
    for (const form of cases) {
      const res = await owner.post(url, form);
      expect(res.statusCode, JSON.stringify(form)).toBe(400);
      expect(res.body).toContain('Répondez à chaque question avant d’envoyer le quiz. Rien n’a été enregistré.');
    }
    expect((await rows()).length).toBe(before);
    expect(await passes()).toHaveLength(logged);
  });

  it('a viewer takes the quiz for themselves', async () => {
    const lesson = lessonOf('incident-first-response');
    await viewer.get(`/en/orgs/${providerId}/track/${lesson.id}`);
    const res = await viewer.post(`/en/orgs/${providerId}/track/${lesson.id}`, answers(lesson));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-passed="true"');
    const mine = (await rows()).filter((r) => r.lesson_id === lesson.id);
    expect(mine.map((r) => r.user_id)).toEqual([await userId('junior@provider.be')]);
  });

  it('exists only for IT providers: another kind of organisation and an unknown lesson answer 404, nothing stored', async () => {
    const lesson = lessonOf('m365-hardening');
    expect((await owner.get(`/en/orgs/${federationId}/track`)).statusCode).toBe(404);
    expect((await owner.get(`/en/orgs/${federationId}/track/${lesson.id}`)).statusCode).toBe(404);
    await owner.get(`/en/orgs/${providerId}/track`);
    expect((await owner.post(`/en/orgs/${federationId}/track/${lesson.id}`, answers(lesson))).statusCode).toBe(404);
    expect((await owner.get(`/en/orgs/${providerId}/track/no-such-lesson`)).statusCode).toBe(404);
    const rowsOfFederation = await t.runtime.deps.db.selectFrom('provider_track_progress').selectAll().where('organisation_id', '=', federationId).execute();
    expect(rowsOfFederation).toEqual([]);
  });

  it('completes the organisation’s track once one staff member passed all five, not when two people share them', async () => {
    // The viewer passed one lesson and the owner one other: together two, but no single person has all five.
    expect(await organisationTrackCompleted(t.runtime.deps.db, providerId)).toBe(false);
    for (const id of PROVIDER_TRACK_LESSON_IDS) {
      const lesson = lessonOf(id);
      await owner.get(`/en/orgs/${providerId}/track/${id}`);
      expect((await owner.post(`/en/orgs/${providerId}/track/${id}`, answers(lesson))).statusCode).toBe(200);
    }
    expect(await organisationTrackCompleted(t.runtime.deps.db, providerId)).toBe(true);
    const page = await viewer.get(`/en/orgs/${providerId}/track`);
    expect(page.body).toContain('data-completed="true"');
    expect(page.body).toContain('You have passed 1 of 5 lessons.');
  });

  it('shows the checklist’s questions in each language, and its PDF starts with %PDF and carries the title', async () => {
    const checklist = loadContent().choosingChecklist;
    const anon = new Browser(t.app, '198.51.100.32');
    for (const l of LOCALES) {
      const res = await anon.get(`/${l}/it-provider-checklist`);
      expect(res.statusCode).toBe(200);
      for (const q of checklist.questions) expect(res.body).toContain(`data-question="${q.id}"`);
      expect(res.body).toContain(`href="/${l}/providers"`);
      expect(res.body).toContain(`href="/${l}/it-provider-checklist.pdf"`);
      const pdf = await anon.get(`/${l}/it-provider-checklist.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await pdfParse(pdf.rawPayload)).text.replace(/\s+/g, ' ');
      expect(text).toContain(checklist.text[l].title.replace(/\s+/g, ' '));
      expect(text).toContain(checklist.questions[0]!.text[l].question.replace(/\s+/g, ' ').slice(0, 40));
    }
    expect((await anon.get('/fr/it-provider-checklist')).body).toContain('Comment sauvegardez-vous nos données');
    // The guide on choosing an IT provider links to the full checklist in every language.
    for (const l of LOCALES) expect((await anon.get(`/${l}/articles/choosing-an-it-provider`)).body).toContain(`<a href="/${l}/it-provider-checklist">`);
  });
});
