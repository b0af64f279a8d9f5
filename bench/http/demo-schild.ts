/**
 * Schild as the HTTP benchmarks run it: `bin/schild.mjs start` with the flags of `npm start`, SQLite in a throw-away
 * DATA_DIR, 127.0.0.1 only, LOG_LEVEL=silent, /metrics behind a token; `schild demo` seeded and the demo owner signed
 * in through the real login flow. Used by `npm run bench` (run.ts) and `npm run bench:pages` (pages.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { HOST, freePort, logIn, seedDemo, startChild, startNodeFlags, waitForHealth } from './harness.ts';

export interface DemoSchild {
  base: string;
  child: ChildProcess;
  /** The demo owner's cookies: the CSRF cookie alone is what an anonymous visitor who came back holds. */
  csrf: string;
  session: string;
}

export async function startDemoSchild(dataDir: string, metricsToken: string): Promise<DemoSchild> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST, DATA_DIR: dataDir, BASE_URL: base, LOG_LEVEL: 'silent', METRICS_TOKEN: metricsToken };
  delete env.DATABASE_URL; // always SQLite in the temp dir
  delete env.METRICS_PORT;
  process.stderr.write(`Starting Schild (${base}, DATA_DIR ${dataDir}) …\n`);
  const child = startChild('Schild', [...startNodeFlags(), 'bin/schild.mjs', 'start'], env);
  // 60 s: on a shared machine, migrating the fresh database can take a while.
  await waitForHealth('Schild', base, child, 60_000);
  const demo = await seedDemo(env);
  const { csrf, session } = await logIn(base, demo.email, demo.password);
  return { base, child, csrf, session };
}
