/**
 * "Is my software safe?" (issue 12): the company's software list, its answers per product, the suggestions from its
 * profile and domain scans, and the plan items that follow (rules in core/software, docs/software.md).
 */
import type { User } from '../core/account.ts';
import type { Company } from '../core/company-profile.ts';
import type { Locale } from '../core/locale.ts';
import { PROVIDER_IDS, type Providers } from '../core/scan/providers.ts';
import type { Product, SoftwareCatalogue } from '../core/software/catalogue.ts';
import {
  parseSettings,
  providersFromScanResult,
  softwarePlanItems,
  suggestSoftware,
  type SoftwarePlanItem,
  type SoftwareSettings,
  type SoftwareSuggestion,
} from '../core/software/plan.ts';
import { findScan } from '../db/repositories/scan.repository.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import {
  deleteCompanySoftware,
  findCompanySoftware,
  insertCompanySoftware,
  listCompanySoftware,
  updateCompanySoftwareSettings,
} from '../db/repositories/software.repository.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { transact } from '../db/transaction.ts';

export interface ListedSoftware {
  product: Product;
  settings: SoftwareSettings;
  addedAt: string;
}

/** The company's list, joined with the catalogue (a product removed from the catalogue is left out, not shown broken). */
export async function listSoftware(deps: AppDeps, catalogue: SoftwareCatalogue, companyId: string): Promise<ListedSoftware[]> {
  const rows = await listCompanySoftware(deps.db, companyId);
  return rows.flatMap((r) => {
    const product = catalogue.byId.get(r.product_id);
    return product ? [{ product, settings: parseSettings(r.settings), addedAt: r.added_at }] : [];
  });
}

export function planItemsOf(catalogue: SoftwareCatalogue, listed: readonly ListedSoftware[], lang: Locale): SoftwarePlanItem[] {
  return softwarePlanItems(catalogue, listed.map((l) => ({ productId: l.product.id, settings: l.settings })), lang);
}

/** The plan items of a company's software, for the plan page and the API. */
export async function softwarePlan(deps: AppDeps, catalogue: SoftwareCatalogue, companyId: string, lang: Locale): Promise<{ listed: ListedSoftware[]; items: SoftwarePlanItem[] }> {
  const listed = await listSoftware(deps, catalogue, companyId);
  return { listed, items: planItemsOf(catalogue, listed, lang) };
}

/** What the latest finished scans of the company's verified domains saw (only proven domains: docs/scan.md). */
async function scannedProviders(deps: AppDeps, companyId: string): Promise<{ domain: string; providers: Providers }[]> {
  const out: { domain: string; providers: Providers }[] = [];
  for (const d of await listCompanyDomains(deps.db, companyId)) {
    if (!d.verified_at || !d.last_scan_id) continue;
    const scan = await findScan(deps.db, d.last_scan_id);
    if (scan?.status !== 'done' || !scan.result) continue;
    let result: unknown;
    try {
      result = JSON.parse(scan.result);
    } catch {
      continue;
    }
    out.push({ domain: d.domain, providers: providersFromScanResult(result, PROVIDER_IDS) });
  }
  return out;
}

export async function softwareSuggestions(deps: AppDeps, catalogue: SoftwareCatalogue, company: Company, listed: readonly ListedSoftware[]): Promise<SoftwareSuggestion[]> {
  return suggestSoftware(catalogue, { profile: company, scans: await scannedProviders(deps, company.id), listed: listed.map((l) => l.product.id) });
}

export type AddError = 'unknown_product' | 'already_listed';

export async function addSoftware(deps: AppDeps, catalogue: SoftwareCatalogue, company: Company, user: User, productId: string, ip: string): Promise<Result<object, AddError>> {
  if (!catalogue.byId.has(productId)) return { ok: false, error: 'unknown_product' };
  if (await findCompanySoftware(deps.db, company.id, productId)) return { ok: false, error: 'already_listed' };
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    await insertCompanySoftware(trx, { company_id: company.id, product_id: productId, settings: '{}', added_by: user.id, added_at: now, updated_at: now });
    await audit(deps, trx, { type: 'company.profile_updated', companyId: company.id, userId: user.id, ip, detail: { softwareAdded: productId } });
  });
  return { ok: true };
}

export async function removeSoftware(deps: AppDeps, company: Company, user: User, productId: string, ip: string): Promise<Result<object, 'not_listed'>> {
  const removed = await transact(deps.db, async (trx) => {
    const n = await deleteCompanySoftware(trx, company.id, productId);
    if (n > 0) await audit(deps, trx, { type: 'company.profile_updated', companyId: company.id, userId: user.id, ip, detail: { softwareRemoved: productId } });
    return n;
  });
  return removed > 0 ? { ok: true } : { ok: false, error: 'not_listed' };
}

/** Replaces the answers for one listed product; the audit detail names the product and the answers, nothing else. */
export async function saveSoftwareSettings(
  deps: AppDeps,
  company: Company,
  user: User,
  productId: string,
  settings: SoftwareSettings,
  ip: string,
): Promise<Result<object, 'not_listed'>> {
  if (!(await findCompanySoftware(deps.db, company.id, productId))) return { ok: false, error: 'not_listed' };
  await transact(deps.db, async (trx) => {
    await updateCompanySoftwareSettings(trx, company.id, productId, JSON.stringify(settings), deps.clock.now().toISOString());
    await audit(deps, trx, { type: 'company.profile_updated', companyId: company.id, userId: user.id, ip, detail: { softwareSettings: productId, ...settings } });
  });
  return { ok: true };
}
