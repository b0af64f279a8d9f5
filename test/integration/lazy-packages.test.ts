/**
 * Memory of a web process (issue 13: "web process < 200 MB RSS under load"): pdfkit, mailauth and mailparser hold
 * about 45 MiB of RSS together (measured with `require` and process.memoryUsage, bench/README.md), and only PDF
 * downloads and reported mails need them. They are loaded on first use, never at start or for ordinary pages.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('heavy packages are loaded on first use', () => {
  it('a started web process serving pages has not loaded pdfkit, mailauth or mailparser; a PDF loads pdfkit', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/loaded-packages.ts'], { cwd: root, timeout: 60_000 });
    const result = JSON.parse(stdout) as { atStart: string[]; afterPdf: string[] };
    expect(result.atStart).toEqual([]);
    expect(result.afterPdf).toEqual(['pdfkit']);
  }, 90_000);
});
