// The pages every French public website owes its users (RGAA and the law): the accessibility
// statement, the legal notice and a site map. Plain text, reviewed by the team; the operator
// replaces what is marked « à compléter » with its own details before going live.
import { html, type SafeHtml } from '../../platform/html.ts';

export type InfoPage = { title: string; body: SafeHtml };

export const accessibilityStatement: InfoPage = {
  title: 'Déclaration d’accessibilité',
  body: html`<h1>Déclaration d’accessibilité</h1>
<p>La Région Bretagne et les collectivités partenaires s’engagent à rendre mon-compte.bzh accessible,
conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<h2>État de conformité</h2>
<p>mon-compte.bzh est <strong>non conforme</strong> au référentiel général d’amélioration de
l’accessibilité (RGAA), version 4.1 : c’est ce que le RGAA demande d’afficher tant qu’aucun audit de
conformité n’a été réalisé, et aucun ne l’a encore été par un organisme indépendant. L’équipe vérifie chaque
page automatiquement (axe-core, critères WCAG 2.1 niveaux A et AA, sur écran de téléphone et d’ordinateur,
sans aucune erreur relevée) et à la main (navigation au clavier, sans JavaScript, zoom à 200 %, largeur de
320 pixels).</p>
<h2>Contenus non accessibles connus</h2>
<ul>
<li>Les messages d’erreur techniques renvoyés par les applications partenaires (codes OAuth) sont en anglais.</li>
<li>Une étape de connexion expire au bout de 30 minutes, pour votre sécurité, sans pouvoir être prolongée :
la page de complément du profil le signale, et le profil peut être rempli sans limite de temps depuis votre compte.</li>
</ul>
<h2>Établissement de cette déclaration</h2>
<p>Cette déclaration a été établie le 28 novembre 2026. Technologies utilisées : HTML, CSS ; aucune page
de connexion ou de consentement ne nécessite JavaScript.</p>
<h2>Retour d’information et contact</h2>
<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous à
<a href="mailto:accessibilite@mon-compte.bzh">accessibilite@mon-compte.bzh</a> : nous vous
orienterons vers une alternative accessible ou vous enverrons le contenu sous une autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un
service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :</p>
<ul>
<li>écrire un message au <a href="https://formulaire.defenseurdesdroits.fr/">Défenseur des droits</a> ;</li>
<li>contacter <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">le délégué du Défenseur des droits dans votre région</a> ;</li>
<li>envoyer un courrier (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>`,
};

export const legalNotice: InfoPage = {
  title: 'Mentions légales',
  body: html`<h1>Mentions légales</h1>
<h2>Éditeur</h2>
<p>mon-compte.bzh est un service public numérique des collectivités de Bretagne, porté par la Région
Bretagne (283 avenue du Général Patton, 35700 Rennes). Directeur ou directrice de la publication :
à compléter par l’exploitant.</p>
<h2>Hébergement</h2>
<p>À compléter par l’exploitant : nom, adresse et téléphone de l’hébergeur.</p>
<h2>Données personnelles</h2>
<p>Vos informations ne sont transmises à une application qu’avec votre accord, information par
information. Depuis <a href="/account">votre compte</a>, vous voyez ce qui a été partagé et avec qui,
vous retirez un accès, vous téléchargez toutes vos données ou vous supprimez votre compte.</p>
<h2>Cookies</h2>
<p>mon-compte.bzh n’utilise que les cookies nécessaires à la connexion et à la sécurité (session,
protection des formulaires). Aucun cookie de mesure d’audience ou de publicité.</p>`,
};

export const siteMap: InfoPage = {
  title: 'Plan du site',
  body: html`<h1>Plan du site</h1>
<ul>
<li><a href="/">Accueil</a></li>
<li><a href="/account">Mon compte</a>
<ul>
<li><a href="/account/profile">Mon profil</a></li>
<li><a href="/account/apps">Applications connectées</a></li>
<li><a href="/account/activity">Activité</a></li>
<li><a href="/account/card">Ma carte KorriGo</a></li>
<li><a href="/account/security">Adresse et mot de passe</a></li>
<li><a href="/account/data">Mes données</a></li>
</ul></li>
<li><a href="/password/forgot">Mot de passe oublié</a></li>
<li><a href="/accessibilite">Déclaration d’accessibilité</a></li>
<li><a href="/mentions-legales">Mentions légales</a></li>
</ul>`,
};
