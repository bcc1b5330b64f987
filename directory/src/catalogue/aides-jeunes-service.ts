// The descriptive side of an imported benefit: who provides it, where it applies, how to ask for
// it, what it gives, and the thematics and audiences the directory filters by.
import type { AidesJeunesBenefit, AidesJeunesCondition } from './aides-jeunes-format.ts';
import { numeric, strings } from './aides-jeunes-format.ts';
import type { Authority, Channel, Condition, Level, Service, Zone } from './model.ts';
import { thematicsAndAudiences } from './aides-jeunes-themes.ts';
import { contractArticles, departementBodyName } from '../eligibility/french.ts';
import { htmlToText } from './plain-text.ts';

const LEVELS: Record<string, Level> = {
  region: 'region',
  departement: 'departement',
  epci: 'epci',
  commune: 'commune',
  national: 'national',
};

export function authorityOf(benefit: AidesJeunesBenefit): Authority {
  const { label, type, code_insee: insee, code_siren: siren, slug } = benefit.institution;
  const level = LEVELS[type] ?? 'autre';
  // The source names the Région "Bretagne": "auprès de la Région Bretagne" reads right. A Breton
  // département's name is the territory's ("Département Ille-et-Vilaine" in the source reads
  // "Département d’Ille-et-Vilaine"), and "Ville de Le Relecq-Kerhuon" reads "Ville du Relecq-Kerhuon".
  const name =
    level === 'region' && !/^r[ée]gion\b/i.test(label)
      ? `Région ${label}`
      : ((level === 'departement' ? departementBodyName(insee ?? '') : undefined) ??
        // The source mixes ' and ’ in names; our French writes ’.
        contractArticles(label.trim()).replace(/'/g, '’'));
  const code =
    (level === 'epci' || level === 'national' || level === 'autre' ? siren : insee) || insee || siren || slug || type;
  return { name, level, code, ...(siren ? { siren } : {}) };
}

type ZoneList = 'regions' | 'departements' | 'communes' | 'epcis';

function sameAsAuthority(type: ZoneList, codes: string[], authority: Authority): boolean {
  const level = { regions: 'region', departements: 'departement', communes: 'commune', epcis: 'epci' }[type];
  return codes.length === 1 && authority.level === level && authority.code === codes[0];
}

function institutionZone(benefit: AidesJeunesBenefit, authority: Authority): Zone {
  if (['commune', 'epci', 'departement', 'region'].includes(authority.level)) return { type: 'authority' };
  const departments = benefit.institution.departments ?? [];
  if (departments.length) return { type: 'departements', codes: [...departments] };
  return { type: 'france' };
}

function collectivityZone(benefit: AidesJeunesBenefit, authority: Authority): Zone {
  const collectivity = benefit.aidesVelo?.collectivity;
  const code = collectivity?.code ?? collectivity?.value;
  if (!collectivity || !code) return institutionZone(benefit, authority);
  const kind = (collectivity.kind ?? '').normalize('NFD').replace(/\p{M}/gu, '');
  const type =
    kind === 'epci'
      ? 'epcis'
      : kind === 'code insee'
        ? 'communes'
        : kind === 'departement'
          ? 'departements'
          : kind === 'region'
            ? 'regions'
            : undefined;
  if (!type) return { type: 'france' };
  return sameAsAuthority(type, [code], authority) ? { type: 'authority' } : { type, codes: [code] };
}

export function zoneAndAuthority(
  benefit: AidesJeunesBenefit,
  zoneSource: AidesJeunesCondition | undefined,
  engine: 'openfisca' | 'aides-velo' | undefined,
): { zone: Zone; authority: Authority } {
  const authority = authorityOf(benefit);
  if (engine === 'aides-velo') return { authority, zone: collectivityZone(benefit, authority) };
  if (engine === 'openfisca') return { authority, zone: institutionZone(benefit, authority) };
  if (!zoneSource) return { authority, zone: { type: 'france' } };
  if (zoneSource.type === 'attached_to_institution') return { authority, zone: institutionZone(benefit, authority) };
  const type = zoneSource.type as ZoneList;
  const codes = strings(zoneSource.values);
  return { authority, zone: sameAsAuthority(type, codes, authority) ? { type: 'authority' } : { type, codes } };
}

const CHANNELS: [key: string, type: Channel['type'], label: string][] = [
  ['link', 'information', 'En savoir plus'],
  ['instructions', 'information', 'Comment faire la demande'],
  ['form', 'form', 'Formulaire de demande'],
  ['teleservice', 'online', 'Faire la demande en ligne'],
];

// The directory only links over https; the few plain http links of the source are to sites that
// serve https as well.
const secure = (url: string) => url.trim().replace(/^http:\/\//i, 'https://');

function channelsOf(benefit: AidesJeunesBenefit): Channel[] {
  const links = benefit.links ?? {};
  const channels: Channel[] = [];
  for (const [key, type, label] of CHANNELS) {
    const url = links[key];
    if (typeof url === 'string' && url.trim()) channels.push({ type, label, url: secure(url) });
  }
  const several = links.teleservices;
  if (several && typeof several === 'object') {
    for (const [name, url] of Object.entries(several)) {
      if (typeof url === 'string' && url.trim()) {
        channels.push({ type: 'online', label: `Faire la demande en ligne (${name.toUpperCase()})`, url: secure(url) });
      }
    }
  }
  return channels;
}

const PERIODS: Record<string, string> = { mensuelle: 'par mois', annuelle: 'par an' };
const amountFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

function amountOf(benefit: AidesJeunesBenefit): Service['amount'] {
  const value = numeric(benefit.montant);
  const unit = benefit.unit ?? (value !== undefined ? '€' : undefined);
  const legend = typeof benefit.legend === 'string' ? benefit.legend.trim() : '';
  const parts: string[] = [];
  if (value !== undefined) {
    parts.push(`${amountFormat.format(value)} ${unit}`);
    const period = PERIODS[benefit.periodicite ?? ''];
    if (period) parts.push(period);
  } else if (unit === '%' && legend) parts.push('Réduction');
  if (legend) parts.push(value !== undefined ? `(${legend})` : legend);
  if (!parts.length) return undefined;
  return { ...(value !== undefined ? { value } : {}), ...(unit ? { unit } : {}), text: parts.join(' ') };
}

export function describeService(
  benefit: AidesJeunesBenefit,
  conditions: Condition[],
): Pick<Service, 'title' | 'description' | 'thematics' | 'audiences' | 'channels' | 'amount'> {
  const amount = amountOf(benefit);
  return {
    title: htmlToText(benefit.label),
    description: typeof benefit.description === 'string' ? htmlToText(benefit.description) : '',
    ...thematicsAndAudiences(benefit, conditions),
    channels: channelsOf(benefit),
    ...(amount ? { amount } : {}),
  };
}
