/** Phishing test helpers: a campaign as it stands after sending, and a search through every table for a value. */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { seedSentCampaign, type SeedPerson } from '../../src/app/phishing-seed.ts';
import type { TestApp } from './app.ts';

export { recipientToken } from '../../src/app/phishing-token.ts';

export const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

export async function ownerIdOf(t: TestApp, companyId: string): Promise<string> {
  return (await t.runtime.deps.db.selectFrom('memberships').select('user_id').where('company_id', '=', companyId).where('role', '=', 'owner').executeTakeFirstOrThrow()).user_id;
}

/** A sent campaign; mails delivered an hour ago (well past the scanner delay) unless a person says otherwise. */
export async function sentCampaign(t: TestApp, companyId: string, people: SeedPerson[], opts: { templateId?: string; status?: 'scheduled' | 'sending' | 'sent' | 'cancelled'; name?: string; startsAt?: Date } = {}) {
  const deps = t.runtime.deps;
  return seedSentCampaign(deps, {
    companyId,
    createdBy: await ownerIdOf(t, companyId),
    name: opts.name ?? 'Test campaign',
    templateId: opts.templateId ?? 'test-template',
    domain: 'example.be',
    startsAt: opts.startsAt ?? new Date(deps.clock.now().getTime() - 3_600_000),
    ...(opts.status ? { status: opts.status } : {}),
    people,
  });
}

export const staff = (n: number, group = '', language: SeedPerson['language'] = 'en'): SeedPerson[] =>
  Array.from({ length: n }, (_, i) => ({ email: `${group || 'staff'}${i}-${Math.random().toString(36).slice(2, 8)}@example.be`, name: `Person ${i}`, language, group }));

/** Every text of every table of the database, for "this value is nowhere" checks. */
export async function databaseText(t: TestApp): Promise<string> {
  const db = t.runtime.deps.db;
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql`select * from ${sql.table(table.name)}`.execute(db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

/** Collects what pino writes, as it would be written. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}
