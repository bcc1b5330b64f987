// The baseline of a full login: oidc-provider with its defaults (in-memory adapter, development
// keys), one-field interaction pages, and mon-compte's own password check (the same hasher and
// semaphore, the same argon2id parameters). What is left between it and mon-compte is what
// mon-compte adds around the hash: its storage, pages, CSRF, throttling, audit and middleware.
// The same virtual browsers drive both: GET /auth → login page → POST …/login → resume → code.
import type { Context } from 'koa';
import Provider from 'oidc-provider';
import { createPasswordHasher } from '../../provider/src/accounts/password-hasher.ts';
import { PASSWORD } from '../lib/setup.ts';

const port = Number(process.argv[2]);
const [clientId, clientSecret, redirectUri] = [process.argv[3]!, process.argv[4]!, process.argv[5]!];

const hasher = createPasswordHasher();
// Every account has the benchmark's password; one hash stands for all (each login verifies it).
const passwordHash = await hasher.hash(PASSWORD);

const provider = new Provider(`http://localhost:${port}`, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri] }],
  findAccount: async (_ctx, accountId) => ({ accountId, claims: async () => ({ sub: accountId, email: accountId }) }),
  claims: { openid: ['sub'], email: ['email'] },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: [clientSecret] },
});

const INTERACTION = /^\/interaction\/([\w-]+)(\/login)?$/;

provider.use(async (ctx, next) => {
  const match = INTERACTION.exec(ctx.path);
  if (!match) return next();
  if (ctx.method === 'GET' && !match[2]) {
    await provider.interactionDetails(ctx.req, ctx.res);
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Connexion</title><form method="post" action="/interaction/${match[1]}/login">
<input name="email" type="email"><input name="password" type="password"><button>Se connecter</button></form>`;
    return;
  }
  if (ctx.method === 'POST' && match[2]) return logIn(ctx);
  return next();
});

async function logIn(ctx: Context) {
  const interaction = await provider.interactionDetails(ctx.req, ctx.res);
  const form = new URLSearchParams(await readBody(ctx));
  if (!(await hasher.verify(passwordHash, form.get('password') ?? ''))) {
    ctx.status = 401;
    ctx.body = 'mot de passe incorrect';
    return;
  }
  const accountId = form.get('email') ?? '';
  // The first login consents to what is asked; later ones find the session's grant.
  let grantId = interaction.grantId;
  if (!grantId) {
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(String(interaction.params.scope));
    grantId = await grant.save();
  }
  await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } });
}

async function readBody(ctx: Context): Promise<string> {
  let body = '';
  for await (const chunk of ctx.req) body += chunk;
  return body;
}

const server = provider.listen(port, () => process.send!({ ready: true }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
