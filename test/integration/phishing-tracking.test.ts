/**
 * Tracking of simulated phishing mails (docs/phishing.md): first-event times and events, machine requests set apart
 * (never a person's click), a plain 404 for unknown tokens, nothing recorded for finished campaigns, and never a typed
 * value in any table or log line.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { databaseText, FIREFOX, LogCapture, sentCampaign, staff } from '../support/phishing.ts';
import { TRACKED_PER_RECIPIENT } from '../../src/app/phishing-tracking.ts';

const H = { 'user-agent': FIREFOX };

describe.each(DIALECTS)('phishing tracking on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  const log = new LogCapture();
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { log: pino({ level: 'trace' }, log) });
    companyId = (await ownerWithCompany(t, `tracking-${dialect}@example.be`)).companyId;
  });
  afterAll(async () => t?.close());

  const recipient = (id: string) => t.runtime.deps.db.selectFrom('phishing_recipients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  // What happened after delivery (the sender's `delivered` event is left out).
  const events = async (id: string) => (await t.runtime.deps.db.selectFrom('phishing_events').select(['kind', 'reason']).where('recipient_id', '=', id).where('kind', '!=', 'delivered').orderBy('id').execute()).map((e) => (e.reason ? `${e.kind}:${e.reason}` : e.kind));

  it('answers unknown, malformed and overlong tokens with a plain 404 page, never a 500', async () => {
    for (const url of ['/p/AAAAAAAAAAAAAAAAAAAAAA', '/p/short', `/p/${'x'.repeat(190)}`, '/p/%3Cscript%3E', '/p/AAAAAAAAAAAAAAAAAAAAAA/pixel.gif', '/p/AAAAAAAAAAAAAAAAAAAAAA/learn', '/p/AAAAAAAAAAAAAAAAAAAAAA/a.css']) {
      const res = await t.app.inject({ method: 'GET', url, headers: H });
      expect(res.statusCode, url).toBe(404);
    }
    const b = new Browser(t.app);
    await b.get('/en/login');
    expect((await b.post('/p/AAAAAAAAAAAAAAAAAAAAAA', { x: '1' }, { headers: H })).statusCode).toBe(404);
  });

  it('records an open from the pixel once, as a 1×1 GIF that is never cached', async () => {
    const c = await sentCampaign(t, companyId, staff(1));
    const r = c.recipients[0]!;
    const res = await t.app.inject({ method: 'GET', url: `/p/${r.token}/pixel.gif`, headers: H });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    await t.app.inject({ method: 'GET', url: `/p/${r.token}/pixel.gif`, headers: H });
    expect((await recipient(r.id)).opened_at).not.toBeNull();
    expect(await events(r.id)).toEqual(['opened']);
  });

  it('sets machine requests apart with a reason and never sets opened or clicked (HEAD, prefetch, agent, range, too soon)', async () => {
    const c = await sentCampaign(t, companyId, [...staff(1), { email: `fresh-${dialect}@example.be`, name: null, language: 'en', sentAt: t.clock.now() }]);
    const [r, fresh] = [c.recipients[0]!, c.recipients[1]!];
    await t.app.inject({ method: 'HEAD', url: `/p/${r.token}`, headers: H });
    await t.app.inject({ method: 'GET', url: `/p/${r.token}`, headers: { ...H, 'sec-purpose': 'prefetch' } });
    await t.app.inject({ method: 'GET', url: `/p/${r.token}`, headers: { 'user-agent': 'Mozilla/5.0 (compatible; ms-office; MSOffice 16)' } });
    await t.app.inject({ method: 'GET', url: `/p/${r.token}/pixel.gif`, headers: H, remoteAddress: '40.107.3.4' });
    await t.app.inject({ method: 'GET', url: `/p/${fresh.token}`, headers: H });
    // A scanner that fetches the stylesheet too is still a scanner by its agent.
    await t.app.inject({ method: 'GET', url: `/p/${r.token}/a.css`, headers: { 'user-agent': 'Mozilla/5.0 HeadlessChrome/120' } });
    expect(await events(r.id)).toEqual(['scanner:head', 'scanner:prefetch', 'scanner:agent', 'scanner:range', 'scanner:agent']);
    expect(await events(fresh.id)).toEqual(['scanner:too_soon']);
    for (const id of [r.id, fresh.id]) {
      const row = await recipient(id);
      expect([row.opened_at, row.clicked_at, row.submitted_at]).toEqual([null, null, null]);
    }
  });

  it('counts a click only when the landing page loads its stylesheet; a page load alone stays unconfirmed', async () => {
    const c = await sentCampaign(t, companyId, staff(2));
    const [a, b] = [c.recipients[0]!, c.recipients[1]!];
    const page = await t.app.inject({ method: 'GET', url: `/p/${a.token}`, headers: H });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/p/${a.token}/a.css`);
    await t.app.inject({ method: 'GET', url: `/p/${b.token}`, headers: H });
    expect(await events(a.id)).toEqual(['scanner:no_assets']);
    const css = await t.app.inject({ method: 'GET', url: `/p/${a.token}/a.css`, headers: H });
    expect(css.headers['content-type']).toContain('text/css');
    expect(await events(a.id)).toEqual(['clicked']);
    expect((await recipient(a.id)).clicked_at).not.toBeNull();
    expect(await events(b.id)).toEqual(['scanner:no_assets']);
    expect((await recipient(b.id)).clicked_at).toBeNull();
    // A stylesheet fetched without a page load first is no click.
    const c2 = await sentCampaign(t, companyId, staff(1));
    await t.app.inject({ method: 'GET', url: `/p/${c2.recipients[0]!.token}/a.css`, headers: H });
    expect(await events(c2.recipients[0]!.id)).toEqual([]);
  });

  it('records at most 50 requests per recipient an hour, also in parallel, and still answers every one (ASVS §11.1.4)', async () => {
    const c = await sentCampaign(t, companyId, staff(1));
    const r = c.recipients[0]!;
    const count = async () => Number((await t.runtime.deps.db.selectFrom('phishing_events').select((e) => e.fn.countAll().as('n')).where('recipient_id', '=', r.id).where('kind', '!=', 'delivered').executeTakeFirstOrThrow()).n);
    const pages = await Promise.all(Array.from({ length: 80 }, () => t.app.inject({ method: 'GET', url: `/p/${r.token}`, headers: H })));
    expect(pages.map((p) => p.statusCode)).toEqual(Array.from({ length: 80 }, () => 200));
    expect(await count()).toBe(TRACKED_PER_RECIPIENT.max);
    // Beyond the limit a submit still leads to the lesson, and writes nothing.
    const b = new Browser(t.app);
    await b.get(`/p/${r.token}`, H);
    const submit = await b.post(`/p/${r.token}`, { x: '1' }, { headers: H });
    expect(submit.statusCode).toBe(303);
    expect(await count()).toBe(TRACKED_PER_RECIPIENT.max);
    expect((await recipient(r.id)).submitted_at).toBeNull();
    // Another recipient is not held back by this one.
    const other = (await sentCampaign(t, companyId, staff(1))).recipients[0]!;
    await t.app.inject({ method: 'GET', url: `/p/${other.token}/pixel.gif`, headers: H });
    expect(await events(other.id)).toEqual(['opened']);
  });

  it('records a submit but no typed value in any table or log line, then teaches in the recipient’s language', async () => {
    const c = await sentCampaign(t, companyId, [{ email: `nl-${dialect}@example.be`, name: 'An Peeters', language: 'nl' }]);
    const r = c.recipients[0]!;
    const secret = `typed-${dialect}-${Math.random().toString(36).slice(2)}-Zq9`;
    const b = new Browser(t.app);
    const landing = await b.get(`/p/${r.token}`, H);
    expect(landing.body).toContain('lang="nl"');
    // The form's fields have no name: a browser sends nothing typed (HTML form data set).
    expect(landing.body).not.toMatch(/<input(?![^>]*type="hidden")[^>]*\sname=/);
    await b.get(`/p/${r.token}/a.css`, H);
    const res = await b.post(`/p/${r.token}`, { email: secret, password: secret, [secret]: secret }, { headers: H });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/p/${r.token}/learn?submitted=1`);
    const learn = await b.get(String(res.headers.location), H);
    expect(learn.statusCode).toBe(200);
    expect(learn.body).toContain('Dit was een oefenmail');
    expect(learn.body).toContain('nergens bewaard');
    const row = await recipient(r.id);
    expect(row.submitted_at).not.toBeNull();
    expect(row.clicked_at).not.toBeNull();
    expect(await events(r.id)).toEqual(['clicked', 'submitted']);
    // Also a raw post in JSON and as a query: ignored, never stored or logged.
    await t.app.inject({ method: 'POST', url: `/p/${r.token}?v=${secret}`, headers: { ...H, 'content-type': 'application/json' }, payload: JSON.stringify({ password: secret }) });
    expect(await databaseText(t)).not.toContain(secret);
    expect(log.text).toContain('incoming request');
    expect(log.text).not.toContain(secret);
    // The link token and the address a click came from are not logged either.
    expect(log.text).toContain('"url":"/p/[redacted]/learn"');
    expect(log.text).not.toContain(r.token);
    expect(log.text).not.toMatch(/"url":"\/p\/[^"]*","host":"[^"]*","remoteAddress"/);
  });

  it('records the lesson once and nothing at all for a cancelled campaign, which still teaches', async () => {
    const c = await sentCampaign(t, companyId, staff(1));
    const r = c.recipients[0]!;
    expect((await t.app.inject({ method: 'GET', url: `/p/${r.token}/lesson`, headers: H })).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: `/p/${r.token}/lesson`, headers: H });
    expect(await events(r.id)).toEqual(['lesson']);

    const done = await sentCampaign(t, companyId, staff(1), { status: 'cancelled' });
    const d = done.recipients[0]!;
    const page = await t.app.inject({ method: 'GET', url: `/p/${d.token}`, headers: H });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This was a practice mail');
    await t.app.inject({ method: 'GET', url: `/p/${d.token}/pixel.gif`, headers: H });
    await t.app.inject({ method: 'GET', url: `/p/${d.token}/lesson`, headers: H });
    expect(await events(d.id)).toEqual([]);
    const row = await recipient(d.id);
    expect([row.opened_at, row.clicked_at]).toEqual([null, null]);
  });
});
