import { recordAudit, type AuditInput } from '../db/repositories/audit.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { AppDeps } from './deps.ts';

/** Records a security event; also logged, so operators see it without database access. */
export async function audit(deps: AppDeps, conn: Conn, event: AuditInput): Promise<void> {
  await recordAudit(conn, event, deps.clock.now().toISOString());
  deps.log.info({ audit: event.type, userId: event.userId, companyId: event.companyId }, 'security event');
}
