/**
 * Browser test helpers: headless Chromium through playwright-core, axe-core accessibility checks
 * and a collector for Content-Security-Policy violations.
 *
 * axe is injected with page.evaluate(), which Chromium runs through the DevTools protocol and does not
 * subject to the page's CSP. So pages keep their real, strict CSP (no bypassCSP), and CSP violations
 * caused by the app itself still show up in collectCspViolations().
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
] as const;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS], headless: true });
}

/** A fresh context with defaults for Schild's tests (the page's CSP is enforced; never bypassed). */
export async function newContext(browser: Browser, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', ...opts, bypassCSP: false });
}

let axeSource: string | undefined;
function getAxeSource(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

export interface AccessibilityOptions {
  /** CSS selectors to leave out of the check. */
  exclude?: string[];
  /** axe rule ids to switch off (say why in the test). */
  disableRules?: string[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page's current document and throws an Error
 * listing every serious or critical violation.
 */
export async function checkAccessibility(page: Page, options: AccessibilityOptions = {}): Promise<void> {
  // A page that reloads itself (live scan progress) can navigate while axe runs; then check the new document.
  for (let attempt = 1; ; attempt++) {
    try {
      return await runAxe(page, options);
    } catch (err) {
      const navigated = /Execution context was destroyed|navigation|Target page, context or browser has been closed/i.test(String((err as Error).message));
      if (!navigated || attempt >= 5 || page.isClosed()) throw err;
      await page.waitForLoadState('load');
    }
  }
}

async function runAxe(page: Page, options: AccessibilityOptions): Promise<void> {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!hasAxe) await page.evaluate(`${getAxeSource()}\n;undefined`);
  const violations = await page.evaluate(
    async ({ tags, exclude, disableRules }) => {
      type AxeResult = {
        violations: {
          id: string;
          impact?: string | null;
          help: string;
          helpUrl: string;
          nodes: { target: unknown[] }[];
        }[];
      };
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe;
      const context = exclude.length > 0 ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      }));
    },
    { tags: [...AXE_TAGS], exclude: options.exclude ?? [], disableRules: options.disableRules ?? [] },
  );
  const blocking = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length === 0) return;
  const lines = blocking.map((v) => {
    const more = v.targets.length > 3 ? ` (+${v.targets.length - 3} more)` : '';
    return `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.slice(0, 3).join('\n    ')}${more}\n    ${v.helpUrl}`;
  });
  throw new Error(`Accessibility violations on ${page.url()}:\n${lines.join('\n')}`);
}

/**
 * Starts collecting CSP violation messages from the page's console. Returns the (live) array; call it
 * before navigating and assert it is empty at the end of the test.
 */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('Content Security Policy')) violations.push(text);
  });
  return violations;
}

/** What a person would see as broken on a small screen: horizontal scrolling, or a chart label cut off. */
export async function layoutProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width) {
      // Name the innermost elements that stick out: those are the ones to fix.
      const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 1;
      const wide = Array.from(document.querySelectorAll('body *'))
        .filter((el) => sticksOut(el) && !Array.from(el.children).some(sticksOut))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`);
      out.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px window (${wide.join(', ')})`);
    }
    for (const svg of Array.from(document.querySelectorAll('svg'))) {
      const box = svg.getBoundingClientRect();
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const r = text.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(`chart label cut off: "${text.textContent ?? ''}"`);
      }
    }
    return out;
  });
}

/** Fails with the page's address and what sticks out when the page is wider than the window (WCAG 1.4.10 Reflow). */
export async function expectFitsTheScreen(page: Page): Promise<void> {
  const problems = (await layoutProblems(page)).filter((x) => x.startsWith('page is'));
  if (problems.length > 0) throw new Error(`${page.url()}: ${problems.join('; ')}`);
}
