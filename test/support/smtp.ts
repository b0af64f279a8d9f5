/**
 * A real SMTP server on loopback for tests: no TLS, any (or no) AUTH accepted, every message parsed
 * with mailparser and kept in `messages`. Point the app's mail transport at `url`.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** Header name (lower case) → raw unfolded value; repeated headers are joined with ", ". */
  headers: Record<string, string>;
}

export interface SmtpSink {
  url: string;
  host: string;
  port: number;
  messages: CapturedMail[];
  waitFor(predicate: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  stop(): Promise<void>;
}

/**
 * `refuse`: the reply code (e.g. 550 for good, 451 for now; RFC 5321 §4.2) with which RCPT TO is refused for an
 * address, or undefined to take it.
 */
export async function startSmtp(opts: { refuse?: (address: string) => number | undefined } = {}): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  const listeners = new Set<(m: CapturedMail) => void>();

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    closeTimeout: 500,
    size: 25 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'test' });
    },
    onRcptTo(address, _session, callback) {
      const code = opts.refuse?.(address.address);
      if (code === undefined) return callback();
      callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const { key, line } of parsed.headerLines) {
            const value = line
              .slice(line.indexOf(':') + 1)
              .replace(/\r?\n[ \t]+/g, ' ')
              .trim();
            headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
          }
          const mail: CapturedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            headers,
          };
          messages.push(mail);
          for (const listener of listeners) listener(mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  server.on('error', (error) => console.error('test SMTP server error:', error));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP server has no TCP address');
  const { port } = address;

  const waitFor = (predicate: (m: CapturedMail) => boolean, timeoutMs = 10_000): Promise<CapturedMail> => {
    const found = messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (m: CapturedMail): void => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(m);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        const seen = messages.map((m) => `  to=${m.to.join(',')} subject=${JSON.stringify(m.subject)}`).join('\n');
        reject(new Error(`no matching mail within ${timeoutMs} ms; received ${messages.length}:\n${seen || '  (none)'}`));
      }, timeoutMs);
      listeners.add(listener);
    });
  };

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => server.close(() => resolve()));
    return stopped;
  };

  return { url: `smtp://127.0.0.1:${port}`, host: '127.0.0.1', port, messages, waitFor, stop };
}
