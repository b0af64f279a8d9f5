/**
 * Real `schild start` / `schild worker` processes for the fault tests (test/integration/faults-*.test.ts): spawned
 * from the built CLI like in production, listening on 127.0.0.1 only, killed with SIGKILL by the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve(import.meta.dirname, '../../bin/schild.mjs');

export interface SchildProcess {
  child: ChildProcess;
  /** Web processes: their base URL. */
  url: string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `schild <command>` with the given settings (NODE_ENV=production unless set). */
export function spawnSchild(command: 'start' | 'worker', env: Record<string, string>, port = 0): SchildProcess {
  const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env; // vitest sets BASE_URL for Vite; not ours
  const child = spawn(process.execPath, [CLI, command], {
    env: {
      ...parentEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), `schild-fault-${command}-`)),
      LOG_LEVEL: process.env.FAULTS_LOG ?? 'fatal',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** Waits until `check` holds, polling every 100 ms; throws with `what` after the timeout. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a web process answers /healthz (or any page) on its URL. */
export async function waitForHttp(url: string, timeoutMs = 90_000): Promise<void> {
  await until(async () => {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      return res.status < 500;
    } catch {
      return false;
    }
  }, `${url} to answer`, timeoutMs);
}
