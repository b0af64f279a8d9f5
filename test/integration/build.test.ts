/**
 * The build in dist/ (docs/decisions/0008-build-once.md): `schild` runs the built code, rebuilds when a source
 * changed (so `npm start` never runs stale code), and a rebuild never removes a chunk a running process may still
 * load lazily.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { build, isFresh } from '../../scripts/build.mjs';

const run = promisify(execFile);

/** A tiny project shaped like Schild: src/entrypoints/cli.ts with a lazily imported module. */
function miniProject(message: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'schild-build-'));
  mkdirSync(path.join(root, 'src', 'entrypoints'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
  writeFileSync(path.join(root, 'tsconfig.json'), '{}');
  writeFileSync(path.join(root, 'src', 'entrypoints', 'cli.ts'), "const { say } = await import('./say.ts');\nconsole.log(say());\n");
  writeFileSync(path.join(root, 'src', 'entrypoints', 'say.ts'), `export const say = (): string => ${JSON.stringify(message)};\n`);
  return root;
}

const later = (file: string) => {
  const t = new Date(Date.now() + 5_000);
  utimesSync(file, t, t);
};

describe('build once into dist/', () => {
  it('builds code that runs, is fresh until a source changes or is removed, and keeps older chunks', async () => {
    const root = miniProject('first');
    expect(isFresh(root)).toBe(false);
    await build(root);
    expect(isFresh(root)).toBe(true);
    expect((await run(process.execPath, [path.join(root, 'dist', 'cli.js')])).stdout.trim()).toBe('first');
    const firstChunks = readdirSync(path.join(root, 'dist', 'chunks'));
    expect(firstChunks.some((f) => f.startsWith('say-'))).toBe(true);

    const say = path.join(root, 'src', 'entrypoints', 'say.ts');
    writeFileSync(say, 'export const say = (): string => "second";\n');
    later(say);
    expect(isFresh(root)).toBe(false);
    await build(root);
    expect(isFresh(root)).toBe(true);
    expect((await run(process.execPath, [path.join(root, 'dist', 'cli.js')])).stdout.trim()).toBe('second');
    // A process started on the first build can still load its chunk.
    const chunks = readdirSync(path.join(root, 'dist', 'chunks'));
    for (const f of firstChunks) expect(chunks).toContain(f);

    // A removed source counts as a change (its folder's time moves).
    const extra = path.join(root, 'src', 'entrypoints', 'unused.ts');
    writeFileSync(extra, 'export {};\n');
    later(extra);
    await build(root);
    rmSync(extra);
    later(path.join(root, 'src', 'entrypoints'));
    expect(isFresh(root)).toBe(false);
    // A test file is not an input of the build.
    await build(root);
    const testFile = path.join(root, 'src', 'entrypoints', 'say.test.ts');
    writeFileSync(testFile, '');
    utimesSync(path.join(root, 'src', 'entrypoints'), new Date(0), new Date(0));
    later(testFile);
    expect(isFresh(root)).toBe(true);
  }, 60_000);

  it('a build-info that is unreadable means "not built"', async () => {
    const root = miniProject('x');
    await build(root);
    writeFileSync(path.join(root, 'dist', 'build-info.json'), 'not json');
    expect(isFresh(root)).toBe(false);
  }, 60_000);

  it('`schild --version` prints the version from package.json, from the build and from the sources alike', async () => {
    const bin = path.resolve(import.meta.dirname, '../../bin/schild.mjs');
    const { version } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const { BASE_URL: _vite, ...env } = process.env;
    expect((await run(process.execPath, [bin, '--version'], { env })).stdout.trim()).toBe(`schild ${version}`);
    expect((await run(process.execPath, [bin, '--version'], { env: { ...env, SCHILD_TSX: '1' } })).stdout.trim()).toBe(`schild ${version}`);
  }, 60_000);
});
