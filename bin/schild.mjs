#!/usr/bin/env node
// Runs the build in dist/ (made by `npm install`, see docs/decisions/0008-build-once.md). When the sources changed
// since, it rebuilds first (about a second), so `npm start` always runs what is in src/. SCHILD_TSX=1 runs the
// TypeScript sources directly through tsx instead, as during development without a build.
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const dist = new URL('dist/cli.js', root);

let useDist = false;
if (process.env.SCHILD_TSX !== '1') {
  if (!existsSync(new URL('src/entrypoints/cli.ts', root))) useDist = existsSync(dist);
  else {
    const { isFresh, build } = await import('../scripts/build.mjs');
    if (isFresh()) useDist = true;
    else {
      try {
        await build();
        useDist = true;
      } catch (err) {
        // Without esbuild (installed with --ignore-scripts and no dev tools) the sources still run, only slower to start.
        console.error(`Could not build dist/ (${err instanceof Error ? err.message : String(err)}); running the sources through tsx.`);
      }
    }
  }
}
if (useDist) await import(dist.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/entrypoints/cli.ts');
}
