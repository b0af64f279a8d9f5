/** Steps several browser tests share. Selectors use form field names, so they work in every language. */
import type { Page } from 'playwright-core';
import type { SmtpSink } from './smtp.ts';

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
