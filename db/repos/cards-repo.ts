// KorriGo cards, pairing codes, recognition consents and offline-list pseudonyms.
import type { Knex } from 'knex';
import { hotRead, placeholders } from '../hot-queries.ts';

export type CardStatus = 'active' | 'lost' | 'unlinked';
export type Card = {
  id: string;
  accountId: string;
  cardHash: string;
  keyVersion: number;
  status: CardStatus;
  createdAt: number;
};
export type CardEvent = { type: string; organisationSiren: string | null; createdAt: number };
export type CardConsent = { organisationSiren: string; attributes: string[]; createdAt: number };

/** What a check needs in one query: the card, its holder's consent for the organisation, the profile. */
export type CheckRow = {
  cardId: string;
  accountId: string;
  status: CardStatus;
  keyVersion: number;
  consent: string[] | null;
  profile: Record<string, unknown>;
};

/**
 * A check's one query, for n card hashes (one per card key version): the card, its holder's
 * consent for the terminal's organisation, and the profile the derived attributes come from.
 */
const checkSql = (n: number) => `select c.id, c.account_id, c.status, c.key_version, cc.attributes, p.data
  from cards c
  left join card_consents cc on cc.account_id = c.account_id and cc.organisation_siren = ?
  left join account_profiles p on p.account_id = c.account_id
  where c.card_hash in (${placeholders(n)}) and c.status in ('active', 'lost')`;

const toCard = (row: Record<string, unknown> | undefined): Card | undefined =>
  row && {
    id: row.id as string,
    accountId: row.account_id as string,
    cardHash: row.card_hash as string,
    keyVersion: Number(row.key_version),
    status: row.status as CardStatus,
    createdAt: Number(row.created_at),
  };

export type CardsRepo = ReturnType<typeof createCardsRepo>;

