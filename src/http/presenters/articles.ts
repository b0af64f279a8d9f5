/** Knowledge-hub articles as the pages and the API show them: addresses, lists by theme, related articles. */
import { loadContent } from '../../adapters/content.ts';
import type { Article } from '../../core/articles/articles.ts';
import { THEMES, type AssessmentCatalog, type Theme } from '../../core/assessment/catalog.ts';
import type { Locale } from '../../core/locale.ts';

/** The absolute path of an article's page, the `url` of the API. */
export function articlePath(lang: Locale, slug: string): string {
  return `/${lang}/articles/${encodeURIComponent(slug)}`;
}

export interface ArticleSummary {
  slug: string;
  title: string;
  summary: string;
  url: string;
}

export function summarize(a: Article, lang: Locale): ArticleSummary {
  return { slug: a.slug, title: a.text[lang].title, summary: a.text[lang].summary, url: articlePath(lang, a.slug) };
}

/** The articles grouped by the theme of their control, in catalogue order; guides (no control) come last as `null`. */
export function articlesByTheme(articles: readonly Article[], catalog: AssessmentCatalog): { theme: Theme | null; articles: Article[] }[] {
  const themeOf = new Map(catalog.controls.map((c) => [c.id, c.theme]));
  const groups: { theme: Theme | null; articles: Article[] }[] = [...THEMES, null].map((theme) => ({ theme, articles: [] }));
  for (const a of articles) groups.find((g) => g.theme === (a.controlId ? (themeOf.get(a.controlId) ?? null) : null))!.articles.push(a);
  return groups.filter((g) => g.articles.length > 0);
}

/** Other articles about the same threats: most threats in common first, then content order. */
export function relatedArticles(articles: readonly Article[], article: Article, max = 5): Article[] {
  const mine = new Set(article.threats);
  return articles
    .filter((a) => a.slug !== article.slug)
    .map((a, index) => ({ a, index, shared: a.threats.filter((t) => mine.has(t)).length }))
    .filter((x) => x.shared > 0)
    .sort((x, y) => y.shared - x.shared || x.index - y.index)
    .slice(0, max)
    .map((x) => x.a);
}

let byControl: Map<string, string> | undefined;

/**
 * The article of a control (every control has exactly one, checked when the content loads), for the plan items of
 * the quick scan and of the result page. Reads the content loaded at start-up (cached).
 */
export function controlArticle(controlId: string, lang: Locale): { slug: string; url: string } | null {
  byControl ??= new Map(loadContent().articles.flatMap((a) => (a.controlId ? [[a.controlId, a.slug] as const] : [])));
  const slug = byControl.get(controlId);
  return slug ? { slug, url: articlePath(lang, slug) } : null;
}
