// Every migration, in order. Listed explicitly (not read from the folder) so that the same
// code runs from a clean clone, from tests and from a bundled deployment.
import type { Knex } from 'knex';
import * as createOidcPayloads from './202611281200-create-oidc-payloads.ts';
import * as createOrganisations from './202611281300-create-organisations.ts';
import * as createAccounts from './202611281301-create-accounts.ts';
import * as createClients from './202611281302-create-clients.ts';
import * as createAccountCentre from './202611281400-create-account-centre.ts';
import * as createDirectory from './202611281500-create-directory.ts';
import * as createCards from './202611281600-create-cards.ts';
import * as createKeyMaterial from './202611281700-create-key-material.ts';
import * as createAdministration from './202611281800-create-administration.ts';
import * as createTerminalActivity from './202611281801-create-terminal-activity.ts';
import * as createDirectoryAdminAudit from './202611281900-create-directory-admin-audit.ts';
import * as slimOidcPayloadIndexes from './202611282000-slim-oidc-payload-indexes.ts';
import * as createStandingConsents from './202611282100-create-standing-consents.ts';
import * as addDirectorySessionSubjects from './202612011000-add-directory-session-subjects.ts';
import * as dropAccountLastLogin from './202612011100-drop-account-last-login.ts';
import * as createDpopProofs from './202612021000-create-dpop-proofs.ts';
import * as addAdminAuditTargetAccount from './202612021100-add-admin-audit-target-account.ts';

export type MigrationModule = {
  up: (db: Knex) => Promise<void>;
  down: (db: Knex) => Promise<void>;
};

export const migrations: ReadonlyArray<readonly [name: string, module: MigrationModule]> = [
  ['202611281200-create-oidc-payloads', createOidcPayloads],
  ['202611281300-create-organisations', createOrganisations],
  ['202611281301-create-accounts', createAccounts],
  ['202611281302-create-clients', createClients],
  ['202611281400-create-account-centre', createAccountCentre],
  ['202611281500-create-directory', createDirectory],
  ['202611281600-create-cards', createCards],
  ['202611281700-create-key-material', createKeyMaterial],
  ['202611281800-create-administration', createAdministration],
  ['202611281801-create-terminal-activity', createTerminalActivity],
  ['202611281900-create-directory-admin-audit', createDirectoryAdminAudit],
  ['202611282000-slim-oidc-payload-indexes', slimOidcPayloadIndexes],
  ['202611282100-create-standing-consents', createStandingConsents],
  ['202612011000-add-directory-session-subjects', addDirectorySessionSubjects],
  ['202612011100-drop-account-last-login', dropAccountLastLogin],
  ['202612021000-create-dpop-proofs', createDpopProofs],
  ['202612021100-add-admin-audit-target-account', addAdminAuditTargetAccount],
];
