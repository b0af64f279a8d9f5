/**
 * The staff list page shows a long list a page at a time (PEOPLE_PAGE_SIZE people), with plain links to the previous
 * and next page, so a list of thousands (up to STAFF_LIST_MAX) neither floods a phone nor costs the server thousands of
 * rows per view. WCAG 2.2 SC 2.4.8 (Location: "Page 2 of 3") and SC 2.4.4 (link purpose from the text); works without
 * JavaScript. A page number past the last shows the last page; anything else that is not a page number shows the first.
 * On SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_PAGE_SIZE } from '../../src/app/people.ts';
import { insertPeople } from '../../src/db/repositories/people.repository.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

const TOTAL = 2 * PEOPLE_PAGE_SIZE + 50;

/** The addresses in the list's table, in the order shown. */
function rows(body: string): string[] {
  const table = /<table[^>]*data-testid="people"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
  return [...table.matchAll(/<td data-label="[^"]*">(p\d{3}@pages\.test)/g)].map((m) => m[1]!);
}
const pager = (body: string) => /<nav class="pager"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? '';

describe.each(DIALECTS)('the staff list page, a page at a time, on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const o = await ownerWithCompany(t, `people-pages-${dialect}@example.be`);
    owner = o.b;
    base = `/en/companies/${o.companyId}/people`;
    const now = new Date().toISOString();
    await insertPeople(
      t.runtime.deps.db,
      Array.from({ length: TOTAL }, (_, i) => ({ id: randomUUID(), companyId: o.companyId, email: `p${String(i).padStart(3, '0')}@pages.test`, displayName: null, language: 'en', group: '', pseudonym: `G-${i}`, createdAt: now })),
    );
  }, 60_000);
  afterAll(async () => t?.close());

  it('shows the first page with the size of the whole list and a link to the next page only', async () => {
    const res = await owner.get(base);
    expect(res.statusCode).toBe(200);
    expect(rows(res.body)).toEqual(Array.from({ length: PEOPLE_PAGE_SIZE }, (_, i) => `p${String(i).padStart(3, '0')}@pages.test`));
    expect(res.body).toContain(`${TOTAL} people on the list`);
    const nav = pager(res.body);
    expect(nav).toContain('Page 1 of 3');
    expect(nav).toContain(`href="${base}?page=2" rel="next"`);
    expect(nav).not.toContain('rel="prev"');
  });

  it('walks to the last page, which holds the rest and links back', async () => {
    const second = await owner.get(`${base}?page=2`);
    expect(rows(second.body)[0]).toBe(`p${PEOPLE_PAGE_SIZE}@pages.test`);
    expect(pager(second.body)).toContain(`href="${base}" rel="prev"`);
    expect(pager(second.body)).toContain(`href="${base}?page=3" rel="next"`);
    const last = await owner.get(`${base}?page=3`);
    expect(rows(last.body)).toEqual(Array.from({ length: 50 }, (_, i) => `p${2 * PEOPLE_PAGE_SIZE + i}@pages.test`));
    expect(pager(last.body)).toContain('Page 3 of 3');
    expect(pager(last.body)).not.toContain('rel="next"');
  });

  it('reads a page past the last as the last, and anything else as the first, in the reader\'s language', async () => {
    expect(rows((await owner.get(`${base}?page=99`)).body)).toHaveLength(50);
    for (const q of ['page=0', 'page=-1', 'page=abc', 'page=1e3', 'page=9999999', 'page[]=2']) {
      const res = await owner.get(`${base}?${q}`);
      expect(res.statusCode).toBe(200);
      expect(rows(res.body)[0]).toBe('p000@pages.test');
    }
    const nl = await owner.get(base.replace('/en/', '/nl/') + '?page=2');
    // The pager sits outside the table's sideways scroller, so it stays on screen on a phone.
    expect(/<div class="table-scroll">(?:(?!<\/div>)[\s\S])*data-testid="pager"/.test(nl.body)).toBe(false);
    expect(pager(nl.body)).toContain('Pagina 2 van 3');
    expect(pager(nl.body)).toContain('Volgende pagina');
  });
});
