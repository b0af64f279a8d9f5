/**
 * How the benchmark judges "p99 < 50 ms at 100 connections" on its paced pass (bench/http/paced.ts, decision 0009):
 * from the due time when the client kept its schedule; from the hand-over when the client itself was late (its lateness
 * is not the server's); never when the client did not deliver the load.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_LATE_MS, pacedVerdict } from '../bench/http/paced.ts';

const row = (o: { rate?: number; achieved?: number; late?: number; p99: number; fromSendP99?: number }) => ({
  rate: o.rate ?? 800,
  achieved: o.achieved ?? o.rate ?? 800,
  sendDelayP99: o.late ?? 1,
  latency: { p50: 2, p99: o.p99, max: o.p99 },
  fromSend: { p50: 2, p99: o.fromSendP99 ?? o.p99, max: o.fromSendP99 ?? o.p99 },
});

describe('pacedVerdict', () => {
  it('judges a client on schedule on the latency from the due time alone', () => {
    expect(pacedVerdict(row({ p99: 49.9 }), 900)).toBe('yes');
    expect(pacedVerdict(row({ p99: 50, fromSendP99: 10 }), 5)).toBe('no');
  });

  it(`passes a client more than ${CLIENT_LATE_MS} ms late when either upper bound on the server's part is under 50 ms, and says which`, () => {
    const late = CLIENT_LATE_MS + 2;
    expect(pacedVerdict(row({ late, p99: 222, fromSendP99: 9.3 }), 1100)).toBe('yes (client late: p99 from hand-over 9.3 ms)');
    expect(pacedVerdict(row({ late, p99: 823, fromSendP99: 819 }), 9.07)).toBe('yes (client late: closed-loop p99 9.1 ms)');
    expect(pacedVerdict(row({ late, p99: 222, fromSendP99: 61 }), 1100)).toBe('no (client late: p99 from hand-over 61.0 ms, closed-loop p99 1100.0 ms)');
  });

  it('fails a row whose load was not delivered, whatever its latency', () => {
    expect(pacedVerdict(row({ rate: 1000, achieved: 980, p99: 3 }), 1)).toBe('no (load not delivered: 980 of 1000 req/s)');
  });
});
