/**
 * What the search index holds for each article and language: the visible texts and the thesaurus keywords. The
 * repository turns these into each engine's form (stems for SQLite FTS5, folded text for PostgreSQL).
 */
import { LOCALES, type Locale } from '../locale.ts';
import type { Article } from './articles.ts';
import { thesaurusKeywords } from './search-thesaurus.ts';

/** Raised whenever the way documents are built or prepared changes, so that every index is rebuilt at the next start. */
export const SEARCH_INDEX_VERSION = 'articles-search-1';

export interface SearchDocument {
  slug: string;
  lang: Locale;
  title: string;
  summary: string;
  /** The paragraphs and the steps. */
  body: string;
  /** Thesaurus phrases, space-separated; never shown. */
  keywords: string;
}

export function searchDocuments(articles: readonly Article[]): SearchDocument[] {
  return articles.flatMap((a) =>
    LOCALES.map((lang) => {
      const t = a.text[lang];
      const body = [...t.body, ...t.steps].join('\n');
      return { slug: a.slug, lang, title: t.title, summary: t.summary, body, keywords: thesaurusKeywords(`${t.title}\n${t.summary}\n${body}`, lang).join(' · ') };
    }),
  );
}
