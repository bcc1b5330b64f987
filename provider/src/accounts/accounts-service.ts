// Registration and authentication. Unknown emails and wrong passwords take the same path and
// the same time (a dummy hash is verified), and give the same answer.
import crypto from 'node:crypto';
import { EmailTakenError, type Account, type AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import { checkPassword, normaliseEmail, normalisePassword } from './password-policy.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { WindowCap } from './window-caps.ts';

export type RegistrationResult =
  | { ok: true; account: Account }
  | { ok: false; errors: { email?: string; password?: string }; retryAfterSeconds?: number };

export type AuthenticationResult =
  { status: 'ok'; account: Account } | { status: 'invalid' } | { status: 'throttled'; retryAfterSeconds: number };

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(deps: {
  accounts: AccountsRepo;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  registrationLimit?: WindowCap;
}) {
  const { accounts, hasher, throttle, registrationLimit } = deps;

  /**
   * `ip`: where a citizen registers from, counted against REGISTRATION_LIMIT (the CLI and the
   * administration create accounts without it).
   */
  async function register(input: {
    email: string;
    password: string;
    emailVerified?: boolean;
    ip?: string;
  }): Promise<RegistrationResult> {
    const email = normaliseEmail(input.email);
    const errors: { email?: string; password?: string } = {};
    if (!email) errors.email = 'Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
    const problems = checkPassword(input.password, { email: email ?? input.email });
    if (problems.length > 0) errors.password = problems.map((p) => p.message).join(' ');
    if (errors.email || errors.password) return { ok: false, errors };
    if (input.ip !== undefined && registrationLimit) {
      const wait = await registrationLimit.retryAfterSeconds(input.ip);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60);
        const message = `Trop de comptes ont été créés depuis cette connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
        return { ok: false, errors: { email: message }, retryAfterSeconds: wait };
      }
      await registrationLimit.record(input.ip);
    }
    try {
      const account = await accounts.create({
        id: crypto.randomUUID(),
        email: email!,
        passwordHash: await hasher.hash(normalisePassword(input.password)),
        emailVerified: input.emailVerified ?? false,
      });
      return { ok: true, account };
    } catch (err) {
      if (err instanceof EmailTakenError) {
        return { ok: false, errors: { email: 'Un compte existe déjà avec cette adresse : connectez-vous.' } };
      }
      throw err;
    }
  }

  async function authenticate(input: {
    email: string;
    password: string;
    ip: string;
    deviceToken?: string;
  }): Promise<AuthenticationResult> {
    const email = normaliseEmail(input.email) ?? input.email.trim().toLowerCase().slice(0, 254);
    const account = await accounts.findByEmail(email);
    const knownDevice = account !== undefined && throttle.isKnownDevice(input.deviceToken, account);
    const verdict = await throttle.check(email, input.ip, { knownDevice });
    if (verdict.blocked) return { status: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };

    const password = normalisePassword(input.password.slice(0, 4096));
    try {
      const valid = account
        ? await hasher.verify(account.passwordHash, password)
        : await hasher.verifyUnknown(password);
      if (!account || !valid) {
        await throttle.recordFailure(email, input.ip);
        return { status: 'invalid' };
      }
      if (verdict.failuresToForget) await throttle.recordSuccess(email, input.ip);
    } finally {
      // After the failure is recorded: the next check sees it instead of the reservation.
      verdict.release();
    }
    if (hasher.needsRehash(account.passwordHash)) {
      const passwordHash = await hasher.hash(password);
      await accounts.updatePasswordHash(account.id, passwordHash);
      // The known-device cookie set after this login is bound to the new hash.
      return { status: 'ok', account: { ...account, passwordHash } };
    }
    return { status: 'ok', account };
  }

  return { register, authenticate, deviceToken: throttle.deviceToken };
}
