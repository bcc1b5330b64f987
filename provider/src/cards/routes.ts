// The KorriGo terminal API: check a card, pair a card with a code, fetch the offline list.
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { SignJWT, importJWK, type JWK } from 'jose';
import { readJson } from '../../../platform/http/json.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { Terminal, TerminalAuth } from '../oidc/terminal-auth.ts';
import { TerminalAuthError } from '../oidc/terminal-auth.ts';
import type { CardsService } from './cards-service.ts';
import { methodNotAllowed, problemJson, refuseContentCoding } from './problem.ts';
import type { Limiter } from './unknown-card-limiter.ts';

export const OFFLINE_LIST_TTL_S = 24 * 60 * 60;

const checkBody = z
  .object({ uid: z.string().max(64), service: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) })
  .strict();
const pairBody = z.object({ uid: z.string().max(64), code: z.string().max(32) }).strict();

export type CardRoutesDeps = {
  issuer: string;
  auth: TerminalAuth;
  cards: CardsService;
  limiter: Limiter;
  logger: Logger;
  /** The current ES256 private key, which signs offline lists (published in the JWKS). */
  listSigningKey: { kid: string; jwk: JWK };
  organisationKeyOf: (siren: string) => string;
  activity?: { record(clientId: string, kind: 'check' | 'unrecognised' | 'pairing'): void };
};

export function createCardRoutes(deps: CardRoutesDeps): Router {
  const router = new Router({ prefix: '/api/cards' });
  // Every error of this API below is an AppError made into a problem (problem.ts), except the
  // OAuth errors of `terminalFor` (RFC 6750).
  router.use(problemJson);
  let signingKey: Promise<CryptoKey | Uint8Array> | undefined;

  const terminalFor = (scope: string) => async (ctx: Context, next: () => Promise<unknown>) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      ctx.state.terminal = await deps.auth.authenticate({
        authorization: ctx.get('authorization'),
        dpop: ctx.get('dpop') || undefined,
        method: ctx.method,
        url: `${deps.issuer}${ctx.path}`,
        scope,
      });
    } catch (err) {
      if (!(err instanceof TerminalAuthError)) throw err;
      // RFC 6750 / RFC 9449: the error in the body and in WWW-Authenticate.
      ctx.status = err.status;
      ctx.set('WWW-Authenticate', err.challenge);
      ctx.body = { error: err.error, error_description: err.message };
      return;
    }
    await next();
  };

  /** The body as JSON: uncompressed (problem.ts), application/json, at most 1 KiB. */
  const readBody = (ctx: Context) => {
    refuseContentCoding(ctx);
    return readJson(ctx, 1024);
  };

  const parse = <T extends z.ZodObject>(schema: T, value: unknown): z.infer<T> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new AppError(400, 'invalid_request', describeIssues(schema, parsed.error.issues));
    return parsed.data;
  };

  const throttled = (terminal: Terminal, bucket: 'check' | 'pair') => {
    const wait = deps.limiter.blocked(`${bucket}:${terminal.clientId}`);
    if (!wait) return;
    const what = bucket === 'check' ? 'de cartes non reconnues' : 'd’appariements refusés';
    throw new AppError(429, 'rate_limited', `Trop ${what} pour cette borne : réessayez plus tard.`, wait);
  };

  router.post('/check', terminalFor('korrigo:check'), async (ctx) => {
    const terminal: Terminal = ctx.state.terminal;
    const body = parse(checkBody, await readBody(ctx));
    throttled(terminal, 'check');
    const answer = await deps.cards.check({ uid: body.uid, terminalOrganisation: terminal.organisation });
    // Every answer a terminal cannot tell apart (unknown, unlinked, or a holder who did not
    // allow this organisation) is counted and logged alike: counting only cards without an
    // account would let a terminal learn, at the 21st try, that a card has one.
    const unrecognised = answer.reason === 'not_recognised';
    deps.activity?.record(terminal.clientId, unrecognised ? 'unrecognised' : 'check');
    if (unrecognised) {
      deps.limiter.record(`check:${terminal.clientId}`);
      // A security event: which terminal, never which card.
      deps.logger.warn(
        { event: 'korrigo.unrecognised_card', terminal: terminal.clientId, organisation: terminal.organisation },
        'security',
      );
    }
    ctx.body = answer;
  });

  router.post('/pair', terminalFor('korrigo:pair'), async (ctx) => {
    const terminal: Terminal = ctx.state.terminal;
    const body = parse(pairBody, await readBody(ctx));
    throttled(terminal, 'pair');
    const result = await deps.cards.pair({
      uid: body.uid,
      code: body.code,
      terminalOrganisation: terminal.organisation,
    });
    if (!result.ok) {
      deps.limiter.record(`pair:${terminal.clientId}`);
      deps.logger.warn(
        { event: 'korrigo.pairing_refused', reason: result.error, terminal: terminal.clientId },
        'security',
      );
      ctx.status = result.error === 'card_already_linked' ? 409 : 400;
      ctx.body = { status: 'refused', error: result.error };
      return;
    }
    deps.activity?.record(terminal.clientId, 'pairing');
    ctx.body = { status: 'paired' };
  });

  router.get('/offline-list', terminalFor('korrigo:check'), async (ctx) => {
    const terminal: Terminal = ctx.state.terminal;
    const entries = await deps.cards.offlineEntries(terminal.organisation);
    signingKey ??= importJWK(deps.listSigningKey.jwk, 'ES256');
    const jws = await new SignJWT({
      organisation: terminal.organisation,
      // Terminals of this organisation compute a card's pseudonym with this key; no other
      // organisation's list can be matched with it, and no list reveals an identifier.
      match_key: deps.organisationKeyOf(terminal.organisation),
      allowed: entries.allowed,
      blocked: entries.blocked,
    })
      .setProtectedHeader({ alg: 'ES256', kid: deps.listSigningKey.kid, typ: 'korrigo-offline-list+jwt' })
      .setIssuer(deps.issuer)
      .setAudience(terminal.clientId)
      .setIssuedAt()
      .setExpirationTime(`${OFFLINE_LIST_TTL_S}s`)
      .sign(await signingKey);
    ctx.type = 'application/jwt';
    ctx.body = jws;
  });

  // After the routes above: any other method on their paths.
  router.all('/check', methodNotAllowed('POST'));
  router.all('/pair', methodNotAllowed('POST'));
  router.all('/offline-list', methodNotAllowed('GET', 'HEAD'));

  return router;
}

/**
 * Which fields of the body are wrong, in French, naming only the schema's own fields: an
 * unknown key or a value sent is never quoted back (it may be a card number).
 */
function describeIssues(schema: z.ZodObject, issues: readonly z.core.$ZodIssue[]): string {
  const known = new Set(Object.keys(schema.shape));
  const fields = new Set<string>();
  let unknownKeys = false;
  let notAnObject = false;
  for (const issue of issues) {
    const field = issue.path[0];
    if (issue.code === 'unrecognized_keys') unknownKeys = true;
    else if (typeof field === 'string' && known.has(field)) fields.add(field);
    else notAnObject = true;
  }
  const parts: string[] = [];
  if (notAnObject) parts.push('le corps doit être un objet JSON');
  if (fields.size) parts.push(`champ manquant ou invalide : ${[...fields].join(', ')}`);
  if (unknownKeys) parts.push(`champ inconnu (seuls ${[...known].join(', ')} sont acceptés)`);
  return `Requête invalide : ${parts.join(' ; ')}.`;
}
