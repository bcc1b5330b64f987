// An interaction read for a request, checked: it exists for this browser, it is the one the
// address names, and it is at the step the form belongs to. Otherwise a readable French page.
import type { InteractionInfo } from '../oidc/interactions.ts';
import { AppError } from '../../../platform/http/app-error.ts';

export async function checkedInteraction(
  reading: Promise<InteractionInfo>,
  uid: string | undefined,
  expected?: 'login' | 'consent',
): Promise<InteractionInfo> {
  const info = await expiredAsPage(reading);
  if (info.uid !== uid)
    throw new AppError(
      400,
      'interaction_mismatch',
      'Cette page ne correspond plus à votre connexion en cours. Recommencez depuis l’application.',
    );
  if (expected && info.prompt !== expected) {
    throw new AppError(
      400,
      'interaction_step',
      'Cette étape de connexion n’est plus valable. Recommencez depuis l’application.',
    );
  }
  return info;
}

/**
 * oidc-provider's SessionNotFound as the page a citizen understands: an interaction lasts 30
 * minutes, and its cookies belong to the browser that began it.
 */
export function expiredAsPage<T>(work: Promise<T>): Promise<T> {
  return work.catch((err: unknown) => {
    if ((err as Error).name !== 'SessionNotFound') throw err;
    throw new AppError(
      400,
      'interaction_expired',
      'Cette étape de connexion a expiré ou a été ouverte dans un autre navigateur. Recommencez depuis l’application.',
    );
  });
}
