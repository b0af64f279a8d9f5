/** The `schild` command. */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
// Only this small module at start: each command imports what it needs, so `schild --version` loads almost nothing.
import { ConfigError } from '../config-error.ts';

const HELP = `schild — cyber safety for small businesses

Usage: schild <command> [options]

Commands:
  start          Run the web server on PORT (default 3000). With SQLite (the default) it also runs the
                 background worker in the same process. Creates and migrates the database on first start.
  worker         Run a background worker only (for PostgreSQL: start as many as you like, on any machine).
  mail-in        Run the SMTP receiver of the report addresses (MAIL_IN_HOST:MAIL_IN_PORT, default 127.0.0.1:2525):
                 employees forward suspicious mail to <code>@MAIL_IN_DOMAIN and get an answer. See docs/mail-in.md.
  migrate        Bring the database schema up to date, then exit.
  create-admin   Create a platform administrator: --email <address> --name <name>; the password is read from
                 the SCHILD_ADMIN_PASSWORD variable or asked for on the terminal.
  demo           Fill a demo company ("Bakkerij Demo") with an owner and a member, so a visitor can look around.
                 Prints the e-mail addresses and password to log in with.
  scan           Scan a public domain (mail, web, DNS, lookalike domains) and print a readable report:
                 schild scan <domain> [--json] [--lang nl|fr|de|en]. For tests against local hosts only:
                 [--resolver host:port] [--allow-private] [--port-map 443=8443,80=8080,25=2525] [--ca roots.pem].
  seed-synthetic Add made-up companies with assessments and incidents, for tests, benchmarks and demos:
                 --companies N [--seed S] (same seed, same data). Needs SYNTHETIC_DATA=1; refused in production.
  stats          Statistics. schild stats refresh: rebuild the anonymous figures now (the workers also do it every
                 few hours). schild stats release [--quarter 2026-Q4] [--epsilon 1]: build and store the
                 open-data release of a quarter (default: the last quarter that has ended; ε default 1).
  backup         SQLite only: an online, consistent copy of the database while Schild runs, checked before it is kept:
                 schild backup [--to file.db] [--force] (default DATA_DIR/backups/schild-<time>.db).
  restore        SQLite only, with Schild stopped: schild restore --from file.db (the copy is checked first; the
                 database it replaces is kept as <file>.before-restore). PostgreSQL: pg_dump / pg_restore.
  openapi        Print the OpenAPI document of the JSON API.
  version        Print the version (also --version, -v).
  help           Show this text.

Configuration is read from environment variables only; see README.md.`;

async function readPassword(prompt: string): Promise<string> {
  if (process.env.SCHILD_ADMIN_PASSWORD) return process.env.SCHILD_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'start': {
      const { startServer } = await import('./server.ts');
      const server = await startServer();
      const shutdown = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      console.log(`Schild is running at ${server.runtime.deps.config.baseUrl} (${server.runtime.deps.dialect})`);
      return -1;
    }
    case 'worker': {
      const { runWorkerProcess } = await import('./worker.ts');
      await runWorkerProcess();
      return -1;
    }
    case 'mail-in': {
      const { runMailInProcess } = await import('./mail-in.ts');
      await runMailInProcess();
      return -1;
    }
    case 'migrate': {
      const { bootstrap } = await import('./bootstrap.ts');
      const runtime = await bootstrap();
      console.log(`Database is up to date (${runtime.deps.dialect}).`);
      await runtime.close();
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' } } });
      if (!values.email || !values.name) {
        console.error('Usage: schild create-admin --email <address> --name <name>');
        return 2;
      }
      const { bootstrap } = await import('./bootstrap.ts');
      const { createAdmin } = await import('./admin.ts');
      const runtime = await bootstrap();
      try {
        const result = await createAdmin(runtime.deps, values.email, values.name, await readPassword('Password: '));
        if (!result.ok) {
          console.error(`Could not create the administrator: ${result.error}`);
          return 1;
        }
        console.log(`Administrator ${values.email} is ready.`);
        return 0;
      } finally {
        await runtime.close();
      }
    }
    case 'demo': {
      const { bootstrap } = await import('./bootstrap.ts');
      const { seedDemo } = await import('./demo.ts');
      const runtime = await bootstrap();
      try {
        const demo = await seedDemo(runtime.deps, runtime.content.assessment, runtime.content.incidents);
        console.log(`Demo company "${demo.companyName}" is ready.`);
        console.log(`  owner:  ${demo.ownerEmail}`);
        console.log(`  member: ${demo.memberEmail}`);
        console.log(`  password for both: ${demo.password}`);
        if (demo.phishingLink) console.log(`  what staff see after clicking a practice phishing mail: ${demo.phishingLink}`);
        return 0;
      } finally {
        await runtime.close();
      }
    }
    case 'scan': {
      const { runScanCli } = await import('./scan-cli.ts');
      return runScanCli(rest);
    }
    case 'seed-synthetic': {
      const { runSeedSynthetic } = await import('./figures-cli.ts');
      return runSeedSynthetic(rest);
    }
    case 'stats': {
      if (rest[0] === 'refresh') {
        const { runStats } = await import('./figures-cli.ts');
        return runStats(rest);
      }
      const { runStatsCli } = await import('./stats-cli.ts');
      return runStatsCli(rest);
    }
    case 'backup':
    case 'restore': {
      const { loadConfig } = await import('../config.ts');
      const { runBackupCli } = await import('./backup.ts');
      return runBackupCli(command, rest, loadConfig());
    }
    case 'openapi': {
      const { printOpenApi } = await import('./openapi.ts');
      process.stdout.write(`${await printOpenApi()}\n`);
      return 0;
    }
    case 'version':
    case '--version':
    case '-v': {
      const { readFileSync } = await import('node:fs');
      const path = await import('node:path');
      const { PROJECT_ROOT } = await import('../adapters/paths.ts');
      const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
      console.log(`schild ${version}`);
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
