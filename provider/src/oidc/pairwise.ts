// Pairwise subject identifiers: one `sub` per sector, a keyed hash of (sector, account).
// The sector is the client's organisation (all apps of one collectivity see the same `sub`)
// unless the client was given its own sector. It never depends on the redirect host.
import crypto from 'node:crypto';

export function pairwiseSubject(key: string, sector: string, accountId: string): string {
  return crypto.createHmac('sha256', key).update(`${sector}\u0000${accountId}`).digest('base64url');
}

export type SectorSource = { bzhSector?: unknown; bzhOrganisation?: unknown; clientId: string };

/** The sector a client belongs to: its own sector id, else its organisation, else itself. */
export function sectorOf(client: SectorSource): string {
  if (typeof client.bzhSector === 'string' && client.bzhSector) return `sector:${client.bzhSector}`;
  if (typeof client.bzhOrganisation === 'string' && client.bzhOrganisation) return `org:${client.bzhOrganisation}`;
  return `client:${client.clientId}`;
}
