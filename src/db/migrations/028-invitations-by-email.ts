/**
 * Issue 13: every visit to the account page lists the open invitations for the visitor's e-mail address
 * (`listOpenInvitationsForEmail`). Without an index both engines read the whole invitations table, which grows with
 * every invitation ever sent; test/integration/query-plans.test.ts checks the plan.
 */
import type { Kysely, Migration } from 'kysely';

export const m028_invitations_by_email: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('invitations_email').on('invitations').column('email').execute();
  },
};
