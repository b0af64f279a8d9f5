import { z } from 'zod';
import { API_SCOPES } from '../../../../core/account.ts';
import { EMAIL_PROVIDERS, NIS2_STATUSES, PERSONAL_DATA_KINDS, REGIONS, ROLES } from '../../../../core/company-profile.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { ERROR_CATALOG } from '../../../errors.ts';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CATALOG) as [keyof typeof ERROR_CATALOG, ...(keyof typeof ERROR_CATALOG)[]]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(LOCALES),
    mfaEnabled: z.boolean(),
    scopes: z.array(z.enum(API_SCOPES)),
  })
  .meta({ id: 'Me' });

export const CompanyProfileBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    enterpriseNumber: z.string().max(20).nullable(),
    naceCode: z.string().max(10),
    employees: z.number().int().min(0).max(100_000),
    region: z.enum(REGIONS).nullable(),
    language: z.enum(LOCALES),
    website: z.boolean(),
    webshop: z.boolean(),
    emailProvider: z.enum(EMAIL_PROVIDERS),
    cardPayments: z.boolean(),
    /** Optional: left out, the stored status is kept (new companies start 'unknown'). */
    nis2Status: z.enum(NIS2_STATUSES).optional(),
    personalData: z.enum(PERSONAL_DATA_KINDS),
    remoteWork: z.boolean(),
    itProvider: z.boolean(),
  })
  .strict()
  .meta({ id: 'CompanyProfile' });

export const CompanyOut = CompanyProfileBody.extend({
  id: z.uuid(),
  naceCode: z.string().nullable(),
  employees: z.number().int().nullable(),
  nis2Status: z.enum(NIS2_STATUSES),
  role: z.enum(ROLES),
  requireMfa: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Company' });

export const SectorOut = z.object({ code: z.string(), level: z.enum(['division', 'group', 'section']), title: z.string() }).meta({ id: 'Sector' });
