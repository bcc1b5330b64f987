// The real aides-jeunes extract (../shared/data, AGPL-3.0: read as test input, nothing of it is
// copied here): what its import looks like to a citizen — plain text, searchable by its words and
// not by its markup, filed under the thematics a citizen would look in.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAidesJeunes } from '../../directory/src/catalogue/import-aides-jeunes.ts';
import { createCatalogueIndex } from '../../directory/src/catalogue/search.ts';
import type { Service } from '../../directory/src/catalogue/model.ts';

const DATA = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'aides-jeunes-bretagne.json');
const present = existsSync(DATA);
if (!present) console.warn(`Skipping the aides-jeunes catalogue test: ${DATA} is absent.`);

const MARKUP = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

describe.skipIf(!present)('the imported aides-jeunes extract', () => {
  let services: Service[];
  let nationalIds: string[];
  const byId = (id: string) => services.find((s) => s.id === id)!;

  beforeAll(() => {
    const json = JSON.parse(readFileSync(DATA, 'utf8')) as { nationalContrast: { id: string }[] };
    services = importAidesJeunes(json).services;
    nationalIds = json.nationalContrast.map((b) => b.id);
  });

  it('holds no markup in any title, description or note', () => {
    const withMarkup = services.filter((s) => [s.title, s.description, ...s.notes].some((t) => MARKUP.test(t)));
    expect(withMarkup.map((s) => s.id)).toEqual([]);
  });

  it('keeps the text of links with their address, and the line breaks of the source', () => {
    expect(byId('rsa').notes.join(' ')).toMatch(
      /contrat d’engagement réciproque \(https?:\/\/social-sante\.gouv\.fr\/\S+\)/,
    );
    expect(byId('caf-aide-nationale-bafa').description).toMatch(/:\n1\) /);
    expect(byId('intercommunalite_golfe_du_morbihan_vannes_agglomeration-aide-a-lhabillement').notes.join(' ')).toMatch(
      /au 02 97 01 65 25 ou par email à actionsociale@mairie-vannes\.fr\./,
    );
  });

  it('is found by its words, never by the words of its markup or addresses', () => {
    const index = createCatalogueIndex(services);
    for (const q of ['noopener', 'target', 'blank', 'href', 'nouvelle fenetre', 'https', 'www', 'abbr', 'strong'])
      expect(index.search({ q }).total, q).toBe(0);
    expect(index.search({ q: 'engagement réciproque' }).items.map((s) => s.id)).toContain('rsa');
  });

  it.each([
    ['aah', 'handicap'],
    ['aide_logement', 'logement'],
    ['af', 'famille'],
    ['css_participation_forfaitaire', 'sante'],
    ['cheque_energie', 'environnement'],
    ['cheque_energie', 'logement'],
    ['rsa', 'solidarite'],
    ['ppa', 'emploi'],
    ['bourse_criteres_sociaux', 'etudes'],
    ['contrat_engagement_jeune', 'emploi'],
    ['pass_culture', 'culture'],
    ['pass_sport', 'sport'],
    ['france-travail-aif', 'emploi'],
    ['departement-finistere-fsl-eligibilite', 'logement'],
    ['departement-finistere-apa-eligibilite', 'handicap'],
  ])('files %s under %s, where a search by thematic finds it', (id, thematic) => {
    expect(byId(id).thematics).toContain(thematic);
    const index = createCatalogueIndex(services);
    expect(index.search({ thematique: thematic, perPage: 500 }).items.map((s) => s.id)).toContain(id);
  });

  it('keeps the national aids for everyone out of "Jeunesse" and away from the "Jeunes" audience', () => {
    for (const id of ['rsa', 'ppa', 'aide_logement', 'aah', 'af', 'css_participation_forfaitaire', 'cheque_energie']) {
      expect(byId(id).thematics, id).not.toContain('jeunesse');
      expect(byId(id).audiences, id).not.toContain('jeunes');
    }
    expect(byId('aah').audiences).toContain('handicap');
    expect(byId('af').audiences).toContain('familles');
    const onlyJeunesse = nationalIds.filter((id) => byId(id).thematics.join() === 'jeunesse');
    expect(onlyJeunesse).toEqual(['caf-aide-nationale-bafa']);
  });
});
