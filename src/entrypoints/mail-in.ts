/**
 * `schild mail-in`: the SMTP receiver behind every company's report address (docs/mail-in.md). Built on smtp-server.
 * It accepts mail only for known report codes (550 otherwise, RFC 5321 §4.2.3), at most MAX_MESSAGE_BYTES (552),
 * a limited number of mails per sender address and per client address (450, try later), and offers STARTTLS only
 * when a certificate is configured. Each mail is analysed here, within seconds; the answer and the forward to
 * Safeonweb are queued as jobs.
 */
import { readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { AppDeps } from '../app/deps.ts';
import type { DnsLookup } from '../app/mail-report-reading.ts';
import { companyForReportCode, noDomainAge, receiveReport, type MailInServices } from '../app/mail-reports.ts';
import { consume, HOUR, limitKeyForIp } from '../app/rate-limit.ts';
import { startWorker } from '../workers/runner.ts';
import { bootstrap } from './bootstrap.ts';

export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Mails per hour from one sender address, and from one client address (a forwarding mail server may carry many senders). */
export const PER_SENDER_PER_HOUR = 30;
export const PER_CLIENT_PER_HOUR = 300;

export interface MailInServer {
  port: number;
  stop(): Promise<void>;
}

function smtpError(message: string, code: number): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** DNS for mailauth through node:dns, at the configured resolver (tests: the loopback DNS server) or the system's. */
export function dnsLookup(resolverAddress: string | undefined): DnsLookup {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (resolverAddress) resolver.setServers([resolverAddress]);
  return (name, rrtype) => resolver.resolve(name, rrtype);
}

export async function startMailIn(deps: AppDeps, services: MailInServices, opts: { host: string; port: number }): Promise<MailInServer> {
  const tls = deps.config.mailIn.tlsKeyFile && deps.config.mailIn.tlsCertFile ? { key: readFileSync(deps.config.mailIn.tlsKeyFile), cert: readFileSync(deps.config.mailIn.tlsCertFile) } : null;
  /** Companies addressed in each SMTP session (RCPT TO), by session id. */
  const companies = new Map<string, Set<string>>();

  const server = new SMTPServer({
    name: deps.config.mailIn.domain,
    banner: 'Schild report address',
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !tls,
    ...(tls ?? {}),
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 2_000,
    async onMailFrom(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      try {
        const sender = address.address.toLowerCase();
        const limits = [{ key: `mailin:client:${limitKeyForIp(session.remoteAddress)}`, max: PER_CLIENT_PER_HOUR, windowMs: HOUR }];
        if (sender) limits.push({ key: `mailin:sender:${sender}`, max: PER_SENDER_PER_HOUR, windowMs: HOUR });
        const r = await consume(deps, limits);
        callback(r.allowed ? null : smtpError('4.7.1 Too many reports from this address, try again later', 450));
      } catch (err) {
        deps.log.error({ err }, 'mail-in: MAIL FROM failed');
        callback(smtpError('4.3.0 Temporary problem, try again later', 451));
      }
    },
    async onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      try {
        const at = address.address.lastIndexOf('@');
        const local = address.address.slice(0, at);
        const domain = address.address.slice(at + 1).toLowerCase();
        const companyId = at > 0 && domain === deps.config.mailIn.domain ? await companyForReportCode(deps, local) : null;
        if (!companyId) return callback(smtpError('5.1.1 No such report address', 550));
        const set = companies.get(session.id) ?? new Set<string>();
        set.add(companyId);
        companies.set(session.id, set);
        callback();
      } catch (err) {
        deps.log.error({ err }, 'mail-in: RCPT TO failed');
        callback(smtpError('4.3.0 Temporary problem, try again later', 451));
      }
    },
    onData(stream, session, done) {
      // Answer the DATA command exactly once, whatever the stream does after an error.
      let answered = false;
      const callback = (err?: Error) => {
        if (answered) return;
        answered = true;
        done(err);
      };
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
      });
      stream.on('end', () => {
        const targets = [...(companies.get(session.id) ?? [])];
        companies.delete(session.id);
        if (stream.sizeExceeded || size > MAX_MESSAGE_BYTES) return callback(smtpError('5.3.4 Message too big for the report address (10 MB)', 552));
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() || null : null;
        (async () => {
          for (const companyId of targets) await receiveReport(deps, services, { companyId, raw, envelopeFrom });
        })().then(
          () => callback(),
          (err: unknown) => {
            // Never a crash: the sending server keeps the mail and tries again later.
            deps.log.error({ err }, 'mail-in: could not handle a reported mail');
            callback(smtpError('4.3.0 Could not handle the message now, try again later', 451));
          },
        );
      });
      stream.on('error', () => callback(smtpError('4.3.0 Read error', 451)));
    },
    onClose(session: SMTPServerSession) {
      companies.delete(session.id);
    },
  });
  server.on('error', (err) => deps.log.warn({ err: err.message }, 'mail-in: connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = address && typeof address !== 'string' ? address.port : opts.port;
  let stopped: Promise<void> | null = null;
  return { port, stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))) };
}

/** The `schild mail-in` process: the receiver, plus an in-process worker in embedded (SQLite) mode. */
export async function runMailInProcess(): Promise<void> {
  const runtime = await bootstrap();
  const { deps } = runtime;
  const worker = deps.config.inProcessWorker ? startWorker(deps, { pollMs: 1000 }) : null;
  if (worker) runtime.setKick(() => worker.kick());
  const services: MailInServices = { dns: dnsLookup(deps.config.scan.resolver), domainAge: noDomainAge };
  const server = await startMailIn(deps, services, { host: deps.config.mailIn.host, port: deps.config.mailIn.port });
  deps.log.info({ host: deps.config.mailIn.host, port: server.port, domain: deps.config.mailIn.domain }, 'mail-in listening');
  const shutdown = async () => {
    await server.stop();
    await worker?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
