import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** Repositories take the database or an open transaction first, so use cases decide the transaction scope. */
export type Conn = Kysely<Database> | Transaction<Database>;
