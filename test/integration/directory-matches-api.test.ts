// POST /api/matches as a caller types it by hand: values nested thousands deep or too large for a
// number, a commune code from before a merger, a residence given without its commune, an activity
// and a study year that disagree, another method than POST, and a `page` that means nothing here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';

type Reason = { status: string; text: string; children?: Reason[] };
type Match = { service: { id: string }; status: string; missing: { claim: string }[]; reasons: Reason[] };
type Matches = { matches: Match[]; notes?: string[] };
type Problem = { type: string; title: string; status: number; code: string; detail: string };

const ENGLISH = /\b(invalid|expected|too small|too big|unrecognized|received|option|must|null)\b/i;

describe('POST /api/matches with what a caller may type', () => {
  let platform: RunningPlatform;
  const api = (path: string, init?: RequestInit) => fetch(`${platform.directoryUrl}${path}`, init);
  const post = (body: string, path = '/api/matches') =>
    api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const matchesOf = async (claims: unknown) => {
    const res = await post(JSON.stringify(claims));
    expect(res.status).toBe(200);
    return (await res.json()) as Matches;
  };
  const matchOf = async (claims: unknown, id: string) =>
    (await matchesOf(claims)).matches.find((m) => m.service.id === id)!;
  const problemOf = async (res: Response, status = 400) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as Problem;
  };

  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.close();
  });

  describe('a value nested deep or too large', () => {
    const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

    it.each([
      ['bzh_quotient_familial', 5000, '1'],
      ['birthdate', 8000, '"2004-05-01"'],
      ['bzh_children_birthyears', 7000, '2010'],
    ])('refuses %s nested %i levels deep with a French 400 that shows its beginning', async (claim, levels, inner) => {
      const body = `{"${claim}":${nested(levels, inner)}}`;
      expect(body.length).toBeLessThan(16 * 1024);
      const problem = await problemOf(await post(body));
      expect(problem.code).toBe('invalid_parameters');
      expect(problem.title).toMatch(new RegExp(`^Champ « ${claim} » invalide : `));
      expect(problem.detail).toMatch(/^Reçu « \[\[\[\[+… »/);
      expect(problem.detail).not.toMatch(ENGLISH);
    });

    it('says that a number too large to be read was received, rather than « null »', async () => {
      const problem = await problemOf(await post('{"bzh_quotient_familial":1e400}'));
      expect(problem.title).toMatch(/^Champ « bzh_quotient_familial » invalide : un montant en euros par mois/);
      expect(problem.detail).toBe('Reçu un nombre trop grand pour être lu (au-delà de 10³⁰⁸ en valeur absolue).');
      const years = await problemOf(await post('{"bzh_children_birthyears":[2010,-1e400]}'));
      expect(years.detail).toBe(
        'Reçu un nombre trop grand pour être lu (au-delà de 10³⁰⁸ en valeur absolue) (2e valeur).',
      );
    });

    it('shows an infinite number inside a value as ∞, never as null', async () => {
      const problem = await problemOf(await post('{"bzh_disability_rate":[1e400]}'));
      expect(problem.detail).toBe('Reçu « [∞] ».');
    });
  });

  describe('the code of a commune that is part of another', () => {
    it('matches Binic (22007) as Binic-Étables-sur-Mer, and says so', async () => {
      const former = await matchesOf({ bzh_commune: '22007', birthdate: '2004-05-01' });
      const current = await matchesOf({ bzh_commune: '22055', birthdate: '2004-05-01' });
      expect(former.matches).toEqual(current.matches);
      expect(former.notes).toEqual([
        'Le code INSEE 22007 est celui de Binic, commune déléguée de Binic-Étables-sur-Mer : les réponses valent pour Binic-Étables-sur-Mer (22055).',
      ]);
      expect(current.notes).toBeUndefined();
    });

    it('matches a Paris arrondissement as Paris', async () => {
      const { notes, matches } = await matchesOf({ bzh_commune: '75101' });
      expect(notes).toEqual([
        'Le code INSEE 75101 est celui de Paris 1er Arrondissement, arrondissement municipal de Paris : les réponses valent pour Paris (75056).',
      ]);
      expect(matches.find((m) => m.service.id === 'region-manuels-scolaires-gratuits')?.status).toBe('ineligible');
    });

    it('checks the other residence claims against the current commune', async () => {
      const problem = await problemOf(await post(JSON.stringify({ bzh_commune: '22007', bzh_departement: '29' })));
      expect(problem.code).toBe('inconsistent_residence');
      expect(problem.detail).toMatch(/Binic-Étables-sur-Mer \(22055\) est dans le département Côtes-d’Armor \(22\)/);
    });

    it('refuses such a code as a filter, naming the current commune’s code', async () => {
      const problem = await problemOf(await api('/api/services?commune=22007'));
      expect(problem.title).toMatch(/^Paramètre « commune » invalide/);
      expect(problem.detail).toBe(
        'Le code INSEE 22007 est celui de Binic, commune déléguée de Binic-Étables-sur-Mer : utilisez le code de Binic-Étables-sur-Mer, 22055.',
      );
    });
  });

  describe('a residence given without its commune', () => {
    it('settles the région from the département alone', async () => {
      const manuals = await matchOf({ bzh_departement: '35' }, 'region-manuels-scolaires-gratuits');
      expect(manuals.reasons[0]).toEqual({
        status: 'true',
        text: 'Vous habitez l’Ille-et-Vilaine : le service est réservé aux habitants de la région Bretagne.',
      });
      expect(manuals.missing.map((m) => m.claim)).not.toContain('bzh_commune');
    });

    it('settles the département from an EPCI lying in one, and names the EPCI with its article', async () => {
      const autonomy = await matchOf({ bzh_epci: '200067932' }, 'morbihan-maison-de-l-autonomie');
      expect(autonomy.status).toBe('eligible');
      expect(autonomy.reasons[0]!.text).toBe(
        'Vous habitez la Communauté d’agglomération Golfe du Morbihan - Vannes Agglomération : le service est réservé aux habitants du Morbihan.',
      );
    });
  });

  describe('an activity and a study year that disagree', () => {
    const profile = { birthdate: '2008-03-03', bzh_commune: '35238' };

    it('reads « étudiant » in terminale as a lycéen, as the lycée aid expects', async () => {
      const manuals = await matchOf(
        { ...profile, bzh_activity: 'etudiant', bzh_study_level: 'terminale' },
        'region-manuels-scolaires-gratuits',
      );
      // Still « à vérifier »: the lycée must be in Brittany, which no claim says.
      expect(manuals.status).toBe('unknown');
      expect(manuals.reasons.map((r) => r.text)).toContain(
        'Vous êtes en terminale, donc lycéen ou lycéenne : il faut être lycéen ou lycéenne.',
      );
    });

    it('reads « lycéen » in licence 1 as a student, not a lycéen', async () => {
      const manuals = await matchOf(
        { ...profile, bzh_activity: 'lyceen', bzh_study_level: 'licence_1' },
        'region-manuels-scolaires-gratuits',
      );
      expect(manuals.status).toBe('ineligible');
    });
  });

  describe('methods and query parameters', () => {
    it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
      'answers %s /api/matches with a 405 that allows POST',
      async (method) => {
        const problem = await problemOf(await api('/api/matches', { method }), 405);
        expect(problem).toEqual({
          type: 'about:blank',
          title: `La méthode ${method} n’est pas acceptée à cette adresse de l’API`,
          status: 405,
          code: 'method_not_allowed',
          detail: 'Méthodes acceptées : POST.',
        });
      },
    );

    it('sends the Allow header, GET and HEAD for an address that is read', async () => {
      const matches = await api('/api/matches', { method: 'PUT' });
      expect(matches.headers.get('allow')).toBe('POST');
      const services = await api('/api/services', { method: 'POST' });
      expect(services.status).toBe(405);
      expect(services.headers.get('allow')).toBe('HEAD, GET');
      const one = await api('/api/services/rennes-piscines-tarif-reduit', { method: 'DELETE' });
      expect(one.status).toBe(405);
    });

    it('still answers 404 for an address the API does not have', async () => {
      const problem = await problemOf(await api('/api/nothing-here', { method: 'POST' }), 404);
      expect(problem.title).toBe('Cette adresse de l’API n’existe pas.');
    });

    it('refuses `page` on a match list, which is never paged', async () => {
      const problem = await problemOf(await post('{}', '/api/matches?page=2'));
      expect(problem.title).toBe('Paramètre inconnu : « page »');
      expect(problem.detail).toBe('Paramètres acceptés : q, thematique, niveau, commune.');
      expect((await post('{}', '/api/matches?thematique=culture')).status).toBe(200);
    });
  });
});
