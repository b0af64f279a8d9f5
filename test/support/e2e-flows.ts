/** Steps several browser tests share. Selectors use form field names, so they work in every language. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Clock } from '../../src/adapters/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/entrypoints/demo.ts';
import { startServer, type RunningServer } from '../../src/entrypoints/server.ts';
import type { SmtpSink } from './smtp.ts';
import { clusterTopologyWanted, startClusterServer } from './cluster.ts';

/**
 * The real server on a random loopback port with a fresh SQLite file; e-mail links point at that port.
 * With SCHILD_E2E_TOPOLOGY=cluster: three web processes and two workers on one PostgreSQL database behind a
 * round-robin proxy (test/support/cluster.ts); server.url is then the proxy's address.
 */
export async function startE2eServer(opts: { env?: Record<string, string>; clock?: Clock; workerPollMs?: number } = {}): Promise<RunningServer> {
  if (clusterTopologyWanted()) return startClusterServer(opts);
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-e2e-')), LOG_LEVEL: 'silent', ...opts.env });
  const server = await startServer({ config, workerPollMs: opts.workerPollMs ?? 200, ...(opts.clock ? { clock: opts.clock } : {}) });
  // BASE_URL is used in e-mail links; the port is only known after listening.
  server.runtime.deps.config.baseUrl = server.url;
  return server;
}

/** Signs up in the given language, opens the verification link from the SMTP server, and logs in. */
export async function signUpVerifyAndLogIn(p: Page, base: string, smtp: SmtpSink, lang: string, user: { name: string; email: string; password: string }): Promise<void> {
  await p.goto(`${base}/${lang}/signup`);
  await p.locator('#f-displayName').fill(user.name);
  await p.locator('#f-email').fill(user.email);
  await p.locator('#f-password').fill(user.password);
  await p.locator('main form[action$="/signup"] button[type=submit]').click();
  const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.text.includes('verify-email'), 15_000);
  await p.goto(/https?:\/\/\S*verify-email\S*/.exec(mail.text)![0]);
  await p.locator('#f-email').fill(user.email);
  await p.locator('#f-password').fill(user.password);
  await p.locator('main form[action$="/login"] button[type=submit]').click();
  await p.waitForURL(`${base}/${lang}/account`);
}

/** Logs in through the form of the given language (a verified account without two-step log-in) and waits for the account page. */
export async function logInWithForm(p: Page, base: string, lang: string, email: string, password: string): Promise<void> {
  await p.goto(`${base}/${lang}/login`);
  await p.locator('#f-email').fill(email);
  await p.locator('#f-password').fill(password);
  await p.locator('main form[action$="/login"] button[type=submit]').click();
  await p.waitForURL(/\/account$/);
}

/** The real server with the demo company (`schild demo`): every kind of data, for tests that look at pages. */
export async function startDemoE2eServer(): Promise<{ server: RunningServer; demo: Awaited<ReturnType<typeof seedDemo>>; companyId: string }> {
  const server = await startE2eServer();
  const rt = server.runtime;
  const demo = await seedDemo(rt.deps, rt.content.assessment, rt.content.incidents);
  const companyId = (await rt.deps.db.selectFrom('companies').select('id').where('name', '=', demo.companyName).executeTakeFirstOrThrow()).id;
  return { server, demo, companyId };
}
