import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/processes.ts';
import { createDb } from '../../db/create-db.ts';

const SHARED = path.resolve(ROOT, '..', 'shared', 'data', 'aides-jeunes-bretagne.json');
const CLI = 'provider/src/admin/cli.ts';

// A record in the aides-jeunes format, written for this test.
const OWN_FIXTURE = {
  bretagne: [
    {
      id: 'test-aide-permis-brest',
      label: 'Aide au permis de conduire (test)',
      description: 'Une aide fictive pour les jeunes de Brest métropole.',
      institution: {
        slug: 'brest_metropole',
        label: 'Brest Métropole',
        type: 'epci',
        code_insee: null,
        code_siren: '242900314',
      },
      type: 'float',
      montant: 400,
      unit: '€',
      conditions_generales: [
        { type: 'age', operator: '<=', value: 25 },
        { type: 'epcis', values: ['242900314'] },
        { type: 'statut_occupation_logement', values: ['locataire'] },
      ],
      profils: [{ type: 'apprenti' }, { type: 'chomeur' }],
      conditions_textuelles_non_modelisees: ['Avoir réussi le code de la route.'],
      links: { link: 'https://www.brest.fr/aide-permis-test' },
    },
  ],
};

describe('npm run kms -- services import --format aides-jeunes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-import-'));
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, KEYS_DIR: path.join(dir, 'keys') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const stored = async (id: string) => {
    const db = await createDb(env.DATABASE_URL);
    try {
      const row = await db('directory_services').where({ id }).first();
      return row ? JSON.parse(row.data) : undefined;
    } finally {
      await db.destroy();
    }
  };

  it('imports a record, keeps its id, models what it can and keeps the rest explicit', async () => {
    const file = path.join(dir, 'own.json');
    fs.writeFileSync(file, JSON.stringify(OWN_FIXTURE));
    const result = runScript(CLI, ['services', 'import', '--format', 'aides-jeunes', file], env);
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.stored).toBe(1);
    expect(output.rejected).toEqual([]);
    const service = await stored('test-aide-permis-brest');
    expect(service.title).toBe('Aide au permis de conduire (test)');
    expect(JSON.stringify(service.eligibility)).toContain('"type":"unmodelled"');
    // The geographic condition becomes the service's zone, which the evaluator applies.
    expect(service.zone).toEqual({ type: 'authority' });
    expect(service.authority).toMatchObject({ level: 'epci', code: '242900314' });
    expect(service.notes.join(' ')).toContain('code de la route');
  });

  it('refuses an unknown format and an unreadable file with a message', () => {
    expect(runScript(CLI, ['services', 'import', '--format', 'csv', 'x.csv'], env).stderr).toContain(
      'unknown format "csv"',
    );
    expect(
      runScript(CLI, ['services', 'import', '--format', 'aides-jeunes', path.join(dir, 'none.json')], env).stderr,
    ).toContain('cannot read');
  });

  it.skipIf(!fs.existsSync(SHARED))('imports the 95 Breton aids of the shared file without loss', async () => {
    const result = runScript(CLI, ['services', 'import', '--format', 'aides-jeunes', SHARED], env);
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    const source = JSON.parse(fs.readFileSync(SHARED, 'utf8')) as { bretagne: { id: string }[] };
    expect(source.bretagne).toHaveLength(95);
    expect(output.rejected).toEqual([]);
    expect(output.report.skipped).toEqual([]);
    for (const { id } of source.bretagne) expect(await stored(id), id).toBeDefined();
    // What the directory stores is plain text, filed under the thematics a citizen looks in.
    const rsa = await stored('rsa');
    expect(JSON.stringify([rsa.description, rsa.notes])).not.toMatch(/<a |<br|noopener|target=/);
    expect(rsa.notes.join(' ')).toMatch(/contrat d’engagement réciproque \(https?:\/\/social-sante\.gouv\.fr\//);
    expect((await stored('aah')).thematics).toContain('handicap');
    expect((await stored('aide_logement')).thematics).toContain('logement');
  });
});
