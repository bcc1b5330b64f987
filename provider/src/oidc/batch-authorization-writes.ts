// The browser's steps of an authorization (the authorization request, the login, consent and
// profile forms, the resume) write their OIDC artefacts and their audit entries in one commit
// per request (db/write-batch.ts): a login's last request writes five rows. The back-channel
// endpoints (token, userinfo, introspection, revocation, logout, the card API) write as they go:
// a consumed code, a new token or a revoked grant must be seen by other requests at once.
import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import { batchWrites } from '../../../db/write-batch.ts';

/** /auth, /auth/:uid (resume), /auth/:uid/login and /interaction/:uid/… */
const AUTHORIZATION_STEP = /^\/(?:auth|interaction)(?:\/|$)/;

export function batchAuthorizationWrites(db: Knex): Middleware {
  return (ctx, next) => (AUTHORIZATION_STEP.test(ctx.path) ? batchWrites(db, next) : next());
}
