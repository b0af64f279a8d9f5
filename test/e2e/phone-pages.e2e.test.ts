/**
 * Issue 9, "Done when": signed in as the demo owner (whose company holds every kind of data), visit every page
 * reachable from the company home, at 360 px and on a desktop, and fail on any page wider than the viewport, any chart
 * label cut off, and any axe-core serious or critical violation (WCAG 2.1 AA, reflow: WCAG 1.4.10). The same pages
 * are then checked in French and German at 360 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, layoutProblems, newContext } from '../support/browser.ts';
import { logInWithForm, startDemoE2eServer } from '../support/e2e-flows.ts';

/** Links that are not pages to look at: files, signing out, and pages of other people or the public site. */
const SKIP = /\.(pdf|csv|json)(\?|$)|[?&]format=(pdf|csv|json)\b|\/logout|\/export|\/misp|\/api\//;
const MAX_PAGES = 60;

interface Problem {
  url: string;
  problem: string;
}

describe('every page from the demo company home, on a phone and a desktop', () => {
  let server: RunningServer;
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof startDemoE2eServer>>['demo'];
  let companyId: string;

  beforeAll(async () => {
    ({ server, demo, companyId } = await startDemoE2eServer());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const logIn = (p: Page, lang: string) => logInWithForm(p, server.url, lang, demo.ownerEmail, demo.password);

  /** Follows same-site links from the home, breadth first, staying inside the company and the incident pages. */
  async function crawl(p: Page, lang: string): Promise<{ visited: string[]; problems: Problem[] }> {
    const home = `/${lang}/companies/${companyId}`;
    const queue = [home];
    const seen = new Set(queue);
    const problems: Problem[] = [];
    const visited: string[] = [];
    while (queue.length > 0 && visited.length < MAX_PAGES) {
      const path = queue.shift()!;
      const res = await p.goto(`${server.url}${path}`);
      visited.push(path);
      if (!res || res.status() >= 400) {
        problems.push({ url: path, problem: `status ${res?.status()}` });
        continue;
      }
      for (const problem of await layoutProblems(p)) problems.push({ url: path, problem });
      try {
        await checkAccessibility(p);
      } catch (err) {
        problems.push({ url: path, problem: (err as Error).message });
      }
      const links = await p.$$eval('main a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      for (const href of links) {
        const clean = href.split('#')[0]!;
        if (!clean.startsWith(`/${lang}/`) || SKIP.test(clean) || seen.has(clean)) continue;
        if (!clean.startsWith(home) && !clean.startsWith(`/${lang}/incident`)) continue;
        seen.add(clean);
        queue.push(clean);
      }
    }
    return { visited, problems };
  }

  it.each([
    ['nl', 360],
    ['nl', 1280],
    ['fr', 360],
    ['de', 360],
  ] as const)('%s at %i px: no page wider than the screen, no chart label cut off, no serious axe violation', async (lang, width) => {
    const ctx = await newContext(browser, { viewport: { width, height: 800 } });
    const p = await ctx.newPage();
    const csp = collectCspViolations(p);
    await logIn(p, lang);
    const { visited, problems } = await crawl(p, lang);
    // The home links to results, incidents, domains, members and more: the walk must reach them all.
    expect(visited.length).toBeGreaterThanOrEqual(10);
    for (const part of ['/results', '/incidents/', '/domains', '/members', '/assessment']) expect(visited.some((v) => v.includes(part)), part).toBe(true);
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
    await ctx.close();
  }, 240_000);
});
