/**
 * Output buffers that are written again once Node has handed their bytes to the operating system.
 *
 * Why (issue 13, bench/README.md): the quick scan answers about 32 kB built for each request. Measured in the web
 * process under load, a fresh 32 kB buffer per answer cost 30–55 µs of CPU by itself (allocating the backing store,
 * and the garbage collections that external memory triggers), as much as the whole route's own work; sending the same
 * bytes from a buffer written again cost nothing more than sending a constant.
 *
 * Safety rule: a buffer goes back to the pool only on the response's 'finish' event. Node emits it from the callback
 * of the response's last socket write, and runs a write's callback only once libuv is done with it: written to the
 * kernel, failed, or cancelled because the connection broke (a broken connection also finishes its response, with
 * nothing left queued). A response that is never sent never returns its buffer; the garbage collector takes it. So a
 * buffer is never written while a write still reads it (test/integration/reused-buffers.test.ts holds a write pending
 * with a client that does not read, and breaks one mid-write).
 */
import type { ServerResponse } from 'node:http';

export interface Lent {
  /** At least the bytes asked for, to be filled by the caller (send a subarray of what was written). */
  buffer: Buffer;
  /** Give the buffer back once `res` has finished (before or after its bytes are passed to `res`); later calls do nothing. */
  returnAfter(res: ServerResponse): void;
}

export class ReusedBuffers {
  private readonly free: Buffer[] = [];
  /** Buffers lent and given back, for tests and metrics. */
  lent = 0;
  returned = 0;

  /**
   * @param size the capacity of each pooled buffer; a longer answer gets a buffer of its own, never pooled
   * @param keep how many idle buffers are kept at most (memory held: size × keep)
   */
  constructor(
    readonly size: number,
    readonly keep: number,
  ) {}

  /** A buffer of at least `length` bytes. */
  lend(length: number): Lent {
    if (length > this.size) return { buffer: Buffer.allocUnsafe(length), returnAfter: noop };
    // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared pool that other code also writes into.
    const whole = this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
    this.lent++;
    let given = false;
    return {
      buffer: whole,
      returnAfter: (res) => {
        // Once only: the same buffer twice in the free list would be lent to two answers at the same time.
        if (given) return;
        given = true;
        res.once('finish', () => {
          this.returned++;
          if (this.free.length < this.keep) this.free.push(whole);
        });
      },
    };
  }

  /** Idle buffers held now. */
  get idle(): number {
    return this.free.length;
  }
}

function noop(): void {}
