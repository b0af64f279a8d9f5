import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../adapters/clock.ts';
import type { SecretBox } from '../adapters/crypto.ts';
import type { Config } from '../config.ts';
import type { Dialect } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';

/** Everything a use case may touch, built once by the entrypoint and passed down (no globals). */
export interface AppDeps {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  secretBox: SecretBox;
  commonPasswords: ReadonlySet<string>;
  log: Logger;
  /** Wakes the in-process worker after a job is enqueued (no-op when workers run elsewhere). */
  kickWorker: () => void;
}

export type Result<T, E extends string> = ({ ok: true } & T) | { ok: false; error: E };
