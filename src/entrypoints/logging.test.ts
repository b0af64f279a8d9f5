import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger, wantsReadableLogs } from './bootstrap.ts';

function capture(readable: boolean): { lines: () => string[]; log: ReturnType<typeof createLogger> } {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { log: createLogger('info', { readable, destination: out }), lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('log lines (issue 9: readable on a terminal, JSON otherwise)', () => {
  it('prints a readable line with the time, level and message for a person at a terminal', () => {
    const { log, lines } = capture(true);
    log.info({ port: 3000 }, 'Schild is running');
    const [line] = lines();
    expect(line).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: Schild is running/);
    expect(lines().join('\n')).toContain('port: 3000');
    expect(line?.startsWith('{')).toBe(false);
  });

  it('prints one JSON object per line for machines, with secrets in headers redacted in both forms', () => {
    const { log, lines } = capture(false);
    log.info({ req: { headers: { cookie: 'sid=secret' } } }, 'request');
    const parsed = JSON.parse(lines()[0] ?? '') as { msg: string; req: { headers: { cookie: string } } };
    expect(parsed.msg).toBe('request');
    expect(parsed.req.headers.cookie).toBe('[redacted]');
    const pretty = capture(true);
    pretty.log.info({ req: { headers: { cookie: 'sid=secret' } } }, 'request');
    expect(pretty.lines().join('\n')).not.toContain('sid=secret');
  });

  it('is readable only at a terminal and never in production', () => {
    const dev = loadConfig({ DATA_DIR: '/tmp/schild-log-test', SESSION_SECRET: 'x'.repeat(40) });
    expect(wantsReadableLogs(dev, { isTTY: true })).toBe(true);
    expect(wantsReadableLogs(dev, { isTTY: false })).toBe(false);
    expect(wantsReadableLogs(dev, {})).toBe(false);
    const prod = loadConfig({ DATA_DIR: '/tmp/schild-log-test', SESSION_SECRET: 'x'.repeat(40), NODE_ENV: 'production', BASE_URL: 'https://schild.example' });
    expect(wantsReadableLogs(prod, { isTTY: true })).toBe(false);
  });
});
