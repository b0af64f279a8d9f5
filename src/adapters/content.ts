/** Loads the bundled content from content/ and validates it at start-up (a broken file stops the start). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateNaceList, type NaceList } from '../core/nace.ts';
import { parsePasswordList } from '../core/password-list.ts';

export const CONTENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');

export interface Content {
  nace: NaceList;
  commonPasswords: ReadonlySet<string>;
}

let cached: Content | undefined;

export function loadContent(): Content {
  cached ??= {
    nace: validateNaceList(JSON.parse(readFileSync(path.join(CONTENT_DIR, 'nace-bel.json'), 'utf8'))),
    commonPasswords: parsePasswordList(readFileSync(path.join(CONTENT_DIR, 'common-passwords.txt'), 'utf8')),
  };
  return cached;
}
