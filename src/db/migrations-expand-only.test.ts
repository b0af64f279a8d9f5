/**
 * Migrations are expand-only (docs/operations.md "Many processes", "Migrations while old processes serve"): during a
 * rolling update, processes of the previous release keep serving on the migrated database, so a migration's `up`
 * may only add tables, columns (nullable or with a default) and indexes. Dropping, renaming or changing a column or
 * table happens in a later release, once no running code reads it ("expand and contract"). `down` is for a
 * developer's own database and may drop what its `up` added.
 *
 * This reads the source of every migration and fails on a contracting call inside an `up`, and on an index that an
 * `up` adds to a table it did not create: such a table may hold data, and building the index inside the migration's
 * transaction would hold every write to it until the index is built; it is declared in src/db/online-indexes.ts
 * instead (decision 0014).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONLINE_INDEXES } from './online-indexes.ts';

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

/**
 * The migrations a source defines, one chunk each: migrations.ts holds several (`const m001_… =`), a file under
 * migrations/ one. A table counts as created only by the migration that creates it.
 */
function migrationChunks(source: string): string[] {
  const chunks = source.split(/(?=^(?:export )?const m\d{3}_)/m);
  return chunks.length > 1 ? chunks.slice(1) : chunks;
}

/**
 * Indexes an `up` builds on a table it does not create itself, as "file: index on table": createIndex, CREATE INDEX,
 * and the unique or primary-key constraints and unique columns an alterTable adds (each builds an index too).
 */
function indexesOnExistingTables(file: string, source: string): string[] {
  const found: string[] = [];
  for (const ups of migrationChunks(withoutDownBodies(source))) {
    const created = new Set([...ups.matchAll(/createTable\(\s*'([a-z0-9_]+)'/g), ...ups.matchAll(/\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z0-9_]+)/gi)].map((m) => m[1]!.toLowerCase()));
    const flag = (index: string, table: string) => {
      if (!created.has(table.toLowerCase())) found.push(`${path.basename(file)}: ${index} on ${table}`);
    };
    for (const m of ups.matchAll(/createIndex\(\s*'([a-z0-9_]+)'\s*\)[\s\S]{0,200}?\.on\(\s*'([a-z0-9_]+)'/g)) flag(m[1]!, m[2]!);
    for (const m of ups.matchAll(/\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z0-9_]+)"?\s+ON\s+"?([a-z0-9_]+)/gi)) flag(m[1]!, m[2]!);
    for (const m of ups.matchAll(/alterTable\(\s*'([a-z0-9_]+)'\s*\)((?:(?!alterTable\(|createTable\(|\.execute\(\))[\s\S]){0,400})/g)) {
      const built = /\.(addUniqueConstraint|addPrimaryKeyConstraint)\(|\.unique\(\)/.exec(m[2]!);
      if (built) flag(built[1] ?? 'unique column', m[1]!);
    }
  }
  return found;
}

/** Code of an `up` (comments left out) that names an online index: they exist only once every migration has run. */
function namesOnlineIndex(file: string, source: string): string[] {
  const code = withoutDownBodies(source).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return ONLINE_INDEXES.filter((ix) => new RegExp(`\\b${ix.name}\\b`).test(code)).map((ix) => `${path.basename(file)}: ${ix.name}`);
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

  it('flags an index an up adds to a table it did not create, and not one on a table it creates', () => {
    expect(indexesOnExistingTables('999-sample.ts', `const m = { async up(db) { await db.schema.alterTable('jobs').addColumn('k', 'text').execute(); await db.schema.createIndex('jobs_k').on('jobs').column('k').execute(); } };`)).toEqual(['999-sample.ts: jobs_k on jobs']);
    expect(indexesOnExistingTables('999-sample.ts', `const m = { async up(db) { await sql\`CREATE UNIQUE INDEX users_x ON users (x)\`.execute(db); } };`)).toEqual(['999-sample.ts: users_x on users']);
    expect(indexesOnExistingTables('999-sample.ts', `const m = { async up(db) { await db.schema.alterTable('users').addUniqueConstraint('users_u', ['a']).execute(); } };`)).toEqual(['999-sample.ts: addUniqueConstraint on users']);
    expect(indexesOnExistingTables('999-sample.ts', `const m = { async up(db) { await db.schema.alterTable('users').addColumn('code', 'text', (c) => c.unique()).execute(); } };`)).toEqual(['999-sample.ts: unique column on users']);
    expect(indexesOnExistingTables('999-sample.ts', `const m = { async up(db) { await db.schema.createTable('t').execute(); await db.schema.createIndex('t_a').on('t').column('a').execute(); await sql\`CREATE INDEX t_b ON t (b)\`.execute(db); } };`)).toEqual([]);
    // In migrations.ts, a table counts as created only by the migration that creates it.
    const inline = `const m001_a = { async up(db) { await db.schema.createTable('jobs').execute(); } };\nconst m002_b = { async up(db) { await db.schema.createIndex('jobs_x').on('jobs').column('x').execute(); } };`;
    expect(indexesOnExistingTables('migrations.ts', inline)).toEqual(['migrations.ts: jobs_x on jobs']);
  });

  it.each(MIGRATION_SOURCES.map((f) => [path.relative(DB_DIR, f), f]))('%s does not rely on an online index (they exist only after every migration)', (_name, file) => {
    expect(namesOnlineIndex(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(MIGRATION_SOURCES.map((f) => [path.relative(DB_DIR, f), f]))('%s builds no index on a table that may hold data (those are online indexes)', (_name, file) => {
    expect(indexesOnExistingTables(file, readFileSync(file, 'utf8')), 'declare it in src/db/online-indexes.ts: built after the migrations without blocking writes').toEqual([]);
  });

  it.each(MIGRATION_SOURCES.map((f) => [path.relative(DB_DIR, f), f]))('%s drops, renames and changes nothing in up', (_name, file) => {
    const found = contractingOperations(file, readFileSync(file, 'utf8')).filter((op) => !(op in REVIEWED_EXCEPTIONS));
    expect(found, 'expand only: drop or rename in a later release, once no running code reads it (docs/operations.md)').toEqual([]);
  });
});
