import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from './browser.ts';

// Same spirit as the app: no inline script, no eval.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body>${body}</body></html>`;

const PAGES: Record<string, string> = {
  '/good': page(
    'Accessible',
    `<header><a href="/good">Schild</a></header><main><h1>Where you stand</h1><p>Your bakery scores 7 out of 10.</p>` +
      `<img src="${PIXEL}" alt="Score chart"><form action="/good"><label for="email">Email</label><input id="email" name="email" type="email">` +
      `<button type="submit">Send me the report</button></form></main><footer><p>Schild</p></footer>`,
  ),
  '/bad': page(
    'Inaccessible',
    `<main><h1>Broken</h1><img src="${PIXEL}"><button type="button"></button></main>`,
  ),
  '/inline-script': page('Inline', `<main><h1>Inline</h1><script>document.title = 'ran';</script></main>`),
};

describe('browser helpers', () => {
  let server: http.Server;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = PAGES[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    context = await newContext(browser);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('passes an accessible page, under a strict CSP, without CSP violations', async () => {
    const p = await context.newPage();
    const csp = collectCspViolations(p);
    await p.goto(`${base}/good`);
    await checkAccessibility(p);
    await checkAccessibility(p); // axe injected once, reused
    expect(csp).toEqual([]);
    await p.close();
  });

  it('throws on serious/critical violations, naming rule and target', async () => {
    const p = await context.newPage();
    await p.goto(`${base}/bad`);
    const error = await checkAccessibility(p).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toMatch(/image-alt/);
    expect(error?.message).toMatch(/button-name/);
    expect(error?.message).toContain('img');
    await p.close();
  });

  it('can exclude parts of the page or disable rules', async () => {
    const p = await context.newPage();
    await p.goto(`${base}/bad`);
    await expect(checkAccessibility(p, { disableRules: ['image-alt', 'button-name'] })).resolves.toBeUndefined();
    await expect(checkAccessibility(p, { exclude: ['img', 'button'] })).resolves.toBeUndefined();
    await p.close();
  });

  it('collects CSP violations', async () => {
    const p = await context.newPage();
    const csp = collectCspViolations(p);
    await p.goto(`${base}/inline-script`);
    await expect.poll(() => csp.length).toBeGreaterThan(0);
    expect(csp[0]).toMatch(/inline script/i); // Chromium: "Executing inline script violates…" (older: "Refused to execute…")
    expect(await p.title()).toBe('Inline'); // the inline script really was blocked
    await p.close();
  });
});
