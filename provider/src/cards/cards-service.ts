// KorriGo binding: pairing a card, recognising it at terminals, losing and unlinking it, and
// the citizen's recognition consents. Terminals get a decision and a pairwise `sub`, never
// the card identifier back, never more than the citizen chose.
import crypto from 'node:crypto';
import type { CardsRepo } from '../../../db/repos/cards-repo.ts';
import type { OrganisationsRepo, Organisation } from '../../../db/repos/organisations-repo.ts';
import type { AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import type { Mailer } from '../mail/mailer.ts';
import { cardLinkedMail } from '../mail/messages.ts';
import { pairwiseSubject, sectorOf } from '../oidc/pairwise.ts';
import {
  cardHash,
  hashPairingCode,
  newPairingCode,
  normaliseCardId,
  normalisePairingCode,
  organisationCardKey,
  type CardKey,
} from './card-id.ts';
import { holderAttributes, isCardAttribute } from './attributes.ts';

export const PAIRING_TTL_MS = 10 * 60 * 1000;

export type CheckAnswer = {
  decision: 'allow' | 'deny';
  reason: 'recognised' | 'not_recognised' | 'card_blocked' | 'invalid_card';
  holder: { sub: string; attributes: Record<string, unknown> } | null;
};

export type PairResult = { ok: true } | { ok: false; error: 'invalid_card' | 'invalid_code' | 'card_already_linked' };

export type CardsService = ReturnType<typeof createCardsService>;

export function createCardsService(deps: {
  cards: CardsRepo;
  organisations: OrganisationsRepo;
  accounts: AccountsRepo;
  mailer: Mailer;
  /** Card hash keys, newest first. */
  cardKeys: CardKey[];
  pairwiseKey: string;
  /** Key from which each organisation's offline-list key derives. */
  organisationKeyOf: (siren: string) => string;
  today?: () => Date;
}) {
  const { cards, organisations, cardKeys } = deps;
  const today = deps.today ?? (() => new Date());
  const newest = cardKeys[0]!;
  const hashesOf = (normalised: string) => cardKeys.map((key) => cardHash(key, normalised));
  const organisationCache = new Map<string, Organisation | undefined>();
  const organisation = async (siren: string) => {
    if (!organisationCache.has(siren)) organisationCache.set(siren, await organisations.findBySiren(siren));
    return organisationCache.get(siren);
  };
  // Offline-list pseudonyms already stored, so a check writes nothing in the common case.
  const knownKeys = new Set<string>();

  async function ensureOrganisationKey(cardId: string, siren: string, normalised: string) {
    const marker = `${cardId}:${siren}`;
    if (knownKeys.has(marker)) return;
    await cards.saveOrganisationKeys(cardId, [
      { siren, listKey: organisationCardKey(deps.organisationKeyOf(siren), normalised) },
    ]);
    knownKeys.add(marker);
  }

  return {
    async createPairingCode(accountId: string): Promise<string> {
      const code = newPairingCode();
      await cards.createPairingCode(accountId, hashPairingCode(code), PAIRING_TTL_MS);
      return code;
    },

    async pair(input: { uid: unknown; code: unknown; terminalOrganisation: string }): Promise<PairResult> {
      const normalised = normaliseCardId(input.uid);
      if (!normalised) return { ok: false, error: 'invalid_card' };
      const code = normalisePairingCode(input.code);
      if (!code) return { ok: false, error: 'invalid_code' };
      // A card another citizen uses, or declared lost, cannot be taken over by pairing it.
      const existing = await cards.findInUseByHashes(hashesOf(normalised));
      const accountId = await cards.consumePairingCode(hashPairingCode(code));
      if (!accountId) return { ok: false, error: 'invalid_code' };
      if (existing && existing.accountId !== accountId) return { ok: false, error: 'card_already_linked' };
      const cardId = crypto.randomUUID();
      await cards.link({
        id: cardId,
        accountId,
        cardHash: cardHash(newest, normalised),
        keyVersion: newest.version,
        sameCardHashes: hashesOf(normalised),
      });
      for (const consent of await cards.consents(accountId)) {
        await ensureOrganisationKey(cardId, consent.organisationSiren, normalised);
      }
      const account = await deps.accounts.findById(accountId);
      if (account) await deps.mailer.send(cardLinkedMail(account.email)).catch(() => undefined);
      return { ok: true };
    },

    async check(input: { uid: unknown; terminalOrganisation: string }): Promise<CheckAnswer> {
      const normalised = normaliseCardId(input.uid);
      if (!normalised) return { decision: 'deny', reason: 'invalid_card', holder: null };
      const row = await cards.forCheck(hashesOf(normalised), input.terminalOrganisation);
      const deny = (reason: CheckAnswer['reason']) => ({ decision: 'deny' as const, reason, holder: null });
      // Without the holder's consent for this organisation, a card is as unknown as any other.
      if (!row || row.consent === null) return deny('not_recognised');
      if (row.status === 'lost') return deny('card_blocked');
      const org = await organisation(input.terminalOrganisation);
      if (!org) return deny('not_recognised');
      if (row.keyVersion !== newest.version)
        await cards.rehash(row.cardId, cardHash(newest, normalised), newest.version);
      await ensureOrganisationKey(row.cardId, org.siren, normalised);
      return {
        decision: 'allow',
        reason: 'recognised',
        holder: {
          sub: pairwiseSubject(deps.pairwiseKey, sectorOf({ bzhOrganisation: org.siren, clientId: '' }), row.accountId),
          attributes: holderAttributes(row.consent, org, row.profile, today()),
        },
      };
    },

    async declareLost(accountId: string): Promise<boolean> {
      const card = await cards.currentCard(accountId);
      return card?.status === 'active' ? cards.setStatus(accountId, card.id, 'lost', 'lost') : false;
    },

    async unlink(accountId: string): Promise<boolean> {
      const card = await cards.currentCard(accountId);
      return card ? cards.setStatus(accountId, card.id, 'unlinked', 'unlinked') : false;
    },

    async setConsent(accountId: string, siren: string, attributes: string[] | null): Promise<boolean> {
      if (!(await organisation(siren))) return false;
      await cards.setConsent(accountId, siren, attributes === null ? null : attributes.filter(isCardAttribute));
      return true;
    },

    async overview(accountId: string) {
      const consents = await cards.consents(accountId);
      return {
        card: await cards.currentCard(accountId),
        history: await cards.history(accountId),
        consents: await Promise.all(
          consents.map(async (c) => ({ ...c, organisation: await organisation(c.organisationSiren) })),
        ),
      };
    },

    /** The entries of an organisation's offline list: allowed holders and blocked cards. */
    async offlineEntries(siren: string) {
      const org = await organisation(siren);
      if (!org) return { allowed: [], blocked: [] };
      const entries = await cards.offlineEntries(siren);
      const sector = sectorOf({ bzhOrganisation: siren, clientId: '' });
      return {
        allowed: entries
          .filter((e) => e.status === 'active')
          .map((e) => ({
            key: e.listKey,
            sub: pairwiseSubject(deps.pairwiseKey, sector, e.accountId),
            attributes: holderAttributes(e.attributes, org, e.profile, today()),
          })),
        blocked: entries.filter((e) => e.status === 'lost').map((e) => ({ key: e.listKey })),
      };
    },

    organisationName: async (siren: string) => (await organisation(siren))?.name,
  };
}
