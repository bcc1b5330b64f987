import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/processes.ts';

function startWith(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-bad-'));
  try {
    return runScript('provider/src/main.ts', [], {
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
      KEYS_DIR: path.join(dir, 'keys'),
      PORT: '1',
      ...env,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function expectCleanRefusal(result: ReturnType<typeof startWith>, mentions: RegExp) {
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^mon-compte: cannot start: /);
  expect(result.stderr).toMatch(mentions);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('a bad configuration stops the start with one clear message', () => {
  it('refuses a DATABASE_URL that is neither sqlite: nor postgres://', () => {
    expectCleanRefusal(startWith({ DATABASE_URL: 'nonsense' }), /DATABASE_URL must start with sqlite:/);
  });

  it('refuses a PORT that is not a number', () => {
    expectCleanRefusal(startWith({ PORT: 'abc' }), /PORT must be a port number.*"abc"/);
  });

  it('reports every problem at once', () => {
    const result = startWith({ PORT: 'abc', DATABASE_URL: 'nonsense' });
    expectCleanRefusal(result, /PORT/);
    expect(result.stderr).toMatch(/DATABASE_URL/);
  });

  it('refuses a KEYS_DIR it cannot write', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kms-file-')), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    expectCleanRefusal(startWith({ KEYS_DIR: path.join(file, 'keys') }), /KEYS_DIR .* is not usable/);
  });

  it('refuses a database it cannot reach', () => {
    expectCleanRefusal(
      startWith({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }),
      /cannot open the database postgres:\/\/nobody@127\.0\.0\.1:1\/none/,
    );
  });

  it('refuses to run in production over http or without secrets', () => {
    const result = startWith({ NODE_ENV: 'production', ISSUER: 'http://mon-compte.bzh' });
    expectCleanRefusal(result, /ISSUER must be an https URL in production/);
    expect(result.stderr).toMatch(/COOKIE_KEYS is required in production/);
    expect(result.stderr).toMatch(/SMTP_URL is required in production/);
  });
});
