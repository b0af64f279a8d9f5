/**
 * Knowledge-hub search use cases: keep the index in step with the content, and search it.
 * The index is derived data: it is rebuilt at start-up whenever the articles (or the way they are indexed) changed.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../core/articles/articles.ts';
import { SEARCH_INDEX_VERSION, searchDocuments } from '../core/articles/search-documents.ts';
import type { Locale } from '../core/locale.ts';
import { articleIndexFingerprint, lockArticleIndex, replaceArticleIndex, searchArticleSlugs } from '../db/repositories/article-search.repository.ts';
import type { AppDeps } from './deps.ts';
import { transact } from '../db/transaction.ts';

/** Enough for every article of a theme-wide question; the list page shows them all. */
export const MAX_RESULTS = 50;

/** Rebuilds the index when the content differs from what it was built from. Returns whether it rebuilt. */
export async function syncArticleIndex(deps: Pick<AppDeps, 'db' | 'dialect' | 'clock'>, articles: readonly Article[]): Promise<boolean> {
  const docs = searchDocuments(articles);
  const fingerprint = createHash('sha256').update(SEARCH_INDEX_VERSION).update(JSON.stringify(docs)).digest('hex');
  return transact(deps.db, async (trx) => {
    await lockArticleIndex(trx, deps.dialect);
    if ((await articleIndexFingerprint(trx)) === fingerprint) return false;
    await replaceArticleIndex(trx, deps.dialect, docs, fingerprint, deps.clock.now());
    return true;
  });
}

/** The articles matching a query, best first (the query is user text: any string is safe here). */
export async function searchArticles(deps: Pick<AppDeps, 'db' | 'dialect'>, articles: readonly Article[], lang: Locale, query: string): Promise<Article[]> {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const slugs = await searchArticleSlugs(deps.db, deps.dialect, lang, query, MAX_RESULTS);
  return slugs.flatMap((s) => bySlug.get(s) ?? []);
}
