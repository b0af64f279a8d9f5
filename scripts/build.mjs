#!/usr/bin/env node
/**
 * Builds the TypeScript once into dist/ with esbuild (docs/decisions/0008-build-once.md), so `schild start`,
 * `schild worker` and `schild scan` do not compile on every start. Run by `npm install` (the "prepare" script) and,
 * when the sources changed since, by bin/schild.mjs before it starts. Packages stay in node_modules (not bundled, but
 * for the few in BUNDLED_PACKAGES); dynamic imports become separate chunks, so a command loads only what it uses.
 *
 * Fresh means: dist/build-info.json records the newest modification time under src/ (files and folders, so a
 * deleted file counts too) and of package.json and tsconfig.json, and nothing is newer now.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const INFO = 'build-info.json';

/**
 * Packages stay in node_modules, except these: plain CommonJS that requires nothing (no other package, no Node
 * built-in: the ESM output has no `require`), loaded by every scan. Node parses a CommonJS package imported from ESM a second time with its cjs-module-lexer to find its named
 * exports, on every start (for tldts, 220 kB with the public suffix list, that was about 150 ms of CPU of each `schild scan`
 * start: bench/README.md, CLI start-up); bundled, esbuild has done that once at build time.
 */
export const BUNDLED_PACKAGES = new Set(['tldts', 'tldts-core', 'ipaddr.js']);

/** esbuild plugin: every bare import (a package or a Node built-in) is external, unless its package is in `bundled`. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages-except',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const parts = args.path.split('/');
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        return bundled.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** The newest modification time (ms) of the inputs of the build. */
export function newestSourceMtime(root = ROOT) {
  let newest = 0;
  for (const f of ['package.json', 'tsconfig.json']) {
    const p = path.join(root, f);
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  const src = path.join(root, 'src');
  newest = Math.max(newest, statSync(src).mtimeMs);
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    // Tests are not part of the build.
    if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when dist/ holds a build of the current sources. */
export function isFresh(root = ROOT) {
  const info = path.join(root, 'dist', INFO);
  if (!existsSync(info)) return false;
  try {
    const { sourceMtime } = JSON.parse(readFileSync(info, 'utf8'));
    return typeof sourceMtime === 'number' && newestSourceMtime(root) <= sourceMtime;
  } catch {
    return false;
  }
}

/**
 * Builds into a temporary folder, then moves it into dist/ file by file with atomic renames: the chunks first (named
 * by their content, so an existing name already holds the same code), cli.js and build-info.json last. A process
 * that is running the previous build keeps finding the chunks it may still load lazily, a process starting meanwhile
 * never sees half a build, and two processes building at once both end with a whole one.
 */
export async function build(root = ROOT) {
  const { build: esbuild } = await import('esbuild');
  const sourceMtime = newestSourceMtime(root);
  const dist = path.join(root, 'dist');
  const tmp = path.join(root, `dist.tmp-${process.pid}-${Date.now()}`);
  try {
    await esbuild({
      absWorkingDir: root,
      entryPoints: { cli: 'src/entrypoints/cli.ts' },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      plugins: [externalPackagesExcept(BUNDLED_PACKAGES)],
      sourcemap: 'linked',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'warning',
      chunkNames: 'chunks/[name]-[hash]',
    });
    writeFileSync(path.join(tmp, INFO), `${JSON.stringify({ sourceMtime, builtAt: new Date().toISOString() })}\n`);
    mkdirSync(path.join(dist, 'chunks'), { recursive: true });
    const current = new Set(readdirSync(path.join(tmp, 'chunks')));
    for (const f of current) renameSync(path.join(tmp, 'chunks', f), path.join(dist, 'chunks', f));
    for (const f of ['cli.js.map', 'cli.js', INFO]) renameSync(path.join(tmp, f), path.join(dist, f));
    // Chunks of earlier builds stay a week for processes still running them, then go.
    const weekAgo = Date.now() - 7 * 24 * 3600_000;
    for (const f of readdirSync(path.join(dist, 'chunks'))) {
      const p = path.join(dist, 'chunks', f);
      if (!current.has(f) && statSync(p).mtimeMs < weekAgo) rmSync(p, { force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`Built dist/ in ${Math.round(performance.now() - started)} ms.`);
}
