import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadContent } from '../adapters/content.ts';
import { SecretBox } from '../adapters/crypto.ts';
import { systemClock } from '../adapters/clock.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { buildApp } from '../http/app.ts';

/** Renders the OpenAPI document from the route schemas, against a throwaway in-memory database. */
export async function printOpenApi(): Promise<string> {
  // A fixed, throwaway configuration: the document must not depend on the caller's environment.
  const base = loadConfig({ DATA_DIR: path.join(tmpdir(), 'schild-openapi'), SESSION_SECRET: 'openapi-only-openapi-only-openapi-only-0000', LOG_LEVEL: 'silent' });
  const config = { ...base, database: { kind: 'sqlite' as const, file: ':memory:' } };
  const content = loadContent();
  const database = openDatabase(config.database);
  const app = await buildApp(
    {
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      config,
      secretBox: new SecretBox(config.sessionSecret),
      commonPasswords: content.commonPasswords,
      log: pino({ level: 'silent' }),
      kickWorker: () => {},
    },
    { nace: content.nace, assessment: content.assessment, incidents: content.incidents, scanMessages: content.scanMessages },
  );
  const doc = JSON.stringify(app.swagger(), null, 2);
  await app.close();
  await database.close();
  return doc;
}
