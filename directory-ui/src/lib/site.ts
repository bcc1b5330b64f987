// What every page of mes-services carries at its foot, the Svelte pages and the Espace
// collectivités alike: one sentence about the site, and the pages the law asks for (RGAA).
export const FOOTER_TEXT =
  'mes-services.bzh – les services publics et les aides en Bretagne, de votre commune à la Région. Ce que vous partagez vient de mon-compte.bzh, avec votre accord, et de nulle part ailleurs.';

export const FOOTER_LINKS: readonly { href: string; label: string }[] = [
  { href: '/accessibilite', label: 'Accessibilité : non conforme' },
  { href: '/plan-du-site', label: 'Plan du site' },
  { href: '/mentions-legales', label: 'Mentions légales' },
];
