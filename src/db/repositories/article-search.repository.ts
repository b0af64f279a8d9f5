/**
 * The knowledge-hub search index behind one interface for both engines (docs/content.md, "Search"):
 * SQLite FTS5 with stems prepared in core, PostgreSQL full-text search with its language configurations. The visitor's
 * words reach SQL only as bound parameters, and only as folded letters and digits (src/core/articles/search-text.ts),
 * so no input can form FTS5 or tsquery syntax.
 */
import { sql } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { Locale } from '../../core/locale.ts';
import { cleanText, fts5Query, queryWords, stems } from '../../core/articles/search-text.ts';
import type { SearchDocument } from '../../core/articles/search-documents.ts';
import type { Conn } from './types.ts';

const STATE_ID = 'articles';

/** PostgreSQL's built-in text search configuration per language (present in every installation, no extension). */
const PG_CONFIG: Record<Locale, string> = { nl: 'dutch', fr: 'french', de: 'german', en: 'english' };

/** Serialises rebuilds between processes starting at the same time (PostgreSQL); SQLite has one writer anyway. */
export async function lockArticleIndex(trx: Conn, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext('schild.article_search'))`.execute(trx);
}

export async function articleIndexFingerprint(db: Conn): Promise<string | undefined> {
  const row = await db.selectFrom('article_search_state').select('fingerprint').where('id', '=', STATE_ID).executeTakeFirst();
  return row?.fingerprint;
}

/** Replaces the whole index (it is derived data) and records the fingerprint it was built from. Run in a transaction. */
export async function replaceArticleIndex(trx: Conn, dialect: Dialect, docs: readonly SearchDocument[], fingerprint: string, now: Date): Promise<void> {
  await trx.deleteFrom('article_search').execute();
  for (const d of docs) {
    if (dialect === 'sqlite') {
      const prep = (text: string) => stems(text, d.lang).join(' ');
      await trx
        .insertInto('article_search')
        .values({ slug: d.slug, lang: d.lang, title: prep(d.title), summary: prep(d.summary), body: prep(d.body), keywords: prep(d.keywords) })
        .execute();
    } else {
      const [title, summary, body, keywords] = [cleanText(d.title), cleanText(d.summary), cleanText(d.body), cleanText(d.keywords)];
      const cfg = PG_CONFIG[d.lang];
      // Weights (textsearch-controls.html §12.3.3): title and thesaurus keywords A, summary B, body C.
      await sql`INSERT INTO article_search (slug, lang, title, summary, body, keywords, document) VALUES (${d.slug}, ${d.lang}, ${title}, ${summary}, ${body}, ${keywords},
        setweight(to_tsvector(${cfg}::regconfig, ${title}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${keywords}), 'A') ||
        setweight(to_tsvector(${cfg}::regconfig, ${summary}), 'B') || setweight(to_tsvector(${cfg}::regconfig, ${body}), 'C'))`.execute(trx);
    }
  }
  const state = { fingerprint, documents: docs.length, indexed_at: now.toISOString() };
  await trx.deleteFrom('article_search_state').where('id', '=', STATE_ID).execute();
  await trx.insertInto('article_search_state').values({ id: STATE_ID, ...state }).execute();
}

/**
 * Slugs of the articles in `lang` that contain every searched word (by stem, with or without accents), best first.
 * Empty when the query has no word left to search for (only punctuation or small words).
 */
export async function searchArticleSlugs(db: Conn, dialect: Dialect, lang: Locale, query: string, limit: number): Promise<string[]> {
  if (dialect === 'sqlite') {
    const match = fts5Query(query, lang);
    if (match === null) return [];
    // bm25 weights follow the column order: slug, lang (not indexed), title, summary, body, keywords.
    const { rows } = await sql<{ slug: string }>`SELECT slug FROM article_search WHERE article_search MATCH ${match} AND lang = ${lang}
      ORDER BY bm25(article_search, 0, 0, 10.0, 4.0, 1.0, 8.0), slug LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.slug);
  }
  const terms = queryWords(query, lang);
  if (terms.length === 0) return [];
  const cfg = PG_CONFIG[lang];
  // plainto_tsquery: the words are ANDed and never parsed as operators (textsearch-controls.html §12.3.2).
  const { rows } = await sql<{ slug: string }>`SELECT slug FROM article_search, plainto_tsquery(${cfg}::regconfig, ${terms.join(' ')}) AS q
    WHERE lang = ${lang} AND document @@ q ORDER BY ts_rank(document, q) DESC, slug LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.slug);
}
