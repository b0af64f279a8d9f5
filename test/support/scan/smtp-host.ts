/**
 * An inbound mail host (an MX) on loopback for scanner tests, on a random port of 127.0.0.1: with STARTTLS offered
 * using a certificate from the test CA (test-ca.ts), or with STARTTLS disabled and not advertised.
 * Mail is accepted and discarded; the scanner only needs the dialogue up to STARTTLS.
 *
 * A STARTTLS host limited to TLS 1.0/1.1 (maxVersion) gets `ciphers: 'DEFAULT@SECLEVEL=0'`, as in https-hosts.ts.
 */
import type { AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { SMTPServer } from 'smtp-server';
import { issueCert, type CertKind, type IssuedCert } from './test-ca.ts';

export interface SmtpHostOptions {
  /** Offer STARTTLS (true) or neither offer nor accept it (false). */
  starttls: boolean;
  /** Certificate for STARTTLS; default 'good'. Ignored without STARTTLS. */
  cert?: CertKind | IssuedCert;
  /** Names for the certificate; the first is also the host name in the greeting and the EHLO reply. */
  names: string[];
  /** TLS versions for STARTTLS; default minVersion TLSv1.2 (smtp-server itself would allow TLSv1). */
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
}

export interface SmtpSessionLog {
  /** The name the client gave in EHLO/HELO (the last one, after STARTTLS if any). */
  clientHostname: string;
  /** TLS protocol after STARTTLS, e.g. 'TLSv1.3'; undefined when the session stayed plain. */
  tlsProtocol?: string;
}

export interface StartedSmtpHost {
  host: '127.0.0.1';
  port: number;
  /** The certificate used for STARTTLS, when offered. */
  certificate?: IssuedCert;
  /** Connections received, in order. */
  sessions: SmtpSessionLog[];
  stop(): Promise<void>;
}

function isLegacy(version: SecureVersion | undefined): boolean {
  return version === 'TLSv1' || version === 'TLSv1.1';
}

export async function startSmtpHost(opts: SmtpHostOptions): Promise<StartedSmtpHost> {
  const hostname = opts.names[0] ?? 'mail.example.test';
  const certificate = opts.starttls ? (typeof opts.cert === 'object' ? opts.cert : issueCert(opts.cert ?? 'good', opts.names)) : undefined;
  const minVersion = opts.minVersion ?? 'TLSv1.2';
  const legacy = isLegacy(minVersion) || isLegacy(opts.maxVersion);
  const ciphers = opts.ciphers ?? (legacy ? 'DEFAULT@SECLEVEL=0' : undefined);
  const sessions: SmtpSessionLog[] = [];
  const bySession = new Map<string, SmtpSessionLog>();

  const server = new SMTPServer({
    name: hostname,
    banner: 'Schild test MX',
    secure: false,
    authOptional: true,
    disabledCommands: opts.starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !opts.starttls,
    logger: false,
    closeTimeout: 200,
    ...(certificate ? { key: certificate.keyPem, cert: certificate.certPem } : {}),
    minVersion,
    ...(opts.maxVersion ? { maxVersion: opts.maxVersion } : {}),
    ...(ciphers ? { ciphers } : {}),
    onConnect(session, callback) {
      const log: SmtpSessionLog = { clientHostname: '' };
      sessions.push(log);
      bySession.set(session.id, log);
      callback();
    },
    onSecure(socket, session, callback) {
      const log = bySession.get(session.id);
      const protocol = (socket as { getProtocol?: () => string | null }).getProtocol?.();
      if (log && protocol) log.tlsProtocol = protocol;
      callback();
    },
    onMailFrom(_address, session, callback) {
      const log = bySession.get(session.id);
      if (log) log.clientHostname = session.hostNameAppearsAs;
      callback();
    },
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
    onClose(session) {
      const log = bySession.get(session.id);
      if (log && session.hostNameAppearsAs) log.clientHostname = session.hostNameAppearsAs;
      bySession.delete(session.id);
    },
  });
  // Refused handshakes and dropped connections are expected in these tests.
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => server.close(() => resolve()));
    return stopped;
  };

  return { host: '127.0.0.1', port, ...(certificate ? { certificate } : {}), sessions, stop };
}
