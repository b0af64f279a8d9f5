/** The company profile: what later features tailor their questions and advice to. Pure values and rules. */
import type { Locale } from './locale.ts';

export const REGIONS = ['brussels', 'flanders', 'wallonia', 'other'] as const;
export const EMAIL_PROVIDERS = ['microsoft365', 'google', 'other', 'none'] as const;
export const PERSONAL_DATA_KINDS = ['none', 'basic', 'sensitive'] as const;
export const ROLES = ['owner', 'admin', 'member'] as const;
/** The company's NIS2 status as the owner knows it (Belgian NIS2 law of 26 April 2024; CCB scope test). */
export const NIS2_STATUSES = ['essential', 'important', 'none', 'unknown'] as const;

export type Region = (typeof REGIONS)[number];
export type EmailProvider = (typeof EMAIL_PROVIDERS)[number];
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];
export type Role = (typeof ROLES)[number];
export type Nis2Status = (typeof NIS2_STATUSES)[number];

export interface CompanyProfile {
  name: string;
  enterpriseNumber: string | null;
  naceCode: string | null;
  employees: number | null;
  region: Region | null;
  language: Locale;
  website: boolean;
  webshop: boolean;
  emailProvider: EmailProvider;
  cardPayments: boolean;
  /** Left out by older API clients and forms: then the stored status is kept (new companies start 'unknown'). */
  nis2Status?: Nis2Status;
  personalData: PersonalDataKind;
  remoteWork: boolean;
  itProvider: boolean;
}

export interface Company extends CompanyProfile {
  id: string;
  nis2Status: Nis2Status;
  requireMfa: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Size classes of the EU SME definition (Recommendation 2003/361/EC), by headcount only. */
export function sizeClass(employees: number | null): 'self_employed' | 'micro' | 'small' | 'medium' | 'large' | null {
  if (employees === null) return null;
  if (employees === 0) return 'self_employed';
  if (employees < 10) return 'micro';
  if (employees < 50) return 'small';
  if (employees < 250) return 'medium';
  return 'large';
}

/** What each role may do in a company. Owners hold everything; admins manage people but not owners. */
export type CompanyAction =
  | 'view'
  | 'report'
  | 'edit_profile'
  | 'assess'
  | 'share_incident'
  | 'manage_members'
  | 'change_roles'
  | 'view_audit'
  | 'security_settings'
  /** Run phishing simulations and manage the staff list they go to (also open to a 'phishing' company grant). */
  | 'run_phishing'
  /** Join, leave, count in figures, grant answer access to an organisation (docs/organisations.md). */
  | 'manage_organisations'
  /** Accept or decline an organisation's campaign offer: whoever runs training and phishing (docs/organisations.md). */
  | 'answer_offers'
  /** Share the plan, provider checklist and scan report with an IT provider organisation, and revoke it (issue 12). */
  | 'share_with_provider';

const PERMISSIONS: Record<Role, readonly CompanyAction[]> = {
  owner: [
    'view',
    'report',
    'edit_profile',
    'assess',
    'share_incident',
    'manage_members',
    'change_roles',
    'view_audit',
    'security_settings',
    'run_phishing',
    'manage_organisations',
    'answer_offers',
    'share_with_provider',
  ],
  admin: ['view', 'report', 'edit_profile', 'assess', 'manage_members', 'run_phishing', 'answer_offers'],
  member: ['view', 'report'],
};

export function can(role: Role | null, action: CompanyAction): boolean {
  return role !== null && PERMISSIONS[role].includes(action);
}

/** The lowest role allowed an action: used to describe routes and to test them. */
export function minimumRole(action: CompanyAction): Role {
  if (PERMISSIONS.member.includes(action)) return 'member';
  if (PERMISSIONS.admin.includes(action)) return 'admin';
  return 'owner';
}

/**
 * Role changes: only owners change roles; a company always keeps at least one owner.
 * Returns the reason a change is refused, or null when it is allowed.
 */
export function roleChangeRefusal(
  actorRole: Role | null,
  targetRole: Role,
  newRole: Role | 'removed',
  ownerCount: number,
): 'not_allowed' | 'last_owner' | null {
  if (actorRole === 'owner') {
    if (targetRole === 'owner' && newRole !== 'owner' && ownerCount <= 1) return 'last_owner';
    return null;
  }
  // Admins may remove or invite plain members but never touch owners or admins, nor grant roles.
  if (actorRole === 'admin' && newRole === 'removed' && targetRole === 'member') return null;
  return 'not_allowed';
}
