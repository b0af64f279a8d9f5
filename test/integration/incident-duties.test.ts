/**
 * Incident duties and exports over HTTP (issue 8): the new facts on the triage API (older requests stay valid),
 * impossible dates refused, the wizard skipping what the company profile answers, the NIS2 final report following
 * the notification's tick (NIS2 Art. 23(4)(d)), expiring and renewable follow-up links, and a MISP export that MISP
 * accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { addMonthsBrussels, parseBrusselsWallClock } from '../../src/core/incidents/time.ts';
import { isAcceptedPair, isKnownMispTag } from '../fixtures/misp/misp-reference.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, PROFILE } from '../support/flows.ts';

const FACTS = {
  category: 'malware',
  awareAt: '2026-11-20T09:00:00+01:00',
  ongoing: false,
  personalData: 'no',
  specialCategoryData: false,
  dataEncrypted: false,
  gdprRole: 'controller',
  nis2: 'important',
  moneyLost: false,
  cardDataExposed: false,
  extortion: false,
  insured: false,
};
type Ob = { id: string; mandatory: boolean; reason: string; authority: string; dueAt: string | null };

function wall(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');
}

describe('triage API: the facts added by issue 8', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());
  const triage = async (facts: Record<string, unknown>, lang = 'en') => t.app.inject({ method: 'POST', url: '/api/v1/incidents/triage', payload: { lang, facts } });

  it('an older request (no significantImpact) stays valid and, when in doubt, keeps the NIS2 duties mandatory (NIS2 Art. 23)', async () => {
    const res = await triage(FACTS);
    expect(res.statusCode).toBe(200);
    const nis2 = (res.json().obligations as Ob[]).filter((o) => o.id.startsWith('nis2_'));
    expect(nis2.map((o) => [o.id, o.mandatory, o.reason])).toEqual([
      ['nis2_early_warning', true, 'when_in_doubt'],
      ['nis2_notification', true, 'when_in_doubt'],
      ['nis2_final_report', true, 'when_in_doubt'],
    ]);
    // The CCB's NIS2 platform and emergency line, for a NIS2 entity only.
    expect(res.json().contacts.find((c: { id: string }) => c.id === 'ccb_nis2')).toMatchObject({ phone: '+32 2 501 05 60' });
    const small = await triage({ ...FACTS, nis2: 'out_of_scope' });
    expect(small.json().contacts.map((c: { id: string }) => c.id)).not.toContain('ccb_nis2');
    expect(small.json().contacts.find((c: { id: string }) => c.id === 'cert_be')).toMatchObject({ phone: null, email: 'info@ccb.belgium.be' });
  });

  it('not significant: no mandatory NIS2 duty, a voluntary notification offered', async () => {
    const obligations = (await triage({ ...FACTS, significantImpact: 'no' })).json().obligations as Ob[];
    expect(obligations.filter((o) => o.id.startsWith('nis2_'))).toEqual([]);
    expect(obligations.find((o) => o.id === 'certbe_voluntary')).toMatchObject({ mandatory: false, reason: 'not_significant' });
  });

  it("customers' card data: the payment service provider, not Card Stop; informing customers proposed", async () => {
    const body = (await triage({ ...FACTS, category: 'website_compromise', nis2: 'out_of_scope', customerCardData: true })).json();
    const ids = (body.obligations as Ob[]).map((o) => o.id);
    expect(body.obligations.find((o: Ob) => o.id === 'payment_provider')).toMatchObject({ authority: 'payment_provider', mandatory: true });
    expect(ids).not.toContain('card_stop');
    expect(body.obligations.find((o: Ob) => o.id === 'customers_notice')).toMatchObject({ mandatory: false });
    expect(body.contacts.map((c: { id: string }) => c.id)).toContain('payment_provider');
  });

  it('data kinds decide whether the people concerned must be told (GDPR Art. 34)', async () => {
    const told = (await triage({ ...FACTS, nis2: 'out_of_scope', personalData: 'yes', dataKinds: ['national_id'] })).json().obligations as Ob[];
    expect(told.find((o) => o.id === 'gdpr_data_subjects')).toMatchObject({ mandatory: true });
    const contact = (await triage({ ...FACTS, nis2: 'out_of_scope', personalData: 'yes', dataKinds: ['contact'] })).json().obligations as Ob[];
    expect(contact.map((o) => o.id)).not.toContain('gdpr_data_subjects');
    expect((await triage({ ...FACTS, dataKinds: ['shoe_size'] })).statusCode).toBe(400);
  });

  it('impossible, far-future and ancient moments get a clear message, never a deadline', async () => {
    for (const [awareAt, message] of [
      ['2026-02-30T10:00:00+01:00', null],
      ['2026-01-01T24:60:00+01:00', null],
      ['0001-01-01T00:00:00Z', 'ten years'],
      ['2999-01-01T00:00:00Z', 'future'],
    ] as const) {
      const res = await triage({ ...FACTS, awareAt });
      expect(res.statusCode, awareAt).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().obligations).toBeUndefined();
      if (message) expect(JSON.stringify(res.json()), awareAt).toContain(message);
    }
    expect((await triage({ ...FACTS, awareAt: '0001-01-01T00:00:00Z' }, 'fr')).json().error.issues[0].message).toMatch(/dix ans/);
  });
});

describe('INCIDENT_LINK_TTL_MONTHS', () => {
  it('defaults to 12 months, is configurable, and refuses nonsense', () => {
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '.tmp/config-test' }).incidentLinkTtlMonths).toBe(12);
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '.tmp/config-test', INCIDENT_LINK_TTL_MONTHS: '3' }).incidentLinkTtlMonths).toBe(3);
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '.tmp/config-test', INCIDENT_LINK_TTL_MONTHS: '0' })).toThrow(ConfigError);
  });
});

describe.each(DIALECTS)('incident duties on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('the wizard refuses a date or time that does not exist and shows no duties', async () => {
    const b = new Browser(t.app);
    for (const [awareDate, awareTime] of [
      ['2026-02-30', '10:00'],
      ['2026-03-10', '24:60'],
      ['0001-01-01', '10:00'],
    ] as const) {
      const q = new URLSearchParams({ category: 'malware', awareDate, awareTime, awareAtCombined: '1', ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'no', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' });
      const page = await b.get(`/en/incident/report?${q}`);
      expect(page.statusCode, awareDate).toBe(400);
      expect(page.body).toContain('id="f-awareAt"');
      expect(page.body).toMatch(/does not exist|more than ten years/);
      expect(page.body).not.toContain('data-obligation=');
    }
    // Saving such answers directly stores nothing (the CSRF token comes from a result page, as in a browser).
    await b.get(`/en/incident/report?${new URLSearchParams({ category: 'malware', awareAt: wall(t.clock.now()), ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'no', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' })}`);
    const saved = await b.post('/en/incident/save', { category: 'malware', awareAt: '2026-02-30T10:00', ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'no', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' });
    expect(saved.statusCode).toBe(303);
    expect(String(saved.headers.location)).toBe('/en/incident/report');
    const n = await t.runtime.deps.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('the profile answers NIS2 status and card payments, so the wizard does not ask them; the final report follows the notification', async () => {
    const { b, companyId } = await ownerWithCompany(t, `nis2-${dialect}@example.be`);
    await b.get(`/en/companies/${companyId}/profile`);
    const saved = await b.post(`/en/companies/${companyId}/profile`, { ...PROFILE, nis2Status: 'important' });
    expect(saved.statusCode).toBe(303);
    expect((await b.get(`/en/companies/${companyId}`)).body).toContain('Yes, as an important entity');

    const aware = t.clock.now();
    const answers: Record<string, string> = { category: 'malware', ongoing: 'yes', personalData: 'no', significantImpact: 'yes', moneyLost: 'no', cardDataExposed: 'no', extortion: 'no', insured: 'no' };
    let q: Record<string, string> = { company: companyId };
    const asked: string[] = [];
    for (let i = 0; i < 20; i++) {
      const page = await b.get(`/en/incident/report?${new URLSearchParams(q)}`);
      const name = /<fieldset class="field" id="f-([a-zA-Z0-9]+)"/.exec(page.body)?.[1];
      if (!name) {
        expect(page.body).toContain('data-obligation="nis2_early_warning"');
        expect(page.body).toContain('Filled in from your company profile');
        break;
      }
      asked.push(name);
      const hidden = Object.fromEntries([...page.body.matchAll(/<input type="hidden" name="([a-zA-Z0-9]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      q = { ...hidden, ...(name === 'awareAt' ? { awareDate: wall(aware).slice(0, 10), awareTime: wall(aware).slice(11), awareAtCombined: '1' } : { [name]: answers[name]! }) };
    }
    expect(asked).toContain('significantImpact');
    expect(asked).not.toContain('nis2');
    expect(asked).not.toContain('customerCardData'); // the profile says: no card payments

    const created = await b.post(`/en/companies/${companyId}/incidents`, { ...answers, nis2: 'important', customerCardData: 'no', awareAt: wall(aware) });
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location).split('?')[0]!;
    const incidentId = url.split('/').pop()!;
    const finalDue = async () => {
      const row = await t.runtime.deps.db.selectFrom('incidents').select('triage').where('id', '=', incidentId).executeTakeFirstOrThrow();
      return (JSON.parse(row.triage).obligations as Ob[]).find((o) => o.id === 'nis2_final_report')!.dueAt;
    };
    // Until the notification is sent, it is assumed sent at once (one month after awareness, minute precision).
    expect(await finalDue()).toBe(addMonthsBrussels(parseBrusselsWallClock(wall(aware)) as Date, 1).toISOString());

    // Two days later the owner ticks the notification as sent: the final report is due one month after that moment.
    t.clock.advance(2 * 24 * 3_600_000);
    await b.get(url);
    expect((await b.post(`${url}/tick`, { kind: 'obligation', item: 'nis2_notification', done: 'yes', reference: 'CCB-77' })).statusCode).toBe(303);
    const due = await finalDue();
    const tickRow = await t.runtime.deps.db.selectFrom('incident_ticks').select('done_at').where('incident_id', '=', incidentId).where('item_id', '=', 'nis2_notification').executeTakeFirstOrThrow();
    expect(due).toBe(addMonthsBrussels(new Date(tickRow.done_at), 1).toISOString());
    expect(new Date(due!).getTime()).toBeGreaterThan(addMonthsBrussels(aware, 1).getTime() + 24 * 3_600_000);
    const jobs = await t.runtime.deps.db.selectFrom('jobs').select('payload').where('type', '=', 'incident-reminder').execute();
    expect(jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.incidentId === incidentId && p.obligationId === 'nis2_final_report' && p.dueAt === due)).toHaveLength(2);
    expect((await b.get(url)).body).toContain('data-obligation="nis2_final_report"');
  });

  it('an anonymous follow-up link expires after the configured months and can be renewed from its page', async () => {
    const b = new Browser(t.app);
    const answers = { category: 'phishing_click', awareAt: wall(t.clock.now()), ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'no', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' };
    expect((await b.get(`/en/incident/report?${new URLSearchParams(answers)}`)).body).toContain('data-obligation=');
    const saved = await b.post('/en/incident/save', answers);
    expect(saved.statusCode).toBe(303);
    const base = String(saved.headers.location).split('?')[0]!;
    const page = await b.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="follow-link-renew"');

    t.clock.advance(11 * 30 * 24 * 3_600_000); // eleven months on: still open, renew it
    expect((await b.get(base)).statusCode).toBe(200);
    expect((await b.post(`${base}/renew`, {})).statusCode).toBe(303);
    t.clock.advance(2 * 30 * 24 * 3_600_000); // past the first twelve months: the renewed link still works
    expect((await b.get(base)).statusCode).toBe(200);
    t.clock.advance(12 * 30 * 24 * 3_600_000); // past the renewed period: expired, plainly said, nothing shown
    const expired = await b.get(base);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('has expired');
    expect(expired.body).not.toContain('data-obligation=');
    expect((await b.post(`${base}/update`, { text: 'late update' })).statusCode).toBe(410);
    expect((await b.post(`${base}/renew`, {})).statusCode).toBe(410);
  });

  it('the MISP export of a saved incident uses only MISP taxonomy tags and accepted category/type pairs', async () => {
    const { b, companyId } = await ownerWithCompany(t, `misp-${dialect}@example.be`);
    const created = await b.post(`/en/companies/${companyId}/incidents`, { category: 'helpdesk_scam', awareAt: wall(t.clock.now()), ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'yes', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' });
    const url = String(created.headers.location).split('?')[0]!;
    await b.get(url);
    await b.post(`${url}/details`, { iocs: 'BE71 0961 2345 6769\n+32 470 12 34 56\nhttps://support-desk.example/remote\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    const event = JSON.parse((await b.post(`${url}/misp`, {})).body).Event as { Tag: { name: string }[]; Attribute: { type: string; category: string }[] };
    for (const tag of event.Tag) expect(isKnownMispTag(tag.name), tag.name).toBe(true);
    expect(event.Tag.map((x) => x.name)).toContain('veris:action:social:variety="Scam"');
    for (const a of event.Attribute) expect(isAcceptedPair(a.category, a.type), `${a.category}/${a.type}`).toBe(true);
    expect(event.Attribute.map((a) => a.type).sort()).toEqual(['iban', 'phone-number', 'sha256', 'url']);
  });
});
