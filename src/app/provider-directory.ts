/** The public directory of IT providers (issue 12): listed providers as cards, filtered, ordered and paged. */
import { brusselsDate } from '../core/providers/certifications.ts';
import { buildCard, matchesFilter, orderCards, pageOf, type DirectoryFilter, type ProviderCard } from '../core/providers/directory.ts';
import { listDirectoryClaims, listListedProviders, listTrackPasses } from '../db/repositories/provider-directory.repository.ts';
import type { AppDeps } from './deps.ts';

async function cardsOf(deps: AppDeps, organisationId?: string): Promise<ProviderCard[]> {
  const providers = await listListedProviders(deps.db, organisationId);
  const ids = providers.map((p) => p.organisationId);
  const [claims, passes] = await Promise.all([listDirectoryClaims(deps.db, ids), listTrackPasses(deps.db, ids)]);
  const today = brusselsDate(deps.clock.now());
  return providers.map((p) =>
    buildCard(
      p,
      claims.filter((c) => c.organisationId === p.organisationId),
      passes.get(p.organisationId) ?? new Map(),
      today,
    ),
  );
}

/** Every listed provider matching the filter, in directory order (the API's list). */
export async function directoryCards(deps: AppDeps, filter: DirectoryFilter): Promise<ProviderCard[]> {
  return orderCards((await cardsOf(deps)).filter((c) => matchesFilter(c.profile, filter)));
}

/** One page of the directory (the site's list). */
export async function searchDirectory(deps: AppDeps, filter: DirectoryFilter, page: number): Promise<{ items: ProviderCard[]; page: number; pages: number; total: number }> {
  const all = await directoryCards(deps, filter);
  return { ...pageOf(all, page), total: all.length };
}

/** One listed provider's card, or undefined when it is not listed (or not an IT provider). */
export async function directoryEntry(deps: AppDeps, organisationId: string): Promise<ProviderCard | undefined> {
  return (await cardsOf(deps, organisationId))[0];
}
