/**
 * The TCP socket nodemailer talks SMTP over, opened here so that Nagle's algorithm is off.
 *
 * Why: SMTP is a conversation of small writes (RFC 5321 §4.1: MAIL, RCPT, DATA, then the message and the
 * "<CRLF>.<CRLF>" end of data). With Nagle's algorithm (RFC 896) a small write waits until the previous one is
 * acknowledged, and the server delays that acknowledgement by up to 40 ms on Linux (delayed ACK, RFC 1122
 * §4.2.3.2) while it waits for the rest of the message. Every message then costs one delayed-ACK stall: about 55 ms
 * instead of 14 ms per message to a loopback server, so a 2,000-person phishing campaign took two minutes of
 * waiting rather than half a minute. Nodemailer offers no option for TCP_NODELAY, but it accepts an already open
 * socket through `getSocket` ({ connection }) and still does STARTTLS or implicit TLS over it itself.
 */
import net from 'node:net';

interface SocketRequest {
  host?: string;
  port?: number;
  secure?: boolean;
  connectionTimeout?: number;
}
type SocketCallback = (err: Error | null, socketOptions?: { connection: net.Socket }) => void;

/** RFC 5321 §4.5.3.2 allows minutes per step; nodemailer's own default for connecting is 2 minutes. */
const CONNECT_TIMEOUT_MS = 2 * 60_000;

/** For nodemailer's `getSocket` option: a plain TCP connection to the configured host with TCP_NODELAY set. */
export function noDelaySmtpSocket(options: SocketRequest, callback: SocketCallback): void {
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = net.connect({ host: options.host ?? 'localhost', port });
  socket.setNoDelay(true);
  socket.setTimeout(options.connectionTimeout ?? CONNECT_TIMEOUT_MS);
  const fail = (err: Error): void => {
    socket.removeAllListeners('connect');
    socket.destroy();
    callback(err);
  };
  const onError = (err: Error): void => fail(err);
  const onTimeout = (): void => fail(Object.assign(new Error(`connection to ${options.host}:${port} timed out`), { code: 'ETIMEDOUT' }));
  socket.once('error', onError);
  socket.once('timeout', onTimeout);
  socket.once('connect', () => {
    socket.removeListener('error', onError);
    socket.removeListener('timeout', onTimeout);
    socket.setTimeout(0); // nodemailer sets its own socket timeout from here on
    callback(null, { connection: socket });
  });
}