export function createCardsRepo(db: Knex, now: () => number = Date.now) {
  return {
    async createPairingCode(accountId: string, codeHash: string, ttlMs: number): Promise<void> {
      await db.transaction(async (trx) => {
        // One live code per account: a new one replaces the previous.
        await trx('card_pairing_codes')
          .where({ account_id: accountId })
          .whereNull('used_at')
          .update({ used_at: now() });
        await trx('card_pairing_codes').insert({
          code_hash: codeHash,
          account_id: accountId,
          expires_at: now() + ttlMs,
          used_at: null,
        });
      });
    },

    /** Marks the code used and returns its account, or undefined if unknown, expired or used. */
    async consumePairingCode(codeHash: string): Promise<string | undefined> {
      const updated = await db('card_pairing_codes')
        .where({ code_hash: codeHash })
        .whereNull('used_at')
        .andWhere('expires_at', '>', now())
        .update({ used_at: now() });
      if (updated !== 1) return undefined;
      return (await db('card_pairing_codes').where({ code_hash: codeHash }).first())?.account_id;
    },

    /** A card in use (active, or declared lost and so still blocked) behind any of these hashes. */
    async findInUseByHashes(hashes: string[]): Promise<Card | undefined> {
      return toCard(await db('cards').whereIn('card_hash', hashes).whereIn('status', ['active', 'lost']).first());
    },

    /**
     * Links the card. In the same transaction, the account's previous active card is unlinked,
     * and so is this same card if it had been declared lost (it was found again).
     */
    async link(card: {
      id: string;
      accountId: string;
      cardHash: string;
      keyVersion: number;
      sameCardHashes: string[];
    }): Promise<void> {
      const at = now();
      await db.transaction(async (trx) => {
        const previous = await trx('cards')
          .where({ account_id: card.accountId })
          .andWhere((q) =>
            q
              .where({ status: 'active' })
              .orWhere((r) => r.where({ status: 'lost' }).whereIn('card_hash', card.sameCardHashes)),
          );
        for (const old of previous) {
          await trx('cards').where({ id: old.id }).update({ status: 'unlinked', updated_at: at });
          await trx('card_events').insert({
            account_id: card.accountId,
            card_id: old.id,
            type: 'unlinked',
            created_at: at,
          });
        }
        await trx('cards').insert({
          id: card.id,
          account_id: card.accountId,
          card_hash: card.cardHash,
          key_version: card.keyVersion,
          status: 'active',
          created_at: at,
          updated_at: at,
        });
        await trx('card_events').insert({
          account_id: card.accountId,
          card_id: card.id,
          type: 'linked',
          created_at: at,
        });
      });
    },

    async currentCard(accountId: string): Promise<Card | undefined> {
      return toCard(
        await db('cards')
          .where({ account_id: accountId })
          .whereIn('status', ['active', 'lost'])
          .orderBy('created_at', 'desc')
          .first(),
      );
    },

    async setStatus(accountId: string, cardId: string, status: CardStatus, event: string): Promise<boolean> {
      const updated = await db('cards')
        .where({ id: cardId, account_id: accountId })
        .update({ status, updated_at: now() });
      if (updated)
        await db('card_events').insert({ account_id: accountId, card_id: cardId, type: event, created_at: now() });
      return updated === 1;
    },

    async rehash(cardId: string, cardHash: string, keyVersion: number): Promise<void> {
      await db('cards').where({ id: cardId }).update({ card_hash: cardHash, key_version: keyVersion });
    },

    async history(accountId: string): Promise<CardEvent[]> {
      const rows = await db('card_events').where({ account_id: accountId }).orderBy('id', 'desc').limit(100);
      return rows.map((r) => ({
        type: r.type,
        organisationSiren: r.organisation_siren,
        createdAt: Number(r.created_at),
      }));
    },

    async recordRecognition(accountId: string, cardId: string, siren: string): Promise<void> {
      await db('card_events').insert({
        account_id: accountId,
        card_id: cardId,
        type: 'recognised',
        organisation_siren: siren,
        created_at: now(),
      });
    },

    /** The card behind any of these hashes (any status), with what a check needs, in one query. */
    async forCheck(hashes: string[], siren: string): Promise<CheckRow | undefined> {
      const rows = await hotRead(db, checkSql(hashes.length), [siren, ...hashes]);
      // An active card wins over a lost one with the same identifier (lost, then paired again).
      const row = rows.find((r) => r.status === 'active') ?? rows[0];
      if (!row) return undefined;
      return {
        cardId: row.id as string,
        accountId: row.account_id as string,
        status: row.status as CardStatus,
        keyVersion: Number(row.key_version),
        consent: row.attributes ? (JSON.parse(row.attributes as string) as string[]) : null,
        profile: row.data ? (JSON.parse(row.data as string) as Record<string, unknown>) : {},
      };
    },

    async consents(accountId: string): Promise<CardConsent[]> {
      const rows = await db('card_consents').where({ account_id: accountId }).orderBy('organisation_siren');
      return rows.map((r) => ({
        organisationSiren: r.organisation_siren,
        attributes: JSON.parse(r.attributes),
        createdAt: Number(r.created_at),
      }));
    },

    async setConsent(accountId: string, siren: string, attributes: string[] | null): Promise<void> {
      if (attributes === null) {
        await db('card_consents').where({ account_id: accountId, organisation_siren: siren }).delete();
        return;
      }
      await db('card_consents')
        .insert({
          account_id: accountId,
          organisation_siren: siren,
          attributes: JSON.stringify(attributes),
          created_at: now(),
        })
        .onConflict(['account_id', 'organisation_siren'])
        .merge(['attributes']);
    },

    async saveOrganisationKeys(cardId: string, keys: { siren: string; listKey: string }[]): Promise<void> {
      if (keys.length === 0) return;
      await db('card_organisation_keys')
        .insert(keys.map((k) => ({ card_id: cardId, organisation_siren: k.siren, list_key: k.listKey })))
        .onConflict(['card_id', 'organisation_siren'])
        .merge(['list_key']);
    },

    /** Entries of an organisation's offline list: cards of holders who consented to it. */
    async offlineEntries(siren: string): Promise<
      {
        listKey: string;
        status: CardStatus;
        accountId: string;
        attributes: string[];
        profile: Record<string, unknown>;
      }[]
    > {
      const rows = await db('card_organisation_keys as k')
        .join('cards as c', 'c.id', 'k.card_id')
        .join('card_consents as cc', function () {
          this.on('cc.account_id', '=', 'c.account_id').andOn('cc.organisation_siren', '=', 'k.organisation_siren');
        })
        .leftJoin('account_profiles as p', 'p.account_id', 'c.account_id')
        .where('k.organisation_siren', siren)
        .whereIn('c.status', ['active', 'lost'])
        .select('k.list_key', 'c.status', 'c.account_id', 'cc.attributes', 'p.data');
      return rows.map((r) => ({
        listKey: r.list_key,
        status: r.status,
        accountId: r.account_id,
        attributes: JSON.parse(r.attributes),
        profile: r.data ? JSON.parse(r.data) : {},
      }));
    },
  };
}
