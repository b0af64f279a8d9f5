/**
 * An SMTP sink on loopback for fault tests that can stand exactly in the window "the server has the message, the
 * sender has not yet heard its 250" (RFC 5321 §4.1.1.4): from the `holdAt`-th message on, the message is counted as
 * received but the reply is held back until the test kills the sender. That is the crash a duplicate comes from.
 */
import { SMTPServer } from 'smtp-server';

export interface HoldingSink {
  url: string;
  /** Envelope recipient of every message received (a message held at the kill included). */
  received: string[];
  /** Resolves when the `holdAt`-th message has been received and its reply is being held. */
  held: Promise<void>;
  /** Replies normally from now on (messages held before stay unanswered: their sender is dead). */
  release(): void;
  /** How many messages each recipient received. */
  counts(): Map<string, number>;
  stop(): Promise<void>;
}

export async function startHoldingSink(holdAt: number): Promise<HoldingSink> {
  const received: string[] = [];
  let holding = true;
  let onHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) received.push(r.address.toLowerCase());
        if (holding && received.length >= holdAt) {
          onHeld();
          return; // never answered: the sender is killed while waiting for the 250
        }
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a killed client resets its connection
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    held,
    release: () => {
      holding = false;
    },
    counts: () => {
      const m = new Map<string, number>();
      for (const r of received) m.set(r, (m.get(r) ?? 0) + 1);
      return m;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
