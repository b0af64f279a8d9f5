import { recordAudit, type AuditInput } from '../db/repositories/audit.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import { afterCommit } from '../db/transaction.ts';
import type { AppDeps } from './deps.ts';

/**
 * Records a security event; also logged, so operators see it without database access. Inside a transaction the line
 * is logged once it has committed: a rolled-back attempt's event did not happen (src/db/transaction.ts).
 */
export async function audit(deps: AppDeps, conn: Conn, event: AuditInput): Promise<void> {
  await recordAudit(conn, event, deps.clock.now().toISOString());
  afterCommit(conn, () => deps.log.info({ audit: event.type, userId: event.userId, companyId: event.companyId }, 'security event'));
}
