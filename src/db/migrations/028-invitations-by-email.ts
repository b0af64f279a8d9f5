/**
 * Issue 13: every visit to the account page lists the open invitations for the visitor's e-mail address
 * (`listOpenInvitationsForEmail`). Without an index both engines read the whole invitations table, which grows with
 * every invitation ever sent; test/integration/query-plans.test.ts checks the plan.
 */
import type { Migration } from 'kysely';

export const m028_invitations_by_email: Migration = {
  // The index, invitations_email, is built online after the migrations (src/db/online-indexes.ts, decision 0014);
  // the migration stays, as databases that ran it record its name.
  async up() {},
};
