/**
 * Knowledge-hub search index (issue 12). Derived data: the rows are rebuilt from content/articles at every start
 * whose content (or index version) differs from the fingerprint in article_search_state, so nothing here is ever
 * the only copy of anything.
 *
 * SQLite: an FTS5 virtual table (sqlite.org/fts5.html). Tokenizer 'porter unicode61 remove_diacritics 2': words
 * split on Unicode letters and digits, accents removed (including on composed characters, option 2), English
 * stems by Porter; Dutch, French and German rows are stored already stemmed by src/core/articles/search-text.ts.
 * PostgreSQL: a plain table with a tsvector column, filled with to_tsvector(<language configuration>, folded text),
 * and a GIN index on it (postgresql.org/docs/current/textsearch-tables.html). No extension is needed: accents are
 * folded in JavaScript before indexing and before querying, since unaccent (contrib) is not installed everywhere.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connection.ts';

export const m023_article_search = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect === 'sqlite') {
      await sql`CREATE VIRTUAL TABLE article_search USING fts5(slug UNINDEXED, lang UNINDEXED, title, summary, body, keywords, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    } else {
      await db.schema
        .createTable('article_search')
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('keywords', 'text', (c) => c.notNull())
        .addColumn('document', sql`tsvector`, (c) => c.notNull())
        .addPrimaryKeyConstraint('article_search_pk', ['slug', 'lang'])
        .execute();
      await sql`CREATE INDEX article_search_document ON article_search USING gin (document)`.execute(db);
    }
    await db.schema
      .createTable('article_search_state')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('documents', 'integer', (c) => c.notNull())
      .addColumn('indexed_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('article_search_state').execute();
    await db.schema.dropTable('article_search').execute();
  },
});
