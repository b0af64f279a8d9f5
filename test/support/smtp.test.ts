import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type SmtpSink } from './smtp.ts';

describe('test SMTP server', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.stop());

  it('listens on loopback', () => {
    expect(smtp.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('captures a mail sent with nodemailer', async () => {
    const transport = nodemailer.createTransport({ url: smtp.url });
    try {
      await transport.sendMail({
        from: 'Schild <noreply@schild.test>',
        to: 'owner@bakery.test',
        bcc: 'audit@schild.test',
        subject: 'Your Schild check — résultat',
        text: 'Hello,\nyour score is 7/10.\n',
        html: '<p>Hello, your score is <b>7/10</b>.</p>',
        headers: { 'X-Schild-Test': 'yes' },
      });
    } finally {
      transport.close();
    }
    const mail = await smtp.waitFor((m) => m.subject.startsWith('Your Schild check'));
    expect(mail.subject).toBe('Your Schild check — résultat');
    expect(mail.text).toContain('your score is 7/10.');
    expect(mail.html).toContain('<b>7/10</b>');
    expect(mail.from).toBe('noreply@schild.test');
    expect(mail.to.sort()).toEqual(['audit@schild.test', 'owner@bakery.test']);
    expect(mail.headers['x-schild-test']).toBe('yes');
    expect(mail.headers['bcc']).toBeUndefined();
  });

  it('accepts AUTH over plain text when the app is configured with credentials', async () => {
    const url = new URL(smtp.url);
    url.username = 'user';
    url.password = 'secret';
    const transport = nodemailer.createTransport({ url: url.toString() });
    try {
      await transport.sendMail({ from: 'a@schild.test', to: 'b@schild.test', subject: 'with auth', text: 'x' });
    } finally {
      transport.close();
    }
    await expect(smtp.waitFor((m) => m.subject === 'with auth', 5000)).resolves.toMatchObject({ to: ['b@schild.test'] });
  });

  it('waitFor times out with a list of what arrived', async () => {
    await expect(smtp.waitFor((m) => m.subject === 'never', 50)).rejects.toThrow(/no matching mail within 50 ms/);
  });
});
