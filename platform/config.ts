// The only reader of process.env. Every variable is validated at once so that an operator
// sees every problem in one go, and the result is frozen so nothing changes it at run time.
import path from 'node:path';
import { z } from 'zod';

export type Config = Readonly<{
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  directoryPort: number;
  issuer: string;
  directoryUrl: string;
  databaseUrl: string;
  keysDir: string;
  /** Where keys live: files in KEYS_DIR (one machine), or the database (several instances). */
  keyStore: 'files' | 'database';
  keysEncryptionKey: string | undefined;
  /** How often each instance looks for rotated keys. */
  keysReloadSeconds: number;
  /**
   * Reverse proxies in front (with an https URL): the client's address is the entry of
   * X-Forwarded-For that the nearest of them added, never one the client wrote itself.
   */
  trustedProxyHops: number;
  metricsPort: number | undefined;
  directoryMetricsPort: number | undefined;
  cookieKeys: readonly string[] | undefined;
  smtpUrl: string | undefined;
  /** mes-services' client at mon-compte. Outside production the secret is derived from KEYS_DIR. */
  directoryClientId: string;
  directoryClientSecret: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}>;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a port number between 1 and 65535, got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

const url = (name: string) =>
  z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || URL.canParse(raw), {
      message: `${name} must be an absolute URL such as https://mon-compte.bzh`,
    });

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: 'NODE_ENV must be one of development, test, production',
    })
    .default('development'),
  PORT: port('PORT', 3000),
  DIRECTORY_PORT: port('DIRECTORY_PORT', 3001),
  ISSUER: url('ISSUER'),
  DIRECTORY_URL: url('DIRECTORY_URL'),
  DATABASE_URL: z
    .string()
    .default('sqlite:data/kms.sqlite')
    .refine((raw) => /^sqlite:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw), {
      message: 'DATABASE_URL must start with sqlite: (for example sqlite:data/kms.sqlite) or postgres://',
    }),
  KEYS_DIR: z.string().min(1, 'KEYS_DIR must not be empty').default('keys'),
  COOKIE_KEYS: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || raw.split(',').every((key) => key.trim().length >= 32), {
      message: 'COOKIE_KEYS must be a comma-separated list of secrets of at least 32 characters each',
    }),
  SMTP_URL: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || /^smtps?:\/\//.test(raw), {
      message: 'SMTP_URL must start with smtp:// or smtps://',
    }),
  KEY_STORE: z.enum(['files', 'database'], { error: 'KEY_STORE must be files or database' }).optional(),
  KEYS_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || raw.length >= 32, {
      message: 'KEYS_ENCRYPTION_KEY must be at least 32 characters',
    }),
  KEYS_RELOAD_SECONDS: z
    .string()
    .optional()
    .refine(
      (raw) => raw === undefined || raw === '' || (/^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 3600),
      {
        message: 'KEYS_RELOAD_SECONDS must be a number of seconds between 1 and 3600',
      },
    ),
  TRUSTED_PROXY_HOPS: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || /^[1-9]$/.test(raw), {
      message: 'TRUSTED_PROXY_HOPS must be the number of reverse proxies in front, from 1 to 9',
    }),
  METRICS_PORT: port('METRICS_PORT', 0),
  DIRECTORY_METRICS_PORT: port('DIRECTORY_METRICS_PORT', 0),
  DIRECTORY_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'DIRECTORY_CLIENT_ID must be a client_id of mon-compte (letters, digits, . _ -)')
    .default('mes-services'),
  DIRECTORY_CLIENT_SECRET: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || raw.length >= 32, {
      message: 'DIRECTORY_CLIENT_SECRET must be at least 32 characters',
    }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, silent',
    })
    .optional(),
});

/** Reads and validates the configuration; throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const vars = parsed.data;
  const issuer = stripTrailingSlash(vars.ISSUER || `http://localhost:${vars.PORT}`);
  const directoryUrl = stripTrailingSlash(vars.DIRECTORY_URL || `http://localhost:${vars.DIRECTORY_PORT}`);
  const cookieKeys = vars.COOKIE_KEYS ? vars.COOKIE_KEYS.split(',').map((key) => key.trim()) : undefined;

  const keyStore = vars.KEY_STORE ?? (vars.DATABASE_URL.startsWith('sqlite:') ? 'files' : 'database');
  const problems: string[] = [];
  if (vars.NODE_ENV === 'production') {
    if (!issuer.startsWith('https://')) problems.push(`ISSUER must be an https URL in production, got "${issuer}"`);
    if (!directoryUrl.startsWith('https://')) {
      problems.push(`DIRECTORY_URL must be an https URL in production, got "${directoryUrl}"`);
    }
    if (!cookieKeys) problems.push('COOKIE_KEYS is required in production (secrets of at least 32 characters)');
    if (!vars.SMTP_URL) problems.push('SMTP_URL is required in production (mail for verification and password reset)');
    if (keyStore === 'database' && !vars.KEYS_ENCRYPTION_KEY) {
      problems.push('KEYS_ENCRYPTION_KEY is required in production when keys are kept in the database');
    }
    if (!vars.DIRECTORY_CLIENT_SECRET) {
      problems.push('DIRECTORY_CLIENT_SECRET is required in production (the secret of mes-services at mon-compte)');
    }
    if (vars.DATABASE_URL.startsWith('sqlite:') && vars.DATABASE_URL.includes(':memory:')) {
      problems.push('DATABASE_URL cannot be an in-memory database in production');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    nodeEnv: vars.NODE_ENV,
    port: vars.PORT,
    directoryPort: vars.DIRECTORY_PORT,
    issuer,
    directoryUrl,
    databaseUrl: vars.DATABASE_URL,
    keysDir: path.resolve(vars.KEYS_DIR),
    keyStore,
    keysEncryptionKey: vars.KEYS_ENCRYPTION_KEY || undefined,
    keysReloadSeconds: vars.KEYS_RELOAD_SECONDS ? Number(vars.KEYS_RELOAD_SECONDS) : 30,
    trustedProxyHops: vars.TRUSTED_PROXY_HOPS ? Number(vars.TRUSTED_PROXY_HOPS) : 1,
    metricsPort: vars.METRICS_PORT || undefined,
    directoryMetricsPort: vars.DIRECTORY_METRICS_PORT || undefined,
    cookieKeys: cookieKeys ? Object.freeze(cookieKeys) : undefined,
    smtpUrl: vars.SMTP_URL || undefined,
    directoryClientId: vars.DIRECTORY_CLIENT_ID,
    directoryClientSecret: vars.DIRECTORY_CLIENT_SECRET || undefined,
    logLevel: vars.LOG_LEVEL ?? (vars.NODE_ENV === 'test' ? 'silent' : 'info'),
  });
}

function stripTrailingSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}
