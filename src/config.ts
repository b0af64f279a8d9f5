/**
 * Configuration comes only from environment variables (twelve-factor). Secrets that are not given are
 * generated on first start and kept in DATA_DIR/secrets.json (mode 0600), so `npm start` needs nothing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * A whole number between `min` and `max` read from the environment, with one plain message for every way it can be
 * wrong (not a number, a fraction, out of range): "NAME must be a whole number of <unit> between <min> and <max>, e.g. <example>".
 */
function wholeNumber(name: string, unit: string, min: number, max: number, example: number) {
  const error = `${name} must be a whole number of ${unit} between ${min} and ${max}, e.g. ${example}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  // Connections each process may hold open to PostgreSQL (docs/operations.md "Many processes": the sum over all
  // processes must stay under the server's max_connections).
  DATABASE_POOL_MAX: wholeNumber('DATABASE_POOL_MAX', 'connections', 1, 500, 10).optional(),
  // How long a starting process waits for PostgreSQL to answer before it gives up (src/db/wait.ts).
  DATABASE_WAIT_SECONDS: wholeNumber('DATABASE_WAIT_SECONDS', 'seconds', 0, 86_400, 300).default(300),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Schild <no-reply@schild.localhost>'),
  SESSION_SECRET: z.string().min(32).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Which proxies may say who the client is (X-Forwarded-For): nothing, a number of hops, or their addresses.
  TRUST_PROXY: z.string().optional().transform((v, ctx) => {
    const parsed = parseTrustProxy(v);
    if (typeof parsed === 'string') ctx.issues.push({ code: 'custom', message: parsed, input: v });
    return typeof parsed === 'string' ? z.NEVER : parsed;
  }),
  IN_PROCESS_WORKER: boolish.optional(),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().min(1).default(20),
  // How long an anonymous incident report's private follow-up link works; it can be renewed from its page.
  INCIDENT_LINK_TTL_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  // Phishing simulations: months before per-person results are deleted, and how soon after delivery a request on a
  // simulated link is taken as a mail scanner's rather than a person's (docs/phishing.md).
  PHISHING_RETENTION_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
  PHISHING_SCANNER_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  // How long a claimed job (and a phishing run's claim on its recipients) may stay silent before another worker takes
  // it over: the recovery time after a worker is killed (docs/operations.md, "Crashes and duplicates").
  JOB_LEASE_SECONDS: z.coerce.number().int().min(2).max(86_400).default(300),
  // Jobs one worker runs at the same time (docs/operations.md, "Many processes"): scans and mail mostly wait on the
  // network, so one process keeps several going.
  WORKER_CONCURRENCY: wholeNumber('WORKER_CONCURRENCY', 'jobs', 1, 64, 8).default(8),
  // Days a finished (done or failed) job stays in the queue table before the daily purge (docs/operations.md).
  JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  // Scanner test settings: point the scanner at local servers. Refused in production.
  SCAN_RESOLVER: z.string().regex(/^[\w.:[\]-]+:\d+$/).optional(),
  SCAN_ALLOW_PRIVATE: boolish.optional(),
  SCAN_PORT_MAP: z.string().regex(/^(\d+=\d+)(,\d+=\d+)*$/).optional(),
  SCAN_CA_FILE: z.string().optional(),
  // The report address receiver (`schild mail-in`, docs/mail-in.md).
  MAIL_IN_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i).optional(),
  MAIL_IN_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  MAIL_IN_HOST: z.string().min(1).default('127.0.0.1'),
  MAIL_IN_TLS_KEY: z.string().optional(),
  MAIL_IN_TLS_CERT: z.string().optional(),
  SAFEONWEB_REPORT_ADDRESS: z.email().default('suspicious@safeonweb.be'),
  // Simulated phishing mail: its own SMTP relay if wanted (default SMTP_URL), and the domain of its sender addresses.
  PHISHING_SMTP_URL: z.string().optional(),
  PHISHING_FROM_DOMAIN: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i).optional(),
  // Demo and test deployments only: allow `schild seed-synthetic` and count synthetic companies in the figures.
  // Refused in production, so real figures never mix with made-up ones (docs/operations.md).
  SYNTHETIC_DATA: boolish.optional(),
});

/**
 * Who may say who the client is. X-Forwarded-For is written by whoever sends the request, so only entries added by
 * proxies we run can be believed, counted from the right (RFC 7239 §7.4 and §8.3: the header is easily forged;
 * OWASP ASVS 4.0.3 §11.1.4 limits are worthless when the client picks its own address). `none`: the socket's
 * address. `hops`: that many proxies in front, each adding the address it saw; `legacyTrue` when set as `true`/`yes`,
 * which once trusted every entry and is now read as 1 hop. `addresses`: proxies known by address or CIDR range.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number; legacyTrue: boolean } | { kind: 'addresses'; addresses: string[] };

export const TRUST_PROXY_MAX_HOPS = 10;
const TRUST_PROXY_HELP = `TRUST_PROXY must be false, a number of proxies in front of Schild from 1 to ${TRUST_PROXY_MAX_HOPS} (e.g. 1), or a comma-separated list of proxy addresses or CIDR ranges (e.g. 10.0.0.0/8,192.0.2.7)`;
/** Names @fastify/proxy-addr knows for common ranges (127.0.0.0/8 and ::1; 169.254.0.0/16 and fe80::/10; private). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || address.includes('%') || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Reads TRUST_PROXY; a string is the message for a value that cannot be read. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const v = (value ?? '').trim();
  const word = v.toLowerCase();
  if (['', '0', 'false', 'no'].includes(word)) return { kind: 'none' };
  if (word === 'true' || word === 'yes') return { kind: 'hops', hops: 1, legacyTrue: true };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= TRUST_PROXY_MAX_HOPS ? { kind: 'hops', hops, legacyTrue: false } : `${TRUST_PROXY_HELP}; got ${v}`;
  }
  const addresses = v.split(',').map((a) => a.trim());
  const wrong = addresses.find((a) => !isProxyAddress(a));
  return wrong === undefined ? { kind: 'addresses', addresses } : `${TRUST_PROXY_HELP}; "${wrong}" is not an address or CIDR range`;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** On PostgreSQL, `max` is the connection pool size of this process (DATABASE_POOL_MAX, default 10). */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; max?: number };
  /** How long a starting process waits for PostgreSQL (DATABASE_WAIT_SECONDS, default 300 s). */
  databaseWaitMs: number;
  baseUrl: string;
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  metricsPort: number | undefined;
  metricsToken: string | undefined;
  logLevel: string;
  /** The proxies trusted to name the client in X-Forwarded-For (TRUST_PROXY; see parseTrustProxy). */
  trustProxy: TrustProxy;
  inProcessWorker: boolean;
  rateLimits: { loginPerAccount: number; loginPerIp: number };
  incidentLinkTtlMonths: number;
  phishingRetentionMonths: number;
  phishingScannerDelaySeconds: number;
  /** Job lease: a job or recipient claim older than this is taken over by another worker (its worker died). */
  jobLeaseMs: number;
  /** Jobs one worker runs at once (WORKER_CONCURRENCY); on PostgreSQL at most half its pool (runner.ts). */
  workerConcurrency: number;
  jobRetentionDays: number;
  scan: { resolver: string | undefined; allowPrivate: boolean; portMap: Record<number, number>; caFile: string | undefined };
  mailIn: { domain: string; port: number; host: string; tlsKeyFile: string | undefined; tlsCertFile: string | undefined; safeonwebAddress: string };
  phishing: { smtpUrl: string | undefined; fromDomain: string };
  /** Synthetic companies may be seeded and are counted in the figures (demo/test deployments; never production). */
  syntheticData: boolean;
}

import { parsePortMap } from './core/scan/domain-input.ts';
export { parsePortMap };

import { ConfigError } from './config-error.ts';
export { ConfigError };

function loadOrCreateSecrets(dataDir: string): { sessionSecret: string } {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = z.object({ sessionSecret: z.string().min(32) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const secrets = { sessionSecret: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** node-postgres' own default pool size, kept as ours so existing deployments see no change. */
export const DEFAULT_POOL_MAX = 10;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const database: Config['database'] =
    e.DATABASE_URL && /^postgres(ql)?:\/\//.test(e.DATABASE_URL)
      ? { kind: 'postgres', url: e.DATABASE_URL, max: e.DATABASE_POOL_MAX ?? DEFAULT_POOL_MAX }
      : { kind: 'sqlite', file: e.DATABASE_URL?.replace(/^sqlite:/, '') || path.join(dataDir, 'schild.db') };
  if (e.NODE_ENV === 'production' && (e.SCAN_RESOLVER || e.SCAN_ALLOW_PRIVATE || e.SCAN_PORT_MAP || e.SCAN_CA_FILE)) {
    throw new ConfigError('Invalid configuration:\n  SCAN_RESOLVER, SCAN_ALLOW_PRIVATE, SCAN_PORT_MAP and SCAN_CA_FILE are for tests and are refused in production.');
  }
  if (e.NODE_ENV === 'production' && e.SYNTHETIC_DATA) {
    throw new ConfigError('Invalid configuration:\n  SYNTHETIC_DATA is for demo and test deployments and is refused in production.');
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const sessionSecret = e.SESSION_SECRET ?? loadOrCreateSecrets(dataDir).sessionSecret;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    databaseWaitMs: e.DATABASE_WAIT_SECONDS * 1000,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionSecret,
    metricsPort: e.METRICS_PORT,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    inProcessWorker: e.IN_PROCESS_WORKER ?? database.kind === 'sqlite',
    rateLimits: { loginPerAccount: e.RATE_LIMIT_LOGIN_PER_ACCOUNT, loginPerIp: e.RATE_LIMIT_LOGIN_PER_IP },
    incidentLinkTtlMonths: e.INCIDENT_LINK_TTL_MONTHS,
    phishingRetentionMonths: e.PHISHING_RETENTION_MONTHS,
    phishingScannerDelaySeconds: e.PHISHING_SCANNER_DELAY_SECONDS,
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    workerConcurrency: e.WORKER_CONCURRENCY,
    jobRetentionDays: e.JOB_RETENTION_DAYS,
    scan: { resolver: e.SCAN_RESOLVER, allowPrivate: e.SCAN_ALLOW_PRIVATE ?? false, portMap: parsePortMap(e.SCAN_PORT_MAP), caFile: e.SCAN_CA_FILE },
    mailIn: {
      domain: (e.MAIL_IN_DOMAIN ?? `report.${new URL(baseUrl).hostname}`).toLowerCase(),
      port: e.MAIL_IN_PORT,
      host: e.MAIL_IN_HOST,
      tlsKeyFile: e.MAIL_IN_TLS_KEY || undefined,
      tlsCertFile: e.MAIL_IN_TLS_CERT || undefined,
      safeonwebAddress: e.SAFEONWEB_REPORT_ADDRESS,
    },
    phishing: { smtpUrl: e.PHISHING_SMTP_URL || e.SMTP_URL || undefined, fromDomain: (e.PHISHING_FROM_DOMAIN ?? new URL(baseUrl).hostname).toLowerCase() },
    syntheticData: e.SYNTHETIC_DATA ?? false,
  };
}
