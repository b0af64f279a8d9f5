/**
 * Run as a child process by test/integration/lazy-packages.test.ts: builds the app as a web process does, serves a
 * few ordinary pages and prints which of the heavy, rarely needed packages got loaded (JSON on stdout).
 */
import { createRequire } from 'node:module';
import { createTestApp } from './app.ts';

const HEAVY = /node_modules[\\/](pdfkit|mailauth|mailparser)[\\/]/;
const t = await createTestApp('sqlite');
for (const url of ['/en/', '/en/articles', '/en/quick-scan', '/en/login']) await t.app.inject({ url });
const loaded = () => [...new Set(Object.keys(createRequire(import.meta.url).cache).flatMap((p) => HEAVY.exec(p)?.[1] ?? []))].sort();
const atStart = loaded();
// A PDF still works and loads pdfkit when it is asked for.
const { createPdf } = await import('../../src/adapters/pdf/layout.ts');
createPdf({ lang: 'en', title: 'Test', subtitle: 'Test', generatedLabel: 'Test', footer: 'Test' }).end();
process.stdout.write(JSON.stringify({ atStart, afterPdf: loaded() }));
await t.close();
