/**
 * The content a domain scan report needs (content/scan/), loadable on its own: `schild scan` reads these two files
 * instead of the whole content (articles, lessons, templates …), which costs about 200 ms (bench/README.md, CLI).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateScanMessages, type ScanMessages } from '../core/scan/messages.ts';
import { validateProviderSteps, type ProviderSteps } from '../core/scan/provider-steps.ts';
import { PROJECT_ROOT } from './paths.ts';

const SCAN_DIR = path.join(PROJECT_ROOT, 'content', 'scan');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(SCAN_DIR, file), 'utf8'));

let messages: ScanMessages | undefined;
let steps: ProviderSteps | undefined;

export function loadScanMessages(): ScanMessages {
  return (messages ??= validateScanMessages(read('messages.json')));
}

export function loadScanProviderSteps(): ProviderSteps {
  return (steps ??= validateProviderSteps(read('provider-steps.json')));
}
