/**
 * The project folder (the one holding package.json, content/ and src/http/assets/). Found by walking up from this
 * module, so it is the same whether the code runs from src/ through tsx or from the bundle in dist/
 * (docs/decisions/0008-build-once.md).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'content'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Schild's project folder (with package.json and content/) not found above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
