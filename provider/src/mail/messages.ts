// The texts of the mails mon-compte sends: plain French, one action, no tracking.
import type { Mail } from './mailer.ts';

const signature =
  '\n\n—\nmon-compte.bzh, l’identité numérique des services publics de Bretagne.\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.';

export function verifyEmailMail(to: string, link: string): Mail {
  return {
    to,
    subject: 'Confirmez votre adresse électronique',
    text: `Bonjour,\n\nPour confirmer votre adresse électronique sur mon-compte.bzh, ouvrez ce lien (valable 24 heures, une seule fois) :\n\n${link}${signature}`,
  };
}

export function resetPasswordMail(to: string, link: string): Mail {
  return {
    to,
    subject: 'Choisir un nouveau mot de passe',
    text: `Bonjour,\n\nVous avez demandé à changer le mot de passe de votre compte mon-compte.bzh. Ouvrez ce lien (valable 30 minutes, une seule fois) :\n\n${link}${signature}`,
  };
}

export function passwordChangedMail(to: string): Mail {
  return {
    to,
    subject: 'Votre mot de passe a été changé',
    text: `Bonjour,\n\nLe mot de passe de votre compte mon-compte.bzh vient d’être changé. Si ce n’est pas vous, choisissez un nouveau mot de passe avec « Mot de passe oublié » et contactez le support.${signature}`,
  };
}

export function accountDeletedMail(to: string): Mail {
  return {
    to,
    subject: 'Votre compte a été supprimé',
    text: `Bonjour,\n\nVotre compte mon-compte.bzh et les données qui s’y rattachaient ont été supprimés. Les applications auxquelles vous étiez connecté en ont été informées.${signature}`,
  };
}

export function cardLinkedMail(to: string): Mail {
  return {
    to,
    subject: 'Votre carte KorriGo est liée à votre compte',
    text: `Bonjour,\n\nUne carte KorriGo vient d’être liée à votre compte mon-compte.bzh. Si ce n’est pas vous, déclarez-la perdue tout de suite depuis « Ma carte KorriGo » dans votre compte.${signature}`,
  };
}

/** To the current address, when a change to another one is asked: its owner can stop it. */
export function emailChangeRequestedMail(to: string): Mail {
  return {
    to,
    subject: 'Changement d’adresse demandé',
    text: `Bonjour,

Un changement de l’adresse électronique de votre compte mon-compte.bzh vient d’être demandé. La nouvelle adresse doit encore être confirmée. Si ce n’est pas vous, changez tout de suite votre mot de passe (« Mot de passe oublié ») : la demande sera annulée.${signature}`,
  };
}

/**
 * To an address someone asked to move another account to. The page that asked says the same as
 * for a free address (a message was sent there), so the form tells no one which addresses have
 * an account; the owner learns it here.
 */
export function addressInUseMail(to: string): Mail {
  return {
    to,
    subject: 'Cette adresse a déjà un compte',
    text: `Bonjour,\n\nQuelqu’un a demandé à utiliser cette adresse électronique pour un autre compte mon-compte.bzh. Elle est déjà celle de votre compte : rien n’a été changé. Si vous ne vous souvenez plus de votre mot de passe, choisissez-en un nouveau avec « Mot de passe oublié ».${signature}`,
  };
}
