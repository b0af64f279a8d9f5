/**
 * 008: the last TOTP time step accepted for each user, so a code is accepted once (RFC 6238 §5.2: "the verifier
 * MUST NOT accept the second attempt of the OTP after the successful validation"). An integer fits: the step is
 * Unix time / 30, about 5.9 × 10⁷ in 2026, far below 2³¹.
 */
import type { Kysely, Migration } from 'kysely';

export const m008_totpLastStep: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  },
};
