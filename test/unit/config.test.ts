import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('has defaults for a local run', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      directoryPort: 3001,
      issuer: 'http://localhost:3000',
      directoryUrl: 'http://localhost:3001',
      databaseUrl: 'sqlite:data/kms.sqlite',
    });
    expect(config.keysDir).toMatch(/\/keys$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('derives the issuer from PORT and drops a trailing slash from ISSUER', () => {
    expect(loadConfig({ PORT: '8080' }).issuer).toBe('http://localhost:8080');
    expect(loadConfig({ ISSUER: 'https://mon-compte.bzh/' }).issuer).toBe('https://mon-compte.bzh');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a port number/],
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ DIRECTORY_PORT: '-1' }, /DIRECTORY_PORT must be a port number/],
    [{ DATABASE_URL: 'nonsense' }, /DATABASE_URL must start with sqlite:/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with sqlite:/],
    [{ ISSUER: 'not a url' }, /ISSUER must be an absolute URL/],
    [{ COOKIE_KEYS: 'short' }, /COOKIE_KEYS must be a comma-separated list/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL must start with smtp/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV must be one of/],
  ])('refuses %o', (env, message) => {
    expect(problemsOf(env).join('\n')).toMatch(message);
  });

  it('accepts both sqlite: and postgres:// databases', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databaseUrl).toBe('sqlite::memory:');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).databaseUrl).toBe('postgres://u@h:5432/db');
  });

  it('requires https and secrets in production, naming each missing one', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      'ISSUER must be an https URL in production, got "http://localhost:3000"',
      'DIRECTORY_URL must be an https URL in production, got "http://localhost:3001"',
      'COOKIE_KEYS is required in production (secrets of at least 32 characters)',
      'SMTP_URL is required in production (mail for verification and password reset)',
      'DIRECTORY_CLIENT_SECRET is required in production (the secret of mes-services at mon-compte)',
    ]);
  });

  it('starts in production when everything is provided', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ISSUER: 'https://mon-compte.bzh',
      DIRECTORY_URL: 'https://mes-services.bzh',
      COOKIE_KEYS: `${'a'.repeat(32)},${'b'.repeat(40)}`,
      SMTP_URL: 'smtps://user:pass@mail.example:465',
      DATABASE_URL: 'postgres://kms@db/kms',
      DIRECTORY_CLIENT_SECRET: 'c'.repeat(40),
      KEYS_ENCRYPTION_KEY: 'k'.repeat(40),
    });
    expect(config.cookieKeys).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
  });
});
