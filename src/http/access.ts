import type { ApiScope } from '../core/account.ts';
import type { CompanyAction } from '../core/company-profile.ts';

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
  | { kind: 'ops' };

export const PUBLIC: Access = { kind: 'public' };
export const USER: Access = { kind: 'user' };
export const MFA_PENDING: Access = { kind: 'mfa_pending' };
export const OPS: Access = { kind: 'ops' };
export const company = (action: CompanyAction): Access => ({ kind: 'company', action });
export const api = (scope: ApiScope | null): Access => ({ kind: 'api', scope });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
