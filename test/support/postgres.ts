/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp folder, start on a free loopback port,
 * stop with `-m immediate` and delete the folder afterwards.
 *
 * initdb/pg_ctl refuse to run as root, so when we are root the cluster is owned by and run as the
 * `postgres` OS user (created if missing) via `runuser`. A detached watchdog shell kills the
 * postmaster if this Node process dies without calling stop() (e.g. SIGKILL), so no postgres
 * processes outlive the test run.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

export interface RunningPostgres {
  /** Admin URL, e.g. postgres://postgres@127.0.0.1:54321/postgres */
  url: string;
  stop(): Promise<void>;
  /** For fault tests on a cluster of their own: `pg_ctl stop -m fast` (clients are disconnected) and start again. */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Directory holding initdb and pg_ctl: PG_BIN_DIR, then PATH, /usr/local/bin, /usr/lib/postgresql/<highest>/bin. */
export function findPgBinDir(): string | null {
  const has = (dir: string): boolean => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  candidates.push('/usr/local/bin');
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(base, v, 'bin'));
  }
  return candidates.find(has) ?? null;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function lookupPostgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const existing = lookupPostgresUser();
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`Running as root, and could not create the "postgres" OS user for PostgreSQL: ${String(error)}`);
  }
  const created = lookupPostgresUser();
  if (!created) throw new Error('Created the "postgres" OS user but cannot look it up');
  return created;
}

export async function startPostgres(): Promise<RunningPostgres> {
  const binDir = findPgBinDir();
  if (!binDir) {
    throw new Error(
      `PostgreSQL binaries (initdb, pg_ctl) not found. Install them with: ${isRoot() ? '' : 'sudo '}apt-get install -y postgresql` +
        ' (or set PG_BIN_DIR to the folder holding initdb and pg_ctl)',
    );
  }
  const asRoot = isRoot();
  const owner = asRoot ? ensurePostgresUser() : null;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'schild-pg-'));
  const dataDir = path.join(dir, 'data');
  const sockDir = path.join(dir, 'sock');
  const logFile = path.join(dir, 'postgres.log');
  await mkdir(sockDir);
  if (owner) {
    await chown(dir, owner.uid, owner.gid);
    await chown(sockDir, owner.uid, owner.gid);
  }
  await chmod(dir, 0o700);

  // Run a PostgreSQL binary as the cluster owner (postgres user when we are root).
  const run = async (bin: string, args: string[]): Promise<string> => {
    const file = path.join(binDir, bin);
    const [cmd, cmdArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    try {
      const { stdout, stderr } = await execFileAsync(cmd, cmdArgs, {
        cwd: dir,
        env: { ...process.env, LC_ALL: 'C', LANG: 'C', PGTZ: 'UTC' },
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout + stderr;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  const logTail = (): string => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(no log)';
    }
  };

  let watchdog: ReturnType<typeof spawn> | null = null;
  const cleanupDir = async (): Promise<void> => {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);

    let port = 0;
    let startOptions = '';
    let lastError: unknown;
    // The free port can be taken between probing and binding; retry a few times.
    for (let attempt = 0; attempt < 4; attempt++) {
      port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${sockDir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        '-c timezone=UTC',
      ].join(' ');
      try {
        await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
        startOptions = options;
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
        if (!/could not bind|Address already in use/i.test(logTail())) break;
      }
    }
    if (lastError) throw new Error(`${(lastError as Error).message}\n--- postgres log ---\n${logTail()}`);

    watchdog = startWatchdog(process.pid, dataDir, dir);

    let stopped: Promise<void> | null = null;
    const stopSync = (): void => {
      // Last resort on process exit when stop() was not awaited: immediate shutdown by signal.
      killPostmasterSync(dataDir);
    };
    process.once('exit', stopSync);

    const stop = (): Promise<void> => {
      stopped ??= (async () => {
        process.removeListener('exit', stopSync);
        try {
          await run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
        } catch {
          killPostmasterSync(dataDir);
        }
        killWatchdog(watchdog);
        await cleanupDir();
      })();
      return stopped;
    };

    // Started again with the same options, so on the same port.
    const halt = async (): Promise<void> => {
      await run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    };
    const resume = async (): Promise<void> => {
      await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', startOptions, 'start']);
    };
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, halt, resume };
  } catch (error) {
    killPostmasterSync(dataDir);
    killWatchdog(watchdog);
    await cleanupDir();
    throw error;
  }
}

function killWatchdog(watchdog: ReturnType<typeof spawn> | null): void {
  if (!watchdog?.pid) return;
  try {
    process.kill(-watchdog.pid, 'SIGKILL'); // detached: its own process group, including a pending `sleep`
  } catch {
    // already gone
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function killPostmasterSync(dataDir: string): void {
  const pid = postmasterPid(dataDir);
  if (!pid) return;
  try {
    process.kill(pid, 'SIGQUIT'); // SIGQUIT = immediate shutdown
  } catch {
    // not running
  }
}

/**
 * Detached shell that waits for `parentPid` to die, then immediately stops the postmaster and deletes
 * the temp folder. Killed by stop() on the normal path.
 */
function startWatchdog(parentPid: number, dataDir: string, dir: string): ReturnType<typeof spawn> {
  const script = [
    'while kill -0 "$0" 2>/dev/null; do sleep 1; done',
    'pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null || true)',
    'if [ -n "$pid" ]; then kill -QUIT "$pid" 2>/dev/null || true; i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi',
    'rm -rf "$2"',
  ].join('\n');
  const child = spawn('/bin/sh', ['-c', script, String(parentPid), dataDir, dir], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

const DB_NAME = /^[a-z_][a-z0-9_]*$/;

function urlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * CREATE DATABASE `name` on the server behind `adminUrl`; returns the new database's URL. With `template`, the new
 * database is a file-level copy of that one (PostgreSQL docs, "Template Databases"), which is how tests get a
 * database already at the latest migration without running every migration again.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  for (const n of template === undefined ? [name] : [name, template]) if (!DB_NAME.test(n) || n.length > 63) throw new Error(`invalid database name: ${JSON.stringify(n)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(template === undefined ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  return urlFor(adminUrl, name);
}

/**
 * Closes `name` to new sessions so that it can serve as a template: copying it then never fails with "source
 * database is being accessed by other users" (CREATE DATABASE needs the template to have no sessions).
 */
export async function sealTemplate(adminUrl: string, name: string): Promise<void> {
  if (!DB_NAME.test(name) || name.length > 63) throw new Error(`invalid database name: ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
  } finally {
    await client.end();
  }
}

/** DROP DATABASE IF EXISTS `name` (WITH FORCE: disconnects leftover sessions). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!DB_NAME.test(name) || name.length > 63) throw new Error(`invalid database name: ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
