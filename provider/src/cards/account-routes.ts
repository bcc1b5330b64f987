// The card pages of the account centre. Linking and unlinking need a recent login; declaring
// a loss does not, so a citizen can block a stolen card at once.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Csrf } from '../../../platform/http/csrf.ts';
import type { CardsService } from './cards-service.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { OrganisationsRepo, Organisation } from '../../../db/repos/organisations-repo.ts';
import { findCommune } from '../../../territory/territory.ts';
import { cardPage } from './account-views.ts';
import type { Guards } from '../account/guards.ts';

export function createCardAccountRoutes(deps: {
  csrf: Csrf;
  cards: CardsService;
  profiles: ProfileService;
  organisations: OrganisationsRepo;
  guards: Guards;
}): Router {
  const { csrf, cards } = deps;
  const { requireLogin } = deps.guards;
  const router = new Router({ prefix: '/account/card' });
  router.use(deps.guards.forms, csrf.middleware);
  const accountOf = (ctx: Context): string => ctx.state.session.accountId;

  /** The organisations of the citizen's residence, and any already authorised. */
  async function organisationsFor(accountId: string) {
    const overview = await cards.overview(accountId);
    const data = await deps.profiles.get(accountId);
    const commune = data?.profile.bzh_commune ? findCommune(data.profile.bzh_commune) : undefined;
    const candidates: (Organisation | undefined)[] = [];
    if (commune) {
      const all = await deps.organisations.list();
      candidates.push(
        all.find((o) => o.level === 'commune' && o.code === commune.code),
        all.find((o) => o.level === 'epci' && o.siren === commune.epci),
        all.find((o) => o.level === 'departement' && o.code === commune.departement),
        all.find((o) => o.level === 'region' && o.code === commune.region),
      );
    }
    const list = new Map<string, { organisation: Organisation; attributes: string[] | null }>();
    for (const c of overview.consents)
      if (c.organisation) list.set(c.organisationSiren, { organisation: c.organisation, attributes: c.attributes });
    for (const o of candidates) if (o && !list.has(o.siren)) list.set(o.siren, { organisation: o, attributes: null });
    return { overview, organisations: [...list.values()] };
  }

  const render = async (ctx: Context, extra: { code?: string; flash?: string } = {}) => {
    const { overview, organisations } = await organisationsFor(accountOf(ctx));
    const names = new Map(organisations.map((o) => [o.organisation.siren, o.organisation.name]));
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = cardPage({
      csrf: csrf.token(ctx),
      card: overview.card,
      history: overview.history.map((e) => ({
        ...e,
        organisation: e.organisationSiren ? names.get(e.organisationSiren) : undefined,
      })),
      organisations,
      ...extra,
    });
  };
  const flashes: Record<string, string> = {
    lost: 'Votre carte est bloquée : aucune borne ne la reconnaîtra plus.',
    unlinked: 'La carte n’est plus liée à votre compte.',
    consent: 'Votre choix est enregistré.',
  };
  const back = (ctx: Context, flash: string) => {
    ctx.status = 303;
    ctx.redirect(`/account/card?ok=${flash}`);
  };

  router.get('/', requireLogin(), async (ctx) => render(ctx, { flash: flashes[String(ctx.query.ok ?? '')] }));

  router.post('/pairing-code', requireLogin(true), async (ctx) => {
    await render(ctx, { code: await cards.createPairingCode(accountOf(ctx)) });
  });

  router.post('/lost', requireLogin(), async (ctx) => {
    await cards.declareLost(accountOf(ctx));
    back(ctx, 'lost');
  });

  router.post('/unlink', requireLogin(true), async (ctx) => {
    await cards.unlink(accountOf(ctx));
    back(ctx, 'unlinked');
  });

  router.post('/consent', requireLogin(), async (ctx) => {
    const form: URLSearchParams = ctx.state.form;
    const siren = form.get('organisation') ?? '';
    await cards.setConsent(accountOf(ctx), siren, form.get('allow') === 'yes' ? form.getAll('attr') : null);
    back(ctx, 'consent');
  });

  return router;
}
