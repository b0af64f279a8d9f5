/** Knowledge-hub search index (migration 023): derived from content/articles, rebuilt when the content changes. */

/**
 * One article in one language. On SQLite an FTS5 table (texts stored as stems, plus the hidden rowid and rank); on
 * PostgreSQL a table whose `document` tsvector is filled by the repository.
 */
export interface ArticleSearchTable {
  slug: string;
  lang: string;
  title: string;
  summary: string;
  body: string;
  keywords: string;
}

/** One row ('articles'): the fingerprint of the content the index was built from. */
export interface ArticleSearchStateTable {
  id: string;
  fingerprint: string;
  documents: number;
  indexed_at: string;
}
