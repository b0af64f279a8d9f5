/**
 * The incident wizard's back link and the result page in the page's language (issue 9). The back link is a plain
 * link carrying every answer (GOV.UK "back link" pattern; works without JavaScript, WCAG 2.1 SC 2.1.1), so going
 * back loses nothing; countdowns, deadlines and sources read in the page's language only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';

/** The Brussels wall clock `hoursAgo` hours before `now`, as the wizard's date and time fields send it. */
function brusselsWallClock(now: Date, hoursAgo: number): { awareDate: string; awareTime: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(now.getTime() - hoursAgo * 3_600_000))
      .map((x) => [x.type, x.value]),
  );
  return { awareDate: `${p.year}-${p.month}-${p.day}`, awareTime: `${p.hour}:${p.minute}` };
}

const hrefs = (html: string) =>
  [...html.matchAll(/<a href="([^"]*)"[^>]*data-testid="wizard-back"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
const checked = (html: string) =>
  [...html.matchAll(/<input type="(?:radio|checkbox)" name="([^"]+)" value="([^"]+)" checked/g)].map((m) => `${m[1]}=${m[2]}`);
const hidden = (html: string) =>
  Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));

describe('incident wizard: back link and page language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('the first question has no back link; the next ones link to the question before, every answer kept', async () => {
    const first = await get('/nl/incident/report');
    expect(first.statusCode).toBe(200);
    expect(hrefs(first.body)).toEqual([]);

    const aware = brusselsWallClock(t.clock.now(), 1);
    const q = new URLSearchParams({ category: 'lost_device', deviceStolen: 'yes', ...aware, ongoing: 'no' });
    const page = await get(`/nl/incident/report?${q}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="personalData"'); // the question now asked
    const [back] = hrefs(page.body);
    expect(back).toBeDefined();
    const backQuery = new URLSearchParams(back!.split('?')[1]);
    expect(backQuery.get('back')).toBe('ongoing');
    expect(backQuery.get('category')).toBe('lost_device');
    expect(backQuery.get('deviceStolen')).toBe('yes');

    // Following the link shows the previous question with its answer selected and the others carried along.
    const previous = await get(back!);
    expect(previous.statusCode).toBe(200);
    expect(previous.body).toContain('name="ongoing"');
    expect(checked(previous.body)).toEqual(['ongoing=no']);
    expect(hidden(previous.body)).toMatchObject({ category: 'lost_device', deviceStolen: 'yes' });
    expect(hidden(previous.body).back).toBeUndefined();

    // Back again: the date and time keep what was typed (not reset to now).
    const [toAware] = hrefs(previous.body);
    const awarePage = await get(toAware!);
    expect(awarePage.body).toContain(`value="${aware.awareDate}"`);
    expect(awarePage.body).toContain(`value="${aware.awareTime}"`);
  });

  it('the result page links back to the last question', async () => {
    const q = new URLSearchParams({
      category: 'phishing_click',
      ...brusselsWallClock(t.clock.now(), 1),
      ongoing: 'no',
      personalData: 'no',
      nis2: 'out_of_scope',
      moneyLost: 'no',
      cardDataExposed: 'no',
      customerCardData: 'no',
      extortion: 'no',
      insured: 'yes',
    });
    const result = await get(`/en/incident/report?${q}`);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('data-obligation=');
    const [back] = hrefs(result.body);
    const page = await get(back!);
    expect(page.body).toContain('name="insured"');
    expect(checked(page.body)).toEqual(['insured=yes']);
  });

  it('an answer changed on the way back drops the answers that no longer apply', async () => {
    // Was a lost, stolen device; going back to the first question it becomes a phishing click. "Stolen" must not
    // make the report a theft (VERIS physical/Theft applies to lost_device only; docs/incidents.md).
    const q = new URLSearchParams({
      category: 'phishing_click',
      deviceStolen: 'yes',
      ...brusselsWallClock(t.clock.now(), 1),
      ongoing: 'no',
      personalData: 'no',
      nis2: 'out_of_scope',
      moneyLost: 'no',
      cardDataExposed: 'no',
      customerCardData: 'no',
      extortion: 'no',
      insured: 'no',
    });
    const b = new Browser(t.app);
    const result = await b.get(`/en/incident/report?${q}`);
    expect(result.statusCode).toBe(200);
    const save = await b.post('/en/incident/save', Object.fromEntries(q));
    expect(save.statusCode, save.body.slice(0, 300)).toBe(303);
    const row = await t.runtime.deps.db
      .selectFrom('incidents')
      .select(['facts', 'triage'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const facts = typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts;
    expect(facts.deviceStolen).toBe(false);
  });

  it('a back link to a question not answered, not asked or unknown is ignored, never a 500', async () => {
    for (const back of ['insured', 'deviceStolen', 'nonsense', '']) {
      const res = await get(`/nl/incident/report?category=phishing_click&back=${back}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="awareDate"'); // the next open question, as without the parameter
    }
  });

  it('the result page speaks the page language only: countdown in words, Belgian time, sources by their local name', async () => {
    const base = {
      category: 'data_leak',
      ...brusselsWallClock(t.clock.now(), 1),
      ongoing: 'no',
      personalData: 'yes',
      dataKinds: 'contact',
      dataEncrypted: 'no',
      gdprRole: 'controller',
      nis2: 'out_of_scope',
      moneyLost: 'no',
      cardDataExposed: 'no',
      customerCardData: 'no',
      extortion: 'no',
      insured: 'no',
    };
    const q = new URLSearchParams(base);
    const expectations = {
      nl: {
        left: /nog 2\u00a0dagen en 2[23]\u00a0uur/,
        zone: 'Belgische tijd',
        source: 'AVG art. 33',
        site: 'https://www.gegevensbeschermingsautoriteit.be',
      },
      fr: {
        left: /il reste 2\u00a0jours et 2[23]\u00a0heures/,
        zone: 'heure belge',
        source: 'RGPD art. 33',
        site: 'https://www.autoriteprotectiondonnees.be',
      },
      de: {
        left: /noch 2\u00a0Tage und 2[23]\u00a0Stunden/,
        zone: 'belgische Zeit',
        source: 'DSGVO Art. 33',
        site: 'https://www.autoriteprotectiondonnees.be',
      },
    };
    for (const [lang, e] of Object.entries(expectations)) {
      const res = await get(`/${lang}/incident/report?${q}`);
      expect(res.statusCode, lang).toBe(200);
      const dpa = res.body.slice(res.body.indexOf('data-obligation="gdpr_dpa_notification"'));
      const item = dpa.slice(0, dpa.indexOf('</li>'));
      expect(item, lang).toMatch(e.left);
      expect(item, lang).toContain(e.zone);
      expect(item, lang).toContain(`>${e.source}</a>`);
      expect(item, lang).toContain(`href="${e.site}"`);
      // No language-neutral abbreviations or zone codes, and no English source left behind.
      expect(res.body, lang).not.toMatch(/\d d \d+ h|\d h \d+ min|CEST|MESZ|UTC\+|GDPR Art/);
    }
    const fr = await get(`/fr/incident/report?${q}`);
    expect(fr.body).toContain('Source\u00a0: <a'); // French: a no-break space before the colon
  });
});
