/** The composition root: configuration → database (migrated) → content → dependencies. */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { systemClock, type Clock } from '../adapters/clock.ts';
import { loadContent, type Content } from '../adapters/content.ts';
import { SecretBox } from '../adapters/crypto.ts';
import type { AppDeps } from '../app/deps.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { waitForDatabase } from '../db/wait.ts';
import { syncArticleIndex } from '../app/article-search.ts';
import { notifyJobs } from '../db/repositories/job.repository.ts';

export interface Runtime {
  deps: AppDeps;
  content: Content;
  database: Db;
  /** Connects deps.kickWorker to the worker that runs in this process. */
  setKick(fn: () => void): void;
  close(): Promise<void>;
}

/**
 * JSON lines for machines (production, or output not to a terminal); readable lines when a person watches the
 * terminal, as after `npm start` on a laptop. The redaction applies to both.
 */
export function createLogger(level: string, opts: { readable?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const options = {
    level,
    base: { service: 'schild' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  };
  if (!opts.readable) return opts.destination ? pino(options, opts.destination) : pino(options);
  return pino(options, pretty({ colorize: !opts.destination, sync: true, ...(opts.destination ? { destination: opts.destination } : {}), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service,reqId' }));
}

/** Readable log lines only for a person at a terminal, never in production. */
export function wantsReadableLogs(config: Config, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return config.env !== 'production' && stdout.isTTY === true;
}

export async function bootstrap(opts: { config?: Config; log?: Logger; clock?: Clock; migrate?: boolean } = {}): Promise<Runtime> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config.logLevel, { readable: wantsReadableLogs(config) });
  const content = loadContent();
  const database = openDatabase(config.database);
  // A start during a PostgreSQL outage waits for it (src/db/wait.ts) instead of exiting.
  if (database.dialect === 'postgres') {
    try {
      await waitForDatabase(database.db, log, { maxWaitMs: config.databaseWaitMs });
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(
      database.db,
      database.dialect,
      (indexes) => log.info({ indexes }, 'online indexes built'),
      (unknown) => log.warn({ unknown }, 'the database was migrated by a newer release; this one runs on it without migrating'),
    );
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    if (await syncArticleIndex({ db: database.db, dialect: database.dialect, clock: opts.clock ?? systemClock }, content.articles)) log.info('article search index rebuilt');
  }
  // On PostgreSQL the workers are other processes: a job enqueued here wakes them with NOTIFY (src/db/job-listener.ts).
  // A process with a worker of its own replaces this with a direct kick (setKick).
  let kick: () => void =
    database.dialect === 'postgres'
      ? () => {
          notifyJobs(database.db).catch((err: unknown) => log.debug({ err }, 'job wake-up not sent; workers will poll'));
        }
      : () => {};
  const deps: AppDeps = {
    db: database.db,
    dialect: database.dialect,
    clock: opts.clock ?? systemClock,
    config,
    secretBox: new SecretBox(config.sessionSecret),
    commonPasswords: content.commonPasswords,
    log,
    kickWorker: () => kick(),
  };
  return {
    deps,
    content,
    database,
    setKick: (fn) => {
      kick = fn;
    },
    close: () => database.close(),
  };
}
