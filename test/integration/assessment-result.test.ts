/**
 * The self-assessment result as an owner on a phone meets it (issue 9), over HTTP on both databases: the saved notice,
 * the way from the last theme to the result, "continue where I left off", this week's actions folded with the rest one
 * tap away, done and undo with the score change explained, the quick scan's questions for the IT provider and skipped
 * count, and the web result and its PDF showing the same risks and numbers.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HORIZONS } from '../../src/core/assessment/scoring-tables.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** Rows (label, value text) of the data table of one chart on the page, in order. */
function chartRows(html: string, chartId: string): [string, string][] {
  const figure = new RegExp(`<figure class="chart" aria-labelledby="${chartId}-title">([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? '';
  return [...figure.matchAll(/<th scope="row">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td>/g)].map((m) => [decode(m[1]!), decode(m[2]!)]);
}

/** Fails unless every string occurs in the text, in this order. */
function expectInOrder(text: string, parts: string[]): void {
  const flat = text.replace(/\s+/g, ' ');
  let from = 0;
  for (const part of parts) {
    const at = flat.indexOf(part.replace(/\s+/g, ' '), from);
    expect(at, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

async function pdfText(body: Buffer): Promise<string> {
  return (await pdfParse(body)).text;
}

const QUICK = { sector: '69', employees: '4', website: 'yes', webshop: 'no', email: 'microsoft365', cardPayments: 'no', personalData: 'sensitive', remoteWork: 'yes', itProvider: 'yes' };

describe('quick scan result (stateless)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  async function askedIn(b: Browser, lang: string): Promise<string[]> {
    const page = await b.get(`/${lang}/quick-scan/questions?${new URLSearchParams(QUICK)}`);
    return [...page.body.matchAll(/name="a_([a-z0-9-]+)" value="yes"/g)].map((m) => m[1]!);
  }

  it('turns "I don\'t know" into questions for the IT provider and says how many were skipped, on the page and in its PDF', async () => {
    const b = new Browser(t.app);
    const asked = await askedIn(b, 'fr');
    // Two "I don't know", two skipped (no answer at all), the rest "no".
    const form: Record<string, string> = { ...QUICK };
    asked.forEach((id, i) => {
      if (i < 2) form[`a_${id}`] = 'unknown';
      else if (i >= 4) form[`a_${id}`] = 'no';
    });
    const page = await b.post('/fr/quick-scan/result', form);
    expect(page.statusCode).toBe(200);
    const skippedText = `Vous avez répondu à ${asked.length - 2} questions sur ${asked.length} et en avez passé 2.`;
    expect(decode(page.body)).toContain(skippedText);
    const section = /<section class="provider-questions"[\s\S]*?<\/section>/.exec(page.body)![0];
    expect(section).toContain('Questions pour votre prestataire informatique');
    expect([...section.matchAll(/data-question="([^"]+)"/g)].map((m) => m[1])).toEqual(asked.slice(0, 2));
    const questions = [...section.matchAll(/<li data-question="[^"]+">([\s\S]*?)<br\/?>/g)].map((m) => decode(m[1]!));
    expect(questions).toHaveLength(2);

    const pdf = await pdfText((await b.post('/fr/quick-scan/plan.pdf', form)).rawPayload);
    expectInOrder(pdf, [skippedText, 'Questions pour votre prestataire informatique', questions[0]!.slice(0, 40), questions[1]!.slice(0, 40)]);
  });

  it('says so when nothing was skipped and nothing is left for the IT provider', async () => {
    const b = new Browser(t.app);
    const asked = await askedIn(b, 'nl');
    const form: Record<string, string> = { ...QUICK, ...Object.fromEntries(asked.map((id) => [`a_${id}`, 'yes'])) };
    const page = decode((await b.post('/nl/quick-scan/result', form)).body);
    expect(page).toContain(`Je beantwoordde alle ${asked.length} vragen.`);
    expect(page).toContain('Geen: je antwoordde nergens “Ik weet het niet”.');
  });

  // WCAG 2.1 SC 3.3.1 (Error Identification): the summary says which question an error is about.
  it('names the question in the error summary, not only "choose an answer"', async () => {
    const b = new Browser(t.app);
    const { website: _w, itProvider: _i, ...incomplete } = QUICK;
    const res = await b.get(`/de/quick-scan/questions?${new URLSearchParams(incomplete)}`);
    expect(res.statusCode).toBe(400);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)![0];
    const items = [...summary.matchAll(/<a href="#f-([a-zA-Z]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1], decode(m[2]!)]);
    expect(items.map((x) => x[0])).toEqual(['website', 'itProvider']);
    expect(items[0]![1]).toMatch(/^Haben Sie eine Website\? \S/);
    expect(items[1]![1]).toMatch(/IT-Dienstleister.*\? \S/);
  });

  it('shows on the page the same scores, risks and actions as in the PDF', async () => {
    const b = new Browser(t.app);
    const asked = await askedIn(b, 'de');
    const form: Record<string, string> = { ...QUICK };
    asked.forEach((id, i) => (form[`a_${id}`] = ['no', 'partly', 'yes', 'unknown'][i % 4]!));
    const page = (await b.post('/de/quick-scan/result', form)).body;
    const pdf = await pdfText((await b.post('/de/quick-scan/plan.pdf', form)).rawPayload);
    expectSameResult(page, pdf);
  });
});

/** Scores and risks (every row, same words, same order) and every plan action appear alike on the page and in the PDF. */
function expectSameResult(page: string, pdf: string): void {
  const scores = chartRows(page, 'scores');
  const risks = chartRows(page, 'risks');
  expect(scores.length).toBe(7); // overall and the six CSF functions
  expect(risks.length).toBe(8); // every threat scenario, not only the first few
  expectInOrder(pdf, scores.flat());
  expectInOrder(pdf, risks.flat());
  const titles = [...page.matchAll(/<li class="plan-item[^"]*" data-control="[^"]+"[^>]*>[\s\S]*?(?:<h4>|<strong>)([\s\S]*?)<\/(?:h4|strong)>/g)].map((m) => decode(m[1]!));
  expect(titles.length).toBeGreaterThan(0);
  expectInOrder(pdf, titles);
}

describe.each(DIALECTS)('full assessment result on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  async function themeIds(b: Browser, base: string): Promise<string[]> {
    const overview = await b.get(`${base}/assessment`);
    return [...new Set([...overview.body.matchAll(new RegExp(`href="${base}/assessment/([a-z]+)"`, 'g'))].map((m) => m[1]!))];
  }

  async function answerTheme(b: Browser, base: string, theme: string, pick: (i: number) => string, go: string) {
    const page = await b.get(`${base}/assessment/${theme}`);
    const ids = [...page.body.matchAll(/name="a_([a-z0-9-]+)" value="no"/g)].map((m) => m[1]!);
    const form: Record<string, string> = { go };
    ids.forEach((id, i) => (form[`a_${id}`] = pick(i)));
    return { ids, res: await b.post(`${base}/assessment/${theme}`, form) };
  }

  it('shows "saved" after saving a theme, leads from the last theme to the result, and knows where to continue', async () => {
    const { b, companyId } = await ownerWithCompany(t, `saved-${dialect}@example.be`);
    const base = `/nl/companies/${companyId}`;
    const themes = await themeIds(b, base);
    expect(themes.length).toBeGreaterThan(3);
    // Nothing answered: "continue" starts at the first theme.
    expect((await b.get(`${base}/assessment`)).body).toContain(`class="button continue" href="${base}/assessment/${themes[0]}"`);

    // WCAG 2.1 SC 4.1.3 (Status Messages): after the POST/redirect the page says the answers were kept.
    const { ids, res } = await answerTheme(b, base, themes[0]!, () => 'no', 'stay');
    expect(res.headers.location).toBe(`${base}/assessment/${themes[0]}?done=saved`);
    const saved = await b.get(String(res.headers.location));
    expect(saved.body).toMatch(/<div class="notice ok" role="status">Bewaard\. In “[^”]+” heb je (\d+) van de \1 vragen beantwoord\.<\/div>/);
    expect(ids.length).toBeGreaterThan(0);
    // The first theme is done: "continue" now points at the second.
    expect((await b.get(`${base}/assessment`)).body).toContain(`class="button continue" href="${base}/assessment/${themes[1]}"`);

    // The last theme's main button leads to the result, with the saved notice there.
    const last = await b.get(`${base}/assessment/${themes.at(-1)}`);
    expect(last.body).toContain('name="go" value="result"');
    expect(last.body).toContain('Bewaren en resultaat bekijken');
    expect(last.body).not.toContain('value="next"');
    const lastSaved = await answerTheme(b, base, themes.at(-1)!, () => 'yes', 'result');
    expect(lastSaved.res.headers.location).toBe(`${base}/results?done=saved`);
    expect((await b.get(String(lastSaved.res.headers.location))).body).toContain('Je antwoorden zijn bewaard.');
    // Other themes still lead to the next one.
    const middle = await b.get(`${base}/assessment/${themes[1]}`);
    expect(middle.body).toContain('name="go" value="next"');
  });

  it('folds the result: this week first, the rest of the plan and the IT-provider checklist one tap away', async () => {
    const { b, companyId } = await ownerWithCompany(t, `fold-${dialect}@example.be`);
    const base = `/nl/companies/${companyId}`;
    for (const theme of await themeIds(b, base)) await answerTheme(b, base, theme, (i) => (i % 5 === 4 ? 'unknown' : 'no'), 'stay');
    const page = (await b.get(`${base}/results`)).body;
    const top = /<ol class="top-actions">([\s\S]*?)<\/ol>\s*(?:<details class="plan-rest">|<\/section>)/.exec(page)![1]!;
    const topItems = [...top.matchAll(/<li class="plan-item top-action" data-control="([^"]+)"[^>]*>([\s\S]*?)<\/li>\s*(?=<li class="plan-item|$)/g)];
    expect(topItems.length).toBeGreaterThan(0);
    expect(topItems.length).toBeLessThanOrEqual(HORIZONS.weekMaxItems);
    for (const [, , item] of topItems) {
      // Title, one sentence of why and the time are visible; the steps sit in a closed <details>.
      expect(item).toMatch(/<h4>[^<]+<\/h4><p class="why">[^<]+<\/p><p class="plan-time">Tijd: ongeveer [\d,]+ uur<\/p><details class="plan-details"><summary>/);
      const why = /<p class="why">([^<]+)<\/p>/.exec(item!)![1]!;
      expect(why.split(/[.!?](?:\s|$)/).filter(Boolean)).toHaveLength(1);
      expect(item).not.toMatch(/<details[^>]* open/);
      expect(item).toMatch(/<details class="plan-details">[\s\S]*<ol class="steps">[\s\S]*<\/details>/);
    }
    // Everything else of the plan is inside the closed "rest of your plan".
    const rest = /<details class="plan-rest"><summary>De rest van je plan \((\d+)\)<\/summary>([\s\S]*?)<\/details>\s*<\/section>/.exec(page)!;
    expect(Number(rest[1])).toBeGreaterThan(10);
    expect([...rest[2]!.matchAll(/data-control="/g)]).toHaveLength(Number(rest[1]));
    // The technical checklist is folded too.
    expect(page).toMatch(/<details class="checklist-details"><summary>Toon de checklist voor je IT-leverancier \(\d+\)<\/summary>/);
    // No step list outside a <details>.
    const outside = page.replace(/<details[\s\S]*?<\/details>/g, '');
    expect(outside).not.toContain('class="steps"');
  });

  it('moves a done action to the done list with undo, and explains the score change both ways', async () => {
    const { b, companyId } = await ownerWithCompany(t, `done-${dialect}@example.be`);
    const base = `/nl/companies/${companyId}`;
    for (const theme of await themeIds(b, base)) await answerTheme(b, base, theme, (i) => (i % 2 === 0 ? 'no' : 'partly'), 'stay');
    await b.post(`${base}/assessment/finish`, {});
    const before = await b.get(`${base}/results`);
    const overall = () => chartRows(before.body, 'scores')[0]![1];
    expect(overall()).toMatch(/^\d+ op 100$/);
    const id = /<li class="plan-item top-action" data-control="([^"]+)"[^>]*>/.exec(before.body)![1]!;
    const title = decode(new RegExp(`data-control="${id}"[^>]*><h4>([^<]+)</h4>`).exec(before.body)![1]!);
    const answerBefore = (await t.runtime.deps.db.selectFrom('assessment_answers').select('answer').where('control_id', '=', id).executeTakeFirstOrThrow()).answer;
    const scoreBefore = Number(overall().split(' ')[0]);

    const done = await b.post(`${base}/plan/done`, { controlId: id });
    expect(done.headers.location).toBe(`${base}/results?done=done&control=${id}`);
    const after = await b.get(String(done.headers.location));
    const scoreAfter = Number(chartRows(after.body, 'scores')[0]![1].split(' ')[0]);
    expect(scoreAfter).toBeGreaterThan(scoreBefore);
    const from = answerBefore === 'no' ? 'Nee' : 'Gedeeltelijk';
    expect(decode(after.body)).toContain(`Goed zo! Je score ging van ${scoreBefore} naar ${scoreAfter}, omdat “${title}” nu als “Ja” telt in plaats van “${from}”.`);
    expect(after.body).not.toContain(`data-control="${id}"`);
    expect(after.body).toMatch(new RegExp(`<li data-done="${id}"><span class="done-title">[^<]+</span> <span class="hint">Gedaan op [^<]+</span> <form method="post" action="${base}/plan/undo"`));
    // The finished assessment's stored result (the history) follows.
    const stored = await t.runtime.deps.db.selectFrom('assessments').select('result').where('company_id', '=', companyId).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.result!).scores.overall).toBe(scoreAfter);

    const undo = await b.post(`${base}/plan/undo`, { controlId: id });
    expect(undo.headers.location).toBe(`${base}/results?done=undone&control=${id}`);
    const undone = await b.get(String(undo.headers.location));
    expect(decode(undone.body)).toContain(`De actie staat weer open. Je score ging van ${scoreAfter} terug naar ${scoreBefore}, omdat “${title}” weer als “${from}” telt in plaats van “Ja”.`);
    expect(undone.body).toContain(`data-control="${id}"`);
    expect(undone.body).not.toContain(`data-done="${id}"`);
    const restored = await t.runtime.deps.db.selectFrom('assessment_answers').select('answer').where('control_id', '=', id).executeTakeFirstOrThrow();
    expect(restored.answer).toBe(answerBefore);
    const storedAgain = await t.runtime.deps.db.selectFrom('assessments').select('result').where('company_id', '=', companyId).executeTakeFirstOrThrow();
    expect(JSON.parse(storedAgain.result!).scores.overall).toBe(scoreBefore);

    // Undo of something not done, and done of something not in the plan, change nothing.
    expect((await b.post(`${base}/plan/undo`, { controlId: id })).headers.location).toBe(`${base}/results`);
    expect((await b.post(`${base}/plan/done`, { controlId: 'no-such-control' })).headers.location).toBe(`${base}/results`);
    expect((await b.post(`${base}/plan/undo`, { controlId: ['a', 'b'] })).headers.location).toBe(`${base}/results`);

    // An answer changed by hand takes the action off the done list (undo would bring back an overridden answer).
    await b.post(`${base}/plan/done`, { controlId: id });
    expect((await b.get(`${base}/results`)).body).toContain(`data-done="${id}"`);
    let theme: string | undefined;
    for (const x of await themeIds(b, base)) if ((await b.get(`${base}/assessment/${x}`)).body.includes(`name="a_${id}"`)) theme = x;
    await b.get(`${base}/assessment/${theme}`);
    await b.post(`${base}/assessment/${theme}`, { go: 'stay', [`a_${id}`]: 'no' });
    expect((await b.get(`${base}/results`)).body).not.toContain(`data-done="${id}"`);
  });

  it('shows on the page the same scores, risks and actions as in the plan PDF', async () => {
    const { b, companyId } = await ownerWithCompany(t, `parity-${dialect}@example.be`);
    const base = `/nl/companies/${companyId}`; // the company's language is nl, as is the PDF
    for (const theme of await themeIds(b, base)) await answerTheme(b, base, theme, (i) => ['no', 'partly', 'yes', 'unknown'][i % 4]!, 'stay');
    const page = (await b.get(`${base}/results`)).body;
    const pdf = await pdfText((await b.get(`${base}/plan.pdf`)).rawPayload);
    expectSameResult(page, pdf);
  });
});
