// Finds out once whether PostgreSQL answers at TEST_DATABASE_URL, so database tests also run
// there. With REQUIRE_POSTGRES=1 (CI), a missing server fails the run instead of skipping.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureUiBuilt } from '../../directory-ui/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(project: TestProject): Promise<void> {
  // mes-services serves the built front end: tests run against the current sources.
  await ensureUiBuilt();
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let available = false;
  try {
    await client.connect();
    await client.query('select 1');
    available = true;
  } catch (err) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required but does not answer at ${url}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    process.stdout.write(`\nPostgreSQL does not answer at ${url}: database tests run on SQLite only.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide('postgresUrl', available ? url : null);
}
