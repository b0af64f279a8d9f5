/**
 * The company menu on a phone: the everyday pages stay in sight and the rest fold under "More", a plain <details>
 * that works without JavaScript and is open when the current page is one of them (phone first: nothing should push
 * the page itself below the fold).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ownerWithCompany } from '../support/flows.ts';

describe('company menu', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  const menuOf = (html: string) => /<nav aria-label="Company menu">([\s\S]*?)<\/nav>/.exec(html)![1]!;
  const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!.replace(/^\/en\/companies\/[0-9a-f-]{36}/, ''));

  it('shows five everyday links, folds the rest under a closed "More", and opens it on one of those pages', async () => {
    const { b, companyId } = await ownerWithCompany(t, 'nav@example.be');
    const home = menuOf((await b.get(`/en/companies/${companyId}`)).body);
    const [first, more] = home.split('<details');
    expect(hrefs(first!)).toEqual(['', '/assessment', '/results', '/incidents', '/domains']);
    expect(more).toMatch(/^ class="nav-more"><summary>More<\/summary>/);
    expect(hrefs(more!)).toEqual(expect.arrayContaining(['/software', '/insurance', '/providers', '/members', '/audit']));
    const software = menuOf((await b.get(`/en/companies/${companyId}/software`)).body);
    expect(software).toContain('<details class="nav-more" open');
    expect(software).toMatch(/<a href="[^"]+\/software" aria-current="page">/);
  });
});
