/**
 * A finished scan never changes, yet its page parsed the stored result (tens of kB of JSON) and described every
 * check again on each view: about a third of the page's CPU (bench/README.md, issue 13). Finished scans are kept
 * presented, per language, in a small bounded cache. Each view still reads the scan's status first (`findScanHead`,
 * a few short columns), so a scan that was deleted is gone at once and a running scan always shows its progress.
 */
import type { Locale } from '../../core/locale.ts';
import type { ScanMessages } from '../../core/scan/messages.ts';
import type { Conn } from '../../db/repositories/types.ts';
import { findScan, findScanHead } from '../../db/repositories/scan.repository.ts';
import { presentScan, type PresentedScan } from './scan.ts';

export class PresentedScans {
  private readonly entries = new Map<string, PresentedScan>();
  constructor(
    private readonly messages: ScanMessages,
    private readonly maxEntries = 200,
  ) {}

  /** The scan as pages show it, or undefined when there is no such scan. */
  async get(db: Conn, id: string, lang: Locale): Promise<PresentedScan | undefined> {
    const head = await findScanHead(db, id);
    if (!head) return undefined;
    const finished = head.status === 'done' || head.status === 'failed';
    const key = `${id}|${lang}|${head.status}|${head.finished_at ?? ''}`;
    if (finished) {
      const hit = this.entries.get(key);
      if (hit) {
        // Most recently used last: the oldest entry is the first to go.
        this.entries.delete(key);
        this.entries.set(key, hit);
        return hit;
      }
    }
    const row = await findScan(db, id);
    if (!row) return undefined;
    const presented = presentScan(this.messages, row, lang);
    if (finished && row.status === head.status && row.finished_at === head.finished_at) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, presented);
    }
    return presented;
  }

  get size(): number {
    return this.entries.size;
  }
}
