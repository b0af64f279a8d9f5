/**
 * Migrations are expand-only (docs/operations.md "Many processes", "Migrations while old processes serve"): during a
 * rolling update, processes of the previous release keep serving on the migrated database, so a migration's `up`
 * may only add tables, columns (nullable or with a default) and indexes. Dropping, renaming or changing a column or
 * table happens in a later release, once no running code reads it ("expand and contract"). `down` is for a
 * developer's own database and may drop what its `up` added.
 *
 * This reads the source of every migration and fails on a contracting call inside an `up`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DB_DIR = import.meta.dirname;
const MIGRATION_SOURCES = [path.join(DB_DIR, 'migrations.ts'), ...readdirSync(path.join(DB_DIR, 'migrations')).filter((f) => /^\d{3}-.+\.ts$/.test(f) && !f.endsWith('.test.ts')).map((f) => path.join(DB_DIR, 'migrations', f))];

/** Schema builder calls and raw SQL that remove or change what older code may still read. */
const CONTRACTING = [/\.dropColumn\(/, /\.dropTable\(/, /\.renameColumn\(/, /\.renameTo\(/, /\.alterColumn\(/, /\.modifyColumn\(/, /\bDROP\s+(TABLE|COLUMN)\b/i, /\bRENAME\s+(TO|COLUMN)\b/i, /\bALTER\s+COLUMN\b/i];

/**
 * Contracting calls in an `up` that were judged safe, with the reason; keyed by file name and the matched text.
 * Empty today: no released migration removes or renames anything.
 */
const REVIEWED_EXCEPTIONS: Record<string, string> = {};

/** The source without the bodies of `down` functions (found by brace matching from `down(`). */
function withoutDownBodies(source: string): string {
  let out = source;
  for (let at = out.search(/\basync\s+down\s*\(/); at >= 0; at = out.search(/\basync\s+down\s*\(/)) {
    const open = out.indexOf('{', at);
    if (open < 0) break;
    let depth = 0;
    let end = open;
    for (; end < out.length; end++) {
      if (out[end] === '{') depth++;
      else if (out[end] === '}' && --depth === 0) break;
    }
    out = out.slice(0, at) + out.slice(end + 1);
  }
  return out;
}

/** The contracting operations found outside `down`, as "file: matched text". */
function contractingOperations(file: string, source: string): string[] {
  const ups = withoutDownBodies(source);
  const found: string[] = [];
  for (const pattern of CONTRACTING) {
    for (const m of ups.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) found.push(`${path.basename(file)}: ${m[0]}`);
  }
  return found;
}

describe('migrations are expand-only (old processes keep serving while a new release migrates)', () => {
  it('finds the migration sources', () => {
    expect(MIGRATION_SOURCES.length).toBeGreaterThan(10);
  });

  it('flags a drop or rename in up, and not the same in down', () => {
    const sample = `const m = {
      async up(db) { await db.schema.alterTable('users').dropColumn('locale').execute(); await db.schema.alterTable('a').renameTo('b').execute(); },
      async down(db) { await db.schema.dropTable('x').execute(); },
    };`;
    expect(contractingOperations('999-sample.ts', sample)).toEqual(['999-sample.ts: .dropColumn(', '999-sample.ts: .renameTo(']);
    expect(contractingOperations('999-sample.ts', `const m = { async up(db) { await sql\`ALTER TABLE t RENAME COLUMN a TO b\`.execute(db); } };`)).toEqual(['999-sample.ts: RENAME COLUMN']);
    expect(contractingOperations('999-sample.ts', `const m = { async up(db) { await db.schema.createTable('t').execute(); }, async down(db) { await db.schema.dropTable('t').execute(); } };`)).toEqual([]);
  });

  it.each(MIGRATION_SOURCES.map((f) => [path.relative(DB_DIR, f), f]))('%s drops, renames and changes nothing in up', (_name, file) => {
    const found = contractingOperations(file, readFileSync(file, 'utf8')).filter((op) => !(op in REVIEWED_EXCEPTIONS));
    expect(found, 'expand only: drop or rename in a later release, once no running code reads it (docs/operations.md)').toEqual([]);
  });
});
