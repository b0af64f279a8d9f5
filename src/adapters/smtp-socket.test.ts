import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtp, type SmtpSink } from '../../test/support/smtp.ts';
import { smtpTransport } from './mailer.ts';
import { simulationTransport } from './phishing-mailer.ts';

/**
 * Both SMTP transports must turn Nagle's algorithm off on their connection (RFC 896 with delayed ACK, RFC 1122
 * §4.2.3.2): otherwise each message of the RFC 5321 §4.1 conversation stalls on a delayed acknowledgement
 * (smtp-socket.ts). What is checked is the socket option on the client side of the connection to the sink, not a time.
 */
describe('SMTP transports: TCP_NODELAY on the connection (RFC 896 / RFC 1122 §4.2.3.2)', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtp();
  });
  afterAll(async () => {
    await sink.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Client sockets to the sink on which setNoDelay(true) was called. */
  function watchNoDelay(): net.Socket[] {
    const sockets: net.Socket[] = [];
    const original = net.Socket.prototype.setNoDelay;
    vi.spyOn(net.Socket.prototype, 'setNoDelay').mockImplementation(function (this: net.Socket, noDelay?: boolean) {
      if (noDelay !== false) sockets.push(this);
      return original.call(this, noDelay);
    });
    return sockets;
  }
  const toSink = (sockets: net.Socket[]) => sockets.filter((s) => s.remotePort === sink.port && s.remoteAddress === '127.0.0.1');

  it('the phishing simulation transport (pooled) sends over a socket with Nagle off', async () => {
    const sockets = watchNoDelay();
    const t = simulationTransport(sink.url);
    try {
      const outcome = await t.send({
        from: { name: 'Pakjesdienst', address: 'noreply@sim.schild.test' },
        to: 'nagle-sim@bakkerij.test',
        subject: 'Your parcel',
        text: 'Hello',
        html: '<p>Hello</p>',
        messageId: '<r1@sim.schild.test>',
        headers: { 'X-Schild-Simulation': 'x' },
        attachments: [],
      });
      expect(outcome).toEqual({ ok: true });
    } finally {
      t.close();
    }
    const mail = await sink.waitFor((m) => m.to[0] === 'nagle-sim@bakkerij.test');
    expect(mail.headers['message-id']).toBe('<r1@sim.schild.test>');
    expect(toSink(sockets).length).toBeGreaterThanOrEqual(1);
  });

  it('the transactional mail transport sends over a socket with Nagle off', async () => {
    const sockets = watchNoDelay();
    const t = smtpTransport(sink.url, 'Schild <noreply@schild.test>');
    try {
      await t.send({ to: 'nagle-tx@bakkerij.test', subject: 'Welkom', text: 'Hallo' });
    } finally {
      t.close();
    }
    const mail = await sink.waitFor((m) => m.to[0] === 'nagle-tx@bakkerij.test');
    expect(mail.subject).toBe('Welkom');
    expect(toSink(sockets).length).toBeGreaterThanOrEqual(1);
  });

  it('a refused connection is a failed send the caller can retry, not a hang', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const t = simulationTransport(`smtp://127.0.0.1:${port}`);
    try {
      const outcome = await t.send({ from: { name: 'x', address: 'x@sim.schild.test' }, to: 'a@b.test', subject: 's', text: 't', html: '<p>t</p>', messageId: '<r2@sim.schild.test>', headers: {}, attachments: [] });
      expect(outcome).toMatchObject({ ok: false, permanent: false });
    } finally {
      t.close();
    }
  });
});
