// `npm run kms -- services import --format aides-jeunes FILE`: read, convert, validate, store,
// and report what was modelled and what was kept as unmodelled or as notes: nothing is lost
// silently. Running mes-services instances pick the new services up within a minute.
import fs from 'node:fs/promises';
import type { DirectoryServicesRepo } from '../../../db/repos/directory-services-repo.ts';
import { importAidesJeunes } from './import-aides-jeunes.ts';
import { parseService } from './schema.ts';
import { toStored } from './catalogue-store.ts';

export const IMPORT_FORMATS = ['aides-jeunes'] as const;

export async function importCatalogueFile(repo: DirectoryServicesRepo, format: string, file: string) {
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`unknown format "${format}" (known: ${IMPORT_FORMATS.join(', ')})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const { services, report } = importAidesJeunes(json);
  const valid = [];
  const rejected: { id: string; issues: string[] }[] = [];
  for (const service of services) {
    const parsed = parseService(service);
    if (parsed.ok) valid.push(parsed.service);
    else rejected.push({ id: service.id, issues: parsed.issues.slice(0, 5) });
  }
  await repo.upsertMany(valid.map(toStored));
  return { stored: valid.length, rejected, report };
}
