// Rows of oidc_payloads: what the oidc-provider adapter reads and writes. Expired rows are
// never returned, even before the periodic purge has removed them. Within a request that
// batches its writes (db/write-batch.ts), saving and deleting an artefact wait in the batch,
// and reading it by id or uid answers from there; anything else writes the batch first.
import type { Knex } from 'knex';
import { hotRead, hotWrite } from '../hot-queries.ts';
import { openBatch, writePendingNow } from '../write-batch.ts';

export type OidcPayload = Record<string, unknown>;

type Row = {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: string | number | null;
  consumed_at: string | number | null;
  account_id?: string | null;
};

/** The account an artefact belongs to, wherever oidc-provider keeps it in the payload. */
function accountOf(payload: OidcPayload): string | null {
  const nested = (key: string) => (payload[key] as { accountId?: unknown } | undefined)?.accountId;
  const result = payload.result as { login?: { accountId?: unknown } } | undefined;
  const candidate = payload.accountId ?? nested('session') ?? result?.login?.accountId;
  return typeof candidate === 'string' ? candidate : null;
}

// Saving an artefact replaces it whole, and a saved artefact is not consumed yet.
const UPSERT = `insert into oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at, account_id)
  values (?, ?, ?, ?, ?, ?, ?, null, ?)
  on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
    user_code = excluded.user_code, expires_at = excluded.expires_at, consumed_at = null, account_id = excluded.account_id`;
const DELETE = 'delete from oidc_payloads where model = ? and id = ?';
const LIVE = '(expires_at is null or expires_at > ?)';
const FIND_BY_ID = `select * from oidc_payloads where model = ? and id = ? and ${LIVE}`;
const FIND_BY_UID = `select * from oidc_payloads where model = ? and uid = ? and ${LIVE} limit 1`;
const FIND_BY_USER_CODE = `select * from oidc_payloads where model = ? and user_code = ? and ${LIVE} limit 1`;

export type OidcPayloadsRepo = ReturnType<typeof createOidcPayloadsRepo>;

/** What a batch holds of an artefact saved or deleted earlier in the request. */
type Pending = { deleted: true } | { deleted: false; json: string; uid: string | null; expiresAt: number | null };

const DELETED: Pending = { deleted: true };
const keyPrefix = (model: string) => `oidc_payloads\0${model}\0`;
const keyOf = (model: string, id: string) => keyPrefix(model) + id;

export function createOidcPayloadsRepo(db: Knex, now: () => number = Date.now) {
  const table = () => db<Row>('oidc_payloads');

  const live = (query: Knex.QueryBuilder<Row>) =>
    query.where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now()));

  const toPayload = (row: Row | undefined): OidcPayload | undefined => {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as OidcPayload;
    if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
    return payload;
  };

  /** A pending artefact as a read would find it once written: gone if deleted or expired. */
  const pendingPayload = (pending: Pending): OidcPayload | undefined =>
    pending.deleted || (pending.expiresAt !== null && pending.expiresAt <= now())
      ? undefined
      : (JSON.parse(pending.json) as OidcPayload);

  return {
    async upsert(model: string, id: string, payload: OidcPayload, expiresInSeconds?: number): Promise<void> {
      const json = JSON.stringify(payload);
      const uid = stringOrNull(payload.uid);
      const expiresAt = expiresInSeconds ? now() + expiresInSeconds * 1000 : null;
      const bindings = [
        model,
        id,
        json,
        stringOrNull(payload.grantId),
        uid,
        stringOrNull(payload.userCode),
        expiresAt,
        accountOf(payload),
      ];
      const batch = openBatch();
      if (batch) batch.put(keyOf(model, id), { sql: UPSERT, bindings }, { deleted: false, json, uid, expiresAt });
      else await hotWrite(db, UPSERT, bindings);
    },

    // The provider reads a session, an interaction or a grant at nearly every step of a login:
    // hot reads (db/hot-queries.ts).
    async find(model: string, id: string): Promise<OidcPayload | undefined> {
      const pending = openBatch()?.pending<Pending>(keyOf(model, id));
      if (pending) return pendingPayload(pending);
      return toPayload((await hotRead<Row>(db, FIND_BY_ID, [model, id, now()]))[0]);
    },

    async findByUid(model: string, uid: string): Promise<OidcPayload | undefined> {
      const batch = openBatch();
      for (const [, pending] of batch?.pendingUnder<Pending>(keyPrefix(model)) ?? []) {
        if (!pending.deleted && pending.uid === uid) return pendingPayload(pending);
      }
      const row = (await hotRead<Row>(db, FIND_BY_UID, [model, uid, now()]))[0];
      // Deleted in this request, or saved with another uid: not found, as after the batch.
      if (row && batch?.pending(keyOf(model, row.id))) return undefined;
      return toPayload(row);
    },

    async findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined> {
      await writePendingNow(db);
      return toPayload((await hotRead<Row>(db, FIND_BY_USER_CODE, [model, userCode, now()]))[0]);
    },

    // Consuming a code or a token must be seen at once by every other request: never batched.
    async consume(model: string, id: string): Promise<void> {
      await writePendingNow(db);
      await hotWrite(db, 'update oidc_payloads set consumed_at = ? where model = ? and id = ?', [now(), model, id]);
    },

    async destroy(model: string, id: string): Promise<void> {
      const batch = openBatch();
      if (batch) batch.put(keyOf(model, id), { sql: DELETE, bindings: [model, id] }, DELETED);
      else await hotWrite(db, DELETE, [model, id]);
    },

    async revokeByGrantId(model: string, grantId: string): Promise<void> {
      await writePendingNow(db);
      await table().where({ model, grant_id: grantId }).delete();
    },

    /** Live artefacts of one model that belong to an account (sessions, grants …). */
    async listByAccount(model: string, accountId: string): Promise<{ id: string; payload: OidcPayload }[]> {
      await writePendingNow(db);
      const rows: Row[] = await live(table().where({ model, account_id: accountId }));
      return rows.map((row) => ({ id: row.id, payload: toPayload(row)! }));
    },

    /** Deletes every artefact of a grant, whatever its model, and the grant itself. */
    async deleteGrant(grantId: string): Promise<void> {
      await writePendingNow(db);
      await table().where({ grant_id: grantId }).delete();
      await table().where({ model: 'Grant', id: grantId }).delete();
    },

    /** Deletes every artefact tied to an account (account deletion). */
    async deleteByAccount(accountId: string): Promise<void> {
      await writePendingNow(db);
      await table().where({ account_id: accountId }).delete();
    },

    /** Deletes the account's sessions except one (ending other sessions). */
    async deleteSessionsExcept(accountId: string, keepSessionId?: string): Promise<number> {
      await writePendingNow(db);
      const query = table().where({ model: 'Session', account_id: accountId });
      if (keepSessionId) query.whereNot({ id: keepSessionId });
      return query.delete();
    },

    /** Deletes expired rows; returns how many went. */
    async purgeExpired(): Promise<number> {
      await writePendingNow(db);
      return table().whereNotNull('expires_at').andWhere('expires_at', '<=', now()).delete();
    },
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
