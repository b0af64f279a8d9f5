import type { ApiScope } from '../core/account.ts';
import type { CompanyAction } from '../core/company-profile.ts';
import type { OrgAction } from '../core/organisations/organisation.ts';

/**
 * Every route declares who may call it; a route without a declaration refuses to register. The one hook in
 * http/auth-hooks.ts enforces it, and test/authorization.test.ts walks every route with every role.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'mfa_pending' }
  | { kind: 'user' }
  | { kind: 'company'; action: CompanyAction }
  | { kind: 'api'; scope: ApiScope | null }
  /** Staff of the organisation in `:orgId` whose role allows the action (docs/organisations.md). */
  | { kind: 'org'; action: OrgAction }
  /** Platform administrators (users.is_admin): verification of organisations. */
  | { kind: 'platform_admin' }
  | { kind: 'ops' };

export const PUBLIC: Access = { kind: 'public' };
export const USER: Access = { kind: 'user' };
export const MFA_PENDING: Access = { kind: 'mfa_pending' };
export const OPS: Access = { kind: 'ops' };
export const company = (action: CompanyAction): Access => ({ kind: 'company', action });
export const org = (action: OrgAction): Access => ({ kind: 'org', action });
export const PLATFORM_ADMIN: Access = { kind: 'platform_admin' };
export const api = (scope: ApiScope | null): Access => ({ kind: 'api', scope });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
