// Every migration, in order. Listed explicitly (not read from the folder) so that the same
// code runs from a clean clone, from tests and from a bundled deployment.
import type { Knex } from 'knex';
import * as createOidcPayloads from './202611281200-create-oidc-payloads.ts';

export type MigrationModule = {
  up: (db: Knex) => Promise<void>;
  down: (db: Knex) => Promise<void>;
};

export const migrations: ReadonlyArray<readonly [name: string, module: MigrationModule]> = [
  ['202611281200-create-oidc-payloads', createOidcPayloads],
];
