// The CLI's commands. Each gets validated options and the configuration, and returns an exit
// code; output meant for scripts is JSON on stdout.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../../platform/config.ts';
import { simulate, simulatorTerminal } from './terminal-simulator.ts';
import { openKeyStore } from '../../../platform/key-store.ts';
import { loadKeys, rotateKeys } from '../../../keys/src/load-keys.ts';
import { createDb } from '../../../db/create-db.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import { createServices } from '../app.ts';
import { seedOrganisations } from './organisations.ts';
import { ClientInputError } from './clients-service.ts';
import { normaliseEmail } from '../accounts/password-policy.ts';
import type { OrganisationLevel } from '../../../db/repos/organisations-repo.ts';
import { createDirectoryServicesRepo } from '../../../db/repos/directory-services-repo.ts';
import { importCatalogueFile } from '../../../directory/src/catalogue/import-file.ts';

/** Opens the database and keys as the server does, runs `work`, and closes everything. */
async function withServices<T>(config: Config, work: (services: ReturnType<typeof createServices>) => Promise<T>) {
  const db = await createDb(config.databaseUrl);
  try {
    await migrateToLatest(db);
    const keys = await loadKeys(openKeyStore(config, db));
    const services = createServices({ config, db, keys });
    await seedOrganisations(services.repos.organisations);
    return await work(services);
  } finally {
    await db.destroy();
  }
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
const fail = (message: string) => {
  process.stderr.write(`${message}\n`);
  return 1;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export type CommandInput = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  config: Config;
};

export type Command = {
  name: string;
  summary: string;
  usage?: string;
  details?: string;
  options?: Record<string, { type: 'string' | 'boolean'; description?: string; multiple?: boolean }>;
  run(input: CommandInput): Promise<number>;
};

const keysRotate: Command = {
  name: 'keys rotate',
  summary: 'Rotate signing and cookie keys',
  details: `The published "next" key of each algorithm starts signing, the signing key stays
published for verification, older keys are retired and a new "next" key is published.
Running servers pick the new keys up within KEYS_RELOAD_SECONDS (30 s by default).`,
  async run({ config }) {
    const db = await createDb(config.databaseUrl);
    let rotated;
    try {
      await migrateToLatest(db);
      rotated = await rotateKeys(openKeyStore(config, db));
    } finally {
      await db.destroy();
    }
    const summary = rotated.signing.keys.map(({ kid, alg, state }) => ({ kid, alg, state }));
    process.stdout.write(`${JSON.stringify({ keys: summary }, null, 2)}\n`);
    return 0;
  },
};

const usersAdd: Command = {
  name: 'users add',
  summary: 'Create a verified citizen account (agents, demos, tests)',
  usage: '--email <email> --password-stdin',
  options: {
    email: { type: 'string', description: 'the email address of the account' },
    'password-stdin': { type: 'boolean', description: 'read the password from standard input' },
  },
  details: 'The password is read from standard input so that it never appears in a shell history or process list.',
  async run({ values, config }) {
    if (typeof values.email !== 'string' || !values['password-stdin']) {
      return fail('users add needs --email and --password-stdin');
    }
    const password = await readStdin();
    return withServices(config, async ({ accounts }) => {
      const result = await accounts.register({ email: values.email as string, password, emailVerified: true });
      if (!result.ok) return fail(Object.values(result.errors).join('\n'));
      print({ id: result.account.id, email: result.account.email });
      return 0;
    });
  },
};

const usersExport: Command = {
  name: 'users export',
  summary: 'Print everything mon-compte holds about a citizen, as JSON (a data access request)',
  usage: '--email <email>',
  options: { email: { type: 'string', description: 'the email address of the account' } },
  details: `The same document as "Mes données" in the account centre: account, profile, consents,
connected apps, KorriGo card, activity. The export is recorded in the citizen's activity.`,
  async run({ values, config }) {
    if (typeof values.email !== 'string') return fail('users export needs --email');
    const email = normaliseEmail(values.email);
    if (!email) return fail(`${values.email} is not an email address`);
    return withServices(config, async ({ repos, account }) => {
      const found = await repos.accounts.findByEmail(email);
      const data = found && (await account.exportData(found.id));
      if (!found || !data) return fail(`no account has the email ${email}`);
      await repos.audit.append({ accountId: found.id, type: 'data.exported_by_operator' });
      print(data);
      return 0;
    });
  },
};

const clientsAdd: Command = {
  name: 'clients add',
  summary: 'Register a relying party of an organisation; prints its client_id and client_secret',
  usage: '--name <name> --org <SIREN> --redirect-uri <uri> [--redirect-uri <uri> …] --scope "<scopes>"',
  options: {
    name: { type: 'string', description: 'the name citizens see on the consent screen' },
    org: { type: 'string', description: 'SIREN of the owning organisation (Rennes Métropole: 243500139)' },
    'redirect-uri': { type: 'string', multiple: true, description: 'an exact redirect URI (repeatable)' },
    scope: { type: 'string', description: 'allowed scopes, space-separated (openid is implied)' },
    'post-logout-redirect-uri': { type: 'string', multiple: true, description: 'where to return after logout' },
    'backchannel-logout-uri': { type: 'string', description: 'back-channel logout endpoint of the app' },
    sector: { type: 'string', description: 'a sector of its own instead of the organisation (pairwise sub)' },
    public: { type: 'boolean', description: 'a public client without secret (PKCE only)' },
    'client-id': { type: 'string', description: 'the client_id to give (default: a random one)' },
    administration: {
      type: 'boolean',
      description: 'mes-services only (--client-id = DIRECTORY_CLIENT_ID): may ask for the bzh_admin role',
    },
  },
  async run({ values, config }) {
    if (typeof values.name !== 'string' || typeof values.org !== 'string') {
      return fail('clients add needs --name and --org');
    }
    // The role scope tells mes-services which collectivities an account administers: no other
    // app may ever ask for it.
    if (values.administration && values['client-id'] !== config.directoryClientId) {
      return fail(`--administration is only for mes-services: --client-id ${config.directoryClientId}`);
    }
    const clientId = values['client-id'] as string | undefined;
    if (clientId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(clientId)) {
      return fail('--client-id: letters, digits, . _ - (64 at most)');
    }
    return withServices(config, async ({ clients, repos }) => {
      // Never a silent replacement of an app registered under the same id.
      if (clientId && (await repos.clients.findById(clientId))) {
        return fail(`a client ${clientId} is already registered`);
      }
      try {
        const created = await clients.addRelyingParty({
          name: values.name as string,
          organisationSiren: values.org as string,
          redirectUris: (values['redirect-uri'] as unknown as string[] | undefined) ?? [],
          scopes: String(values.scope ?? '')
            .split(/\s+/)
            .filter(Boolean),
          postLogoutRedirectUris: values['post-logout-redirect-uri'] as unknown as string[] | undefined,
          backchannelLogoutUri: values['backchannel-logout-uri'] as string | undefined,
          sectorId: values.sector as string | undefined,
          isPublic: Boolean(values.public),
          clientId,
          roleScopes: values.administration ? ['bzh_admin'] : undefined,
        });
        print(created);
        return 0;
      } catch (err) {
        if (err instanceof ClientInputError) return fail(err.message);
        throw err;
      }
    });
  },
};

const servicesImport: Command = {
  name: 'services import',
  summary: 'Import services into mes-services from a file; prints what was modelled and kept',
  usage: '--format aides-jeunes <FILE>',
  options: { format: { type: 'string', description: 'the file format: aides-jeunes' } },
  details: `Every condition of the source is either modelled or kept as an explicit unmodelled
condition ("à vérifier auprès de …"); free-text conditions become notes. Imported services keep
their source id. Running mes-services instances pick them up within a minute.`,
  async run({ values, positionals, config }) {
    const file = positionals[0];
    if (typeof values.format !== 'string' || !file) return fail('services import needs --format and a FILE');
    const db = await createDb(config.databaseUrl);
    try {
      await migrateToLatest(db);
      const result = await importCatalogueFile(createDirectoryServicesRepo(db), values.format, file);
      print(result);
      return result.rejected.length ? 1 : 0;
    } catch (err) {
      return fail((err as Error).message);
    } finally {
      await db.destroy();
    }
  },
};

const terminalsAdd: Command = {
  name: 'terminals add',
  summary: 'Register a KorriGo terminal of an organisation; prints its client_id',
  usage: '--org <SIREN> --jwks-file <FILE> [--name <name>] [--scope "korrigo:check korrigo:pair"]',
  options: {
    org: { type: 'string', description: 'SIREN of the organisation that owns the terminal' },
    'jwks-file': { type: 'string', description: "JSON Web Key Set with the terminal's public key(s)" },
    name: { type: 'string', description: 'a name for administrators (e.g. "Piscine Saint-Georges, entrée")' },
    scope: { type: 'string', description: 'korrigo:check (default) and/or korrigo:pair' },
  },
  details: `The terminal authenticates at the token endpoint with client_credentials and a
private_key_jwt assertion signed by its private key; tokens last at most 5 minutes.`,
  async run({ values, config }) {
    if (typeof values.org !== 'string' || typeof values['jwks-file'] !== 'string') {
      return fail('terminals add needs --org and --jwks-file');
    }
    let jwks: unknown;
    try {
      jwks = JSON.parse(await fs.readFile(values['jwks-file'] as string, 'utf8'));
    } catch (err) {
      return fail(`cannot read ${values['jwks-file']}: ${(err as Error).message}`);
    }
    return withServices(config, async ({ clients }) => {
      try {
        print(
          await clients.addTerminal({
            name: typeof values.name === 'string' ? values.name : `Borne KorriGo (${values.org})`,
            organisationSiren: values.org as string,
            jwks,
            scopes: String(values.scope ?? '')
              .split(/\s+/)
              .filter(Boolean),
          }),
        );
        return 0;
      } catch (err) {
        if (err instanceof ClientInputError) return fail(err.message);
        throw err;
      }
    });
  },
};

const terminalSimulate: Command = {
  name: 'terminal simulate',
  summary: 'Act as a KorriGo terminal: check (or pair) a card against the running mon-compte',
  usage: '--uid <card UID> --service <service> [--org <SIREN>] [--code <pairing code>]',
  options: {
    uid: { type: 'string', description: 'the card identifier, e.g. 04A2B9C1D2E380' },
    service: { type: 'string', description: 'the service at the terminal, e.g. piscine' },
    org: { type: 'string', description: "the terminal's organisation (default: Rennes Métropole, 243500139)" },
    code: { type: 'string', description: 'a pairing code shown in the account centre: pair instead of check' },
  },
  details: `On first use for an organisation, a simulator terminal is registered for it and its
private key kept in KEYS_DIR/terminal-simulator.json. mon-compte must be running at ISSUER.`,
  async run({ values, config }) {
    if (typeof values.uid !== 'string' || (typeof values.service !== 'string' && typeof values.code !== 'string')) {
      return fail('terminal simulate needs --uid and --service (or --code to pair)');
    }
    const organisation = typeof values.org === 'string' ? values.org : '243500139';
    const terminal = await withServices(config, ({ clients }) =>
      simulatorTerminal(config.keysDir, organisation, clients),
    );
    try {
      const result = await simulate({
        issuer: config.issuer,
        terminal,
        uid: values.uid as string,
        service: String(values.service ?? 'borne'),
        code: values.code as string | undefined,
      });
      print(result.body);
      return result.status < 400 ? 0 : 1;
    } catch (err) {
      return fail(`cannot reach mon-compte at ${config.issuer}: ${(err as Error).message}`);
    }
  },
};

const backup: Command = {
  name: 'backup',
  summary: 'Online backup of the embedded SQLite database (while the servers run)',
  usage: '--to <FILE>',
  options: { to: { type: 'string', description: 'where to write the backup (a new file)' } },
  details: `SQLite: VACUUM INTO writes a consistent snapshot without stopping the servers, then the
copy is checked (PRAGMA integrity_check). PostgreSQL: use pg_dump, see the README.`,
  async run({ values, config }) {
    if (typeof values.to !== 'string') return fail('backup needs --to FILE');
    if (!config.databaseUrl.startsWith('sqlite:')) {
      return fail('DATABASE_URL is PostgreSQL: back it up with pg_dump (see the README, "Production layout")');
    }
    const target = path.resolve(values.to);
    try {
      await fs.access(target);
      return fail(`${target} already exists: choose a new file`);
    } catch {
      // absent: good
    }
    const db = await createDb(config.databaseUrl);
    try {
      await db.raw('VACUUM INTO ?', [target]);
    } finally {
      await db.destroy();
    }
    const copy = await createDb(`sqlite:${target}`);
    try {
      const rows = (await copy.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
      const result = rows[0]?.integrity_check;
      if (result !== 'ok') return fail(`the backup failed its integrity check: ${result}`);
      const stat = await fs.stat(target);
      print({ backup: target, bytes: stat.size, integrity: 'ok' });
      return 0;
    } finally {
      await copy.destroy();
    }
  },
};

const adminsAdd: Command = {
  name: 'admins add',
  summary: 'Name a platform administrator, or an administrator of an organisation',
  usage: '--email <email> (--platform | --org <SIREN>)',
  options: {
    email: { type: 'string', description: 'the email of an existing mon-compte account' },
    platform: { type: 'boolean', description: 'a platform administrator (Mégalis): may open every organisation' },
    org: { type: 'string', description: 'SIREN of the organisation to administer' },
  },
  details: 'Administrators log in to /admin with their ordinary mon-compte account.',
  async run({ values, config }) {
    if (typeof values.email !== 'string' || (!values.platform && typeof values.org !== 'string')) {
      return fail('admins add needs --email and --platform or --org');
    }
    return withServices(config, async ({ repos }) => {
      const account = await repos.accounts.findByEmail(String(values.email).trim().toLowerCase());
      if (!account) return fail(`no account has the email ${values.email}: create it first (users add)`);
      const siren = values.platform ? null : String(values.org);
      if (siren && !(await repos.organisations.findBySiren(siren)))
        return fail(`no organisation has the SIREN ${siren}`);
      await repos.admin.grant(
        account.id,
        { role: siren ? 'organisation' : 'platform', organisationSiren: siren },
        null,
      );
      await repos.admin.audit({
        actorAccountId: null,
        actorLabel: 'CLI',
        organisationSiren: siren,
        action: 'administrator.added',
        target: account.email,
        detail: { role: siren ? 'organisation' : 'platform' },
      });
      print({ email: account.email, role: siren ? 'organisation' : 'platform', organisation: siren });
      return 0;
    });
  },
};

const LEVELS = ['region', 'departement', 'epci', 'commune'];

const orgsList: Command = {
  name: 'orgs list',
  summary: 'List the organisations (Région, départements, EPCI, communes) with their SIREN',
  usage: '[--level region|departement|epci|commune]',
  options: { level: { type: 'string', description: 'only this level' } },
  async run({ values, config }) {
    if (values.level !== undefined && !LEVELS.includes(String(values.level))) {
      return fail(`--level must be one of ${LEVELS.join(', ')}`);
    }
    return withServices(config, async ({ repos }) => {
      const list = await repos.organisations.list({ level: values.level as OrganisationLevel | undefined });
      process.stdout.write(list.map((o) => `${o.siren}  ${o.level.padEnd(11)}  ${o.name}`).join('\n') + '\n');
      return 0;
    });
  },
};

const orgsShow: Command = {
  name: 'orgs show',
  summary: 'Show one organisation and its relying parties',
  usage: '<SIREN>',
  async run({ positionals, config }) {
    const siren = positionals[0];
    if (!siren) return fail('orgs show needs a SIREN');
    return withServices(config, async ({ repos }) => {
      const organisation = await repos.organisations.findBySiren(siren);
      if (!organisation) return fail(`no organisation has the SIREN ${siren}`);
      const clients = await repos.clients.listByOrganisation(siren);
      print({ ...organisation, clients: clients.map((c) => ({ client_id: c.clientId, name: c.name, kind: c.kind })) });
      return 0;
    });
  },
};

export const commands: Command[] = [
  usersAdd,
  usersExport,
  adminsAdd,
  clientsAdd,
  terminalsAdd,
  terminalSimulate,
  orgsList,
  orgsShow,
  servicesImport,
  keysRotate,
  backup,
];
