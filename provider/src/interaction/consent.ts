// What the consent screen asks and what the citizen's answer grants. Pure: the routes turn
// the decision into an oidc-provider Grant and a consent record.
import { ATTRIBUTES, ROLE_SCOPE_CLAIMS, SCOPE_CLAIMS, isScope, type Attribute } from '../profile/attributes.ts';

/** Claims about the authentication itself, not about the citizen: never on the screen. */
const PROTOCOL_CLAIMS = new Set(['sub', 'sid', 'auth_time', 'acr', 'amr', 'nonce', 'at_hash', 'c_hash']);

export type ClaimsRequest = Record<string, Record<string, { essential?: boolean } | null> | undefined>;

export type ConsentRequest = {
  /** Scopes not yet granted or refused (oidc-provider's missingOIDCScope). */
  missingScopes: string[];
  /** Claims not yet granted or refused (missingOIDCClaims). */
  missingClaims: string[];
  /** The `claims` request parameter, parsed. */
  claimsParameter?: ClaimsRequest;
  /**
   * The scopes the app is registered for (`clients add --scope`); undefined: no restriction.
   * oidc-provider refuses other scopes, but releases any claim the Grant holds: a claim named in
   * the `claims` parameter is only ever offered when its scope is one of these.
   */
  allowedScopes?: ReadonlySet<string>;
};

export type ConsentItem = {
  attribute: Attribute;
  /** The claims of this attribute that the app asks for. */
  claims: string[];
  essential: boolean;
};

export function parseClaimsParameter(raw: unknown): ClaimsRequest | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ClaimsRequest) : undefined;
  } catch {
    return undefined;
  }
}

function essentialClaims(request?: ClaimsRequest): Set<string> {
  const essential = new Set<string>();
  for (const target of [request?.id_token, request?.userinfo]) {
    for (const [claim, spec] of Object.entries(target ?? {})) if (spec?.essential) essential.add(claim);
  }
  return essential;
}

const allowed = (request: ConsentRequest, scope: string) => !request.allowedScopes || request.allowedScopes.has(scope);

/** The attributes to show, in the order of the profile, each with the claims asked. */
export function consentItems(request: ConsentRequest): ConsentItem[] {
  const asked = new Set<string>(request.missingClaims);
  for (const scope of request.missingScopes) {
    if (isScope(scope)) for (const claim of SCOPE_CLAIMS[scope]) asked.add(claim);
  }
  const essential = essentialClaims(request.claimsParameter);
  return ATTRIBUTES.filter((attribute) => allowed(request, attribute.scope))
    .map((attribute) => {
      const claims = attribute.claims.filter((c) => asked.has(c) && !PROTOCOL_CLAIMS.has(c));
      return { attribute, claims, essential: claims.some((c) => essential.has(c)) };
    })
    .filter((item) => item.claims.length > 0);
}

/** Role claims (which organisations one administers) go with a role scope the app is registered for. */
function roleClaimAllowed(request: ConsentRequest, claim: string): boolean {
  return Object.entries(ROLE_SCOPE_CLAIMS).some(
    ([scope, claims]) => (claims as readonly string[]).includes(claim) && allowed(request, scope),
  );
}

export type ConsentDecision = {
  /** Scopes to add to the Grant (openid and offline_access included when asked). */
  grantScopes: string[];
  rejectScopes: string[];
  grantClaims: string[];
  rejectClaims: string[];
};

/**
 * The Grant for the ticked attributes. A scope is granted when at least one of its asked
 * claims was accepted; every asked claim that was not accepted is explicitly rejected, so
 * that a granted scope never carries an unticked attribute along.
 */
export function decideConsent(request: ConsentRequest, accepted: ReadonlySet<string>): ConsentDecision {
  const items = consentItems(request);
  const grantClaims: string[] = [];
  const rejectClaims: string[] = [];
  for (const item of items) {
    // A sensitive attribute is shared only when ticked, even when the app says it is essential.
    const yes = (item.essential && !item.attribute.sensitive) || accepted.has(item.attribute.id);
    (yes ? grantClaims : rejectClaims).push(...item.claims);
  }
  // Claims named in the `claims` parameter that the screen did not show: a role claim the app
  // may have, or what it may not ask (another scope's attribute, a role it does not hold). Left
  // undecided, oidc-provider would ask again after every answer.
  const shown = new Set(items.flatMap((item) => item.claims));
  for (const claim of request.missingClaims) {
    if (shown.has(claim) || PROTOCOL_CLAIMS.has(claim)) continue;
    (roleClaimAllowed(request, claim) ? grantClaims : rejectClaims).push(claim);
  }
  const grantScopes: string[] = [];
  const rejectScopes: string[] = [];
  for (const scope of request.missingScopes) {
    if (scope === 'openid' || scope === 'offline_access' || Object.hasOwn(ROLE_SCOPE_CLAIMS, scope)) {
      grantScopes.push(scope);
    } else if (isScope(scope)) {
      const claims: readonly string[] = SCOPE_CLAIMS[scope];
      (claims.some((c) => grantClaims.includes(c)) ? grantScopes : rejectScopes).push(scope);
    } else {
      rejectScopes.push(scope);
    }
  }
  return { grantScopes, rejectScopes, grantClaims, rejectClaims };
}
