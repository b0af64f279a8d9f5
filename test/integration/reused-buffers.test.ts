/**
 * Reused output buffers (src/http/reused-buffers.ts) over real loopback connections: a buffer is written again only
 * after the response that carried it has finished, so a slow reader, a broken connection or many parallel answers
 * never see another answer's bytes. Node documents 'finish' as emitted once the response's last bytes were handed to
 * the operating system (Node.js http docs, "Event: 'finish'").
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReusedBuffers } from '../../src/http/reused-buffers.ts';

// Larger than loopback's socket buffers together, so a client that does not read keeps the write pending.
const BIG = 16 * 1024 * 1024;

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/**
 * A server that answers `GET /<letter>` with BIG bytes of that letter, written into a lent buffer. For each buffer
 * given back it records the bytes its socket still had queued at that moment (Node's buffer and libuv's pending
 * writes): anything but 0 would mean a write could still read the buffer.
 */
async function start(pool: ReusedBuffers, lentBuffers: ArrayBuffer[], queuedAtReturn: number[]): Promise<number> {
  server = http.createServer((req, res) => {
    const letter = (req.url ?? '/a').slice(1, 2) || 'a';
    const lent = pool.lend(BIG);
    lentBuffers.push(lent.buffer.buffer as ArrayBuffer);
    lent.buffer.fill(letter, 0, BIG);
    const socket = res.socket!;
    lent.returnAfter(res);
    // Registered after returnAfter's listener, so it runs right after the buffer went back.
    res.once('finish', () => queuedAtReturn.push(socket.writableLength));
    res.writeHead(200, { 'content-length': String(BIG), 'content-type': 'application/octet-stream' });
    res.end(lent.buffer.subarray(0, BIG));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return (server!.address() as AddressInfo).port;
}

/** Sends a request on a raw socket and does not read until told to; resolves the body once read. */
function slowClient(port: number, path: string) {
  const socket = net.connect(port, '127.0.0.1');
  socket.pause();
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
  return { socket, read: () => (socket.resume(), done) };
}

const bodyOf = (raw: Buffer) => raw.subarray(raw.indexOf('\r\n\r\n') + 4);
const onlyLetter = (body: Buffer, letter: string) => body.length === BIG && body.every((b) => b === letter.charCodeAt(0));
const settle = () => new Promise((r) => setTimeout(r, 300));

/** A server with a pool, and a first client that asked for `/a` and reads nothing yet. */
async function slowFirst() {
  const pool = new ReusedBuffers(BIG, 4);
  const lent: ArrayBuffer[] = [];
  const queued: number[] = [];
  const port = await start(pool, lent, queued);
  const slow = slowClient(port, '/a');
  await settle();
  expect(lent).toHaveLength(1);
  // The slow client has read nothing: its answer is still being written, so nothing went back to the pool.
  expect(pool.returned).toBe(0);
  expect(pool.idle).toBe(0);
  return { pool, lent, queued, port, slow };
}

describe('reused output buffers', () => {
  it('keep a buffer out of the pool while its write is pending, and reuse it once the response has finished', async () => {
    const { pool, lent, queued, port, slow } = await slowFirst();
    // Meanwhile another answer gets a buffer of its own and is whole.
    const other = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/b`)).arrayBuffer());
    expect(onlyLetter(other, 'b')).toBe(true);
    expect(lent[1]).not.toBe(lent[0]);

    // The slow client's answer was never written over.
    expect(onlyLetter(bodyOf(await slow.read()), 'a')).toBe(true);
    await settle();
    expect(pool.returned).toBe(2);
    expect(queued).toEqual([0, 0]);

    // A finished buffer is lent again.
    const again = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/c`)).arrayBuffer());
    expect(onlyLetter(again, 'c')).toBe(true);
    expect([lent[0], lent[1]]).toContain(lent[2]);
  });

  it('takes back the buffer of a response whose connection broke mid-write only once its write was given up', async () => {
    const { pool, lent, queued, port, slow } = await slowFirst();
    slow.socket.destroy();
    await settle();
    // The server saw the reset, libuv cancelled the pending write, and only then did the buffer go back, with
    // nothing of it left queued.
    expect(pool.returned).toBe(1);
    expect(queued).toEqual([0]);
    const next = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/d`)).arrayBuffer());
    expect(onlyLetter(next, 'd')).toBe(true);
    expect(lent[1]).toBe(lent[0]);
  });

  it('gives a buffer back once, however often returnAfter is called', async () => {
    const pool = new ReusedBuffers(1024, 4);
    const lent = pool.lend(10);
    const { EventEmitter } = await import('node:events');
    const res = new EventEmitter() as unknown as http.ServerResponse;
    lent.returnAfter(res);
    lent.returnAfter(res);
    res.emit('finish');
    expect(pool.returned).toBe(1);
    expect(pool.idle).toBe(1);
  });

  it('gives an answer longer than the pooled size a buffer of its own, never pooled', () => {
    const pool = new ReusedBuffers(1024, 4);
    const big = pool.lend(4096);
    expect(big.buffer.length).toBe(4096);
    const small = pool.lend(100);
    expect(small.buffer.length).toBe(1024);
    expect(pool.lent).toBe(1);
  });
});
