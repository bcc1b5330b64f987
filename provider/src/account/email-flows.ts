// Email verification, email change and password reset: single-use links that expire. A reset
// request gets the same answer whether or not the address has an account. An address gets at
// most LINK_MAIL_LIMIT link mails an hour, whoever asks for them.
import crypto from 'node:crypto';
import type { AccountsRepo } from '../../../db/repos/accounts-repo.ts';
import { EmailTakenError } from '../../../db/repos/accounts-repo.ts';
import type { AuditRepo } from '../../../db/repos/audit-repo.ts';
import type { EmailTokensRepo } from '../../../db/repos/email-tokens-repo.ts';
import type { OidcPayloadsRepo } from '../../../db/repos/oidc-payloads-repo.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  addressInUseMail,
  emailChangeRequestedMail,
  passwordChangedMail,
  resetPasswordMail,
  verifyEmailMail,
} from '../mail/messages.ts';
import { checkPassword, normaliseEmail, normalisePassword } from '../accounts/password-policy.ts';
import type { PasswordHasher } from '../accounts/password-hasher.ts';
import type { WindowCap } from '../accounts/window-caps.ts';

export const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 30 * 60 * 1000;

const newToken = () => crypto.randomBytes(32).toString('base64url');

export type EmailFlows = ReturnType<typeof createEmailFlows>;

export function createEmailFlows(deps: {
  issuer: string;
  accounts: AccountsRepo;
  tokens: EmailTokensRepo;
  audit: AuditRepo;
  payloads: OidcPayloadsRepo;
  hasher: PasswordHasher;
  mailer: Mailer;
  /** Link mails per address; none for the admin CLI, which sends none. */
  linkMailLimit?: WindowCap;
}) {
  const { issuer, accounts, tokens, audit, payloads, hasher, mailer, linkMailLimit } = deps;

  /** False when `email` had its share of link mails this hour: then no link is made or sent. */
  const mayMailLinkTo = (email: string) => linkMailLimit?.take(email) ?? Promise.resolve(true);

  async function sendVerification(accountId: string, email: string): Promise<void> {
    if (!(await mayMailLinkTo(email))) return;
    const token = newToken();
    await tokens.create({ token, accountId, purpose: 'verify_email', email, ttlMs: VERIFY_TTL_MS });
    await mailer.send(verifyEmailMail(email, `${issuer}/account/email/verify?token=${token}`));
  }

  /** Confirms the address the link was sent to; for a change, that address replaces the old. */
  async function verify(token: string): Promise<'verified' | 'invalid' | 'taken'> {
    const used = await tokens.consume(token, 'verify_email');
    if (!used) return 'invalid';
    const account = await accounts.findById(used.accountId);
    if (!account) return 'invalid';
    try {
      if (account.email === used.email) await accounts.markEmailVerified(account.id, used.email);
      else await accounts.updateEmail(account.id, used.email, true);
    } catch (err) {
      if (err instanceof EmailTakenError) return 'taken';
      throw err;
    }
    await audit.append({ accountId: account.id, type: 'email.verified' });
    return 'verified';
  }

  async function requestEmailChange(accountId: string, rawEmail: string): Promise<{ error?: string }> {
    const email = normaliseEmail(rawEmail);
    if (!email) return { error: 'Indiquez une adresse électronique valide.' };
    const owner = await accounts.findByEmail(email);
    // Answered as for a free address, so that the form cannot tell which addresses have an
    // account (registration, which must say so, is capped per address): the owner of a taken
    // one is told instead, within the same cap on mails to an address.
    if (owner && owner.id !== accountId) {
      if (await mayMailLinkTo(email)) await mailer.send(addressInUseMail(email));
    } else await sendVerification(accountId, email);
    // The current address hears of it: whoever took a session cannot move the account quietly.
    const account = await accounts.findById(accountId);
    if (account && account.email !== email) await mailer.send(emailChangeRequestedMail(account.email));
    await audit.append({ accountId, type: 'email.change_requested' });
    return {};
  }

  /** Always resolves the same way: the caller shows one message whatever happened. */
  async function requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const account = email ? await accounts.findByEmail(email) : undefined;
    if (!account || !(await mayMailLinkTo(account.email))) return;
    await tokens.invalidateForAccount(account.id, 'reset_password');
    const token = newToken();
    await tokens.create({
      token,
      accountId: account.id,
      purpose: 'reset_password',
      email: account.email,
      ttlMs: RESET_TTL_MS,
    });
    await mailer.send(resetPasswordMail(account.email, `${issuer}/password/reset?token=${token}`));
  }

  async function resetIsValid(token: string): Promise<boolean> {
    return (await tokens.peek(token, 'reset_password')) !== undefined;
  }

  /** Sets the new password and ends every session: whoever knew the old one is out. */
  async function resetPassword(token: string, password: string): Promise<{ ok: boolean; error?: string }> {
    const pending = await tokens.peek(token, 'reset_password');
    if (!pending) return { ok: false, error: 'Ce lien n’est plus valable. Demandez-en un nouveau.' };
    const account = await accounts.findById(pending.accountId);
    if (!account) return { ok: false, error: 'Ce lien n’est plus valable. Demandez-en un nouveau.' };
    const problems = checkPassword(password, { email: account.email });
    if (problems.length) return { ok: false, error: problems.map((p) => p.message).join(' ') };
    if (!(await tokens.consume(token, 'reset_password'))) {
      return { ok: false, error: 'Ce lien n’est plus valable. Demandez-en un nouveau.' };
    }
    await accounts.updatePasswordHash(account.id, await hasher.hash(normalisePassword(password)));
    await payloads.deleteSessionsExcept(account.id);
    // A pending change of address may come from whoever had the old password: it goes too.
    await tokens.invalidateForAccount(account.id, 'verify_email');
    await audit.append({ accountId: account.id, type: 'password.reset' });
    await mailer.send(passwordChangedMail(account.email)).catch(() => undefined);
    return { ok: true };
  }

  async function changePassword(input: {
    accountId: string;
    current: string;
    next: string;
    endOtherSessions: boolean;
    currentSessionId?: string;
  }): Promise<{ errors?: { current?: string; next?: string } }> {
    const account = await accounts.findById(input.accountId);
    if (!account) return { errors: { current: 'Compte introuvable.' } };
    // Both fields are checked, so that the page names every problem at once (RGAA 11.10).
    const errors: { current?: string; next?: string } = {};
    if (input.current === '') errors.current = 'Indiquez votre mot de passe actuel.';
    else if (!(await hasher.verify(account.passwordHash, normalisePassword(input.current)))) {
      errors.current = 'Ce n’est pas votre mot de passe actuel.';
    }
    const problems = checkPassword(input.next, { email: account.email });
    if (problems.length) errors.next = problems.map((p) => p.message).join(' ');
    if (errors.current || errors.next) return { errors };
    await accounts.updatePasswordHash(account.id, await hasher.hash(normalisePassword(input.next)));
    await tokens.invalidateForAccount(account.id, 'verify_email');
    const ended = input.endOtherSessions ? await payloads.deleteSessionsExcept(account.id, input.currentSessionId) : 0;
    await audit.append({ accountId: account.id, type: 'password.changed', detail: { other_sessions_ended: ended } });
    await mailer.send(passwordChangedMail(account.email)).catch(() => undefined);
    return {};
  }

  return {
    sendVerification,
    verify,
    requestEmailChange,
    requestPasswordReset,
    resetIsValid,
    resetPassword,
    changePassword,
  };
}
