// Demo services of the EPCI (métropoles, communautés d’agglomération and de communes): urban
// transport, waste, housing renovation, and the services they run for all their communes.
import type { Authority, Service } from '../model.ts';
import { DEMO_SOURCE } from './common.ts';

function epci(name: string, siren: string): Authority {
  return { name, level: 'epci', code: siren, siren };
}

const rennesMetropole = epci('Rennes Métropole', '243500139');
const brestMetropole = epci('Brest métropole', '242900314');
const quimperBretagneOccidentale = epci('Quimper Bretagne Occidentale', '200068120');
const vannesAgglo = epci('Golfe du Morbihan - Vannes agglomération', '200067932');
const saintBrieucAgglo = epci('Saint-Brieuc Armor Agglomération', '200069409');
const lorientAgglo = epci('Lorient Agglomération', '200042174');
const lannionTregor = epci('Lannion-Trégor Communauté', '200065928');
const morlaixCommunaute = epci('Morlaix Communauté', '242900835');
const saintMaloAgglo = epci('Saint-Malo Agglomération', '243500782');
const fougeresAgglo = epci('Fougères Agglomération', '200072452');
const vitreCommunaute = epci('Vitré Communauté', '200039022');
const concarneauAgglo = epci('Concarneau Cornouaille Agglomération', '242900769');

export const epciServices: Service[] = [
  {
    id: 'rennes-metropole-star-tarification-solidaire',
    title: 'Tarification solidaire du réseau STAR',
    description:
      'Rennes Métropole réduit le prix de l’abonnement mensuel STAR (métro, bus et vélo en libre-service) pour les foyers aux revenus modestes. La réduction est de 100 % lorsque le quotient familial ne dépasse pas 400 € par mois, de 85 % jusqu’à 600 € et de 50 % jusqu’à 800 €. Le droit est ouvert pour un an, à chaque membre du foyer.',
    authority: rennesMetropole,
    zone: { type: 'authority' },
    thematics: ['transport', 'solidarite'],
    audiences: ['faibles_revenus', 'tous'],
    channels: [
      {
        type: 'information',
        label: 'Tarification solidaire',
        url: 'https://www.star.fr/titres-et-tarifs/tarification-solidaire',
      },
      {
        type: 'online',
        label: 'Faire la demande en ligne',
        url: 'https://metropole.rennes.fr/tarification-solidaire-star',
      },
      { type: 'place', label: 'Agence commerciale STAR', address: 'Place de la République, 35000 Rennes' },
    ],
    amount: {
      text: 'Abonnement mensuel gratuit, à 5,90 € ou à 19,60 € au lieu de 39,20 €, selon le quotient familial',
    },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['243500139'] },
        { type: 'quotient_familial', operator: '<=', value: 800 },
      ],
    },
    notes: [
      'Sans quotient familial CAF ou MSA, les droits sont calculés à partir de l’avis d’imposition, au CCAS de votre commune.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'rennes-metropole-decheteries',
    title: 'Accès aux déchèteries de Rennes Métropole',
    description:
      'Les déchèteries et plateformes de végétaux de Rennes Métropole reçoivent gratuitement les déchets des particuliers : encombrants, végétaux, gravats, bois, métaux, déchets dangereux et appareils électriques. L’accès est réservé aux habitants de la métropole, avec une carte d’accès délivrée gratuitement sur demande en ligne. Les apports sont limités à 2 m³ par jour.',
    authority: rennesMetropole,
    zone: { type: 'authority' },
    thematics: ['dechets', 'environnement'],
    audiences: ['tous'],
    channels: [
      {
        type: 'online',
        label: 'Demander sa carte d’accès',
        url: 'https://metropole.rennes.fr/carte-acces-decheteries',
      },
      {
        type: 'information',
        label: 'Déchèteries et plateformes de végétaux',
        url: 'https://metropole.rennes.fr/decheteries-et-plateformes-vegetaux',
      },
    ],
    cost: 'Gratuit pour les particuliers',
    eligibility: { type: 'residence', epcis: ['243500139'] },
    notes: [
      'Les véhicules de plus de 3,5 tonnes et les remorques de plus de 750 kg ne sont pas admis.',
      'Les professionnels déposent leurs déchets dans des déchèteries dédiées, payantes.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'rennes-metropole-handistar',
    title: 'Handistar : transport adapté pour les personnes handicapées',
    description:
      'Handistar est le service de transport adapté du réseau STAR : un véhicule vient chercher la personne chez elle et la dépose à l’adresse de son choix dans la métropole, 7 jours sur 7, sur réservation. Il s’adresse aux personnes qui ne peuvent pas utiliser seules les bus et le métro en raison de leur handicap. L’accès est accordé par une commission, après examen d’un dossier médical.',
    authority: rennesMetropole,
    zone: { type: 'authority' },
    thematics: ['transport', 'handicap'],
    audiences: ['handicap'],
    channels: [
      { type: 'information', label: 'Handistar', url: 'https://www.star.fr/handistar' },
      { type: 'form', label: 'Dossier d’inscription', url: 'https://www.star.fr/handistar/inscription' },
    ],
    cost: 'Le prix d’un ticket STAR par trajet ; l’accompagnateur voyage gratuitement',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['243500139'] },
        {
          type: 'any',
          conditions: [
            { type: 'disability_rate', operator: '>=', value: 80 },
            {
              type: 'unmodelled',
              key: 'carte_mobilite_inclusion',
              label: 'Être titulaire de la carte mobilité inclusion, mention « invalidité » ou « stationnement »',
              checkWith: 'la Maison départementale des personnes handicapées (MDPH) d’Ille-et-Vilaine',
            },
          ],
        },
      ],
    },
    notes: ['La commission d’accès Handistar confirme le droit, même avec un taux d’incapacité de 80 % ou plus.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-02',
    published: true,
  },
  {
    id: 'rennes-metropole-ecotravo',
    title: 'écoTravo : aide à la rénovation énergétique du logement',
    description:
      'Le service écoTravo de Rennes Métropole accompagne les propriétaires qui veulent isoler leur logement, changer de chauffage ou installer des panneaux solaires : visite, bilan énergétique, aide à la lecture des devis et au montage des dossiers de financement. Une aide métropolitaine s’ajoute à MaPrimeRénov’ lorsque les travaux font gagner au moins deux classes au diagnostic de performance énergétique.',
    authority: rennesMetropole,
    zone: { type: 'authority' },
    thematics: ['logement', 'environnement'],
    audiences: ['tous', 'faibles_revenus'],
    channels: [
      { type: 'information', label: 'écoTravo', url: 'https://metropole.rennes.fr/ecotravo' },
      {
        type: 'online',
        label: 'Prendre rendez-vous avec un conseiller',
        url: 'https://metropole.rennes.fr/ecotravo/rendez-vous',
      },
    ],
    amount: { text: 'Accompagnement gratuit ; aide de 1 000 € à 6 000 € selon les ressources et le gain énergétique' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['243500139'] },
        {
          type: 'unmodelled',
          key: 'proprietaire_logement',
          label: 'Être propriétaire (occupant ou bailleur) ou copropriétaire du logement à rénover',
          checkWith: 'un conseiller écoTravo',
        },
      ],
    },
    notes: [
      'Les plafonds de ressources sont ceux de l’Agence nationale de l’habitat (Anah) et dépendent du revenu fiscal de référence.',
      'Les locataires peuvent aussi être conseillés gratuitement, mais ne reçoivent pas l’aide aux travaux.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-02',
    published: true,
  },
  {
    id: 'brest-metropole-bibus-tarif-solidaire',
    title: 'Tarif solidaire Bibus',
    description:
      'Brest métropole propose un abonnement Bibus (bus, tramway et téléphérique) à prix réduit aux habitants dont le quotient familial ne dépasse pas 700 € par mois. L’abonnement mensuel est gratuit jusqu’à 450 € de quotient et coûte 8 € au-delà. Le droit est valable un an et se charge sur la carte KorriGo.',
    authority: brestMetropole,
    zone: { type: 'authority' },
    thematics: ['transport', 'solidarite'],
    audiences: ['faibles_revenus'],
    channels: [
      {
        type: 'information',
        label: 'Tarifs solidaires',
        url: 'https://www.bibus.fr/titres-et-tarifs/tarifs-solidaires',
      },
      { type: 'place', label: 'Agence Bibus', address: '33 avenue Georges Clemenceau, 29200 Brest' },
    ],
    amount: { text: 'Abonnement mensuel gratuit ou à 8 € au lieu de 38 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['242900314'] },
        { type: 'quotient_familial', operator: '<=', value: 700 },
      ],
    },
    notes: ['Sans quotient familial, les ressources peuvent être justifiées par l’avis d’imposition.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'brest-metropole-decheteries',
    title: 'Déchèteries de Brest métropole',
    description:
      'Les déchèteries de Brest métropole accueillent les habitants de la métropole du lundi au samedi pour leurs encombrants, végétaux, gravats, métaux, textiles et déchets dangereux. L’accès se fait par lecture de la plaque d’immatriculation, enregistrée une fois pour toutes en ligne ou à l’accueil. Les dépôts sont gratuits jusqu’à 18 passages par an.',
    authority: brestMetropole,
    zone: { type: 'authority' },
    thematics: ['dechets'],
    audiences: ['tous'],
    channels: [
      {
        type: 'online',
        label: 'Enregistrer son véhicule',
        url: 'https://www.brest.fr/dechets/decheteries/enregistrer-son-vehicule',
      },
      {
        type: 'information',
        label: 'Horaires et adresses des déchèteries',
        url: 'https://www.brest.fr/dechets/decheteries',
      },
    ],
    cost: 'Gratuit jusqu’à 18 passages par an, puis 10 € par passage',
    eligibility: { type: 'residence', epcis: ['242900314'] },
    notes: ['Un même foyer peut enregistrer deux véhicules.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'quimper-bretagne-occidentale-piscines-tarif-reduit',
    title: 'Tarif réduit dans les piscines de Quimper Bretagne Occidentale',
    description:
      'Les piscines d’Aquarive et de Kerlan Vian, gérées par Quimper Bretagne Occidentale, appliquent aux habitants de l’agglomération un tarif réduit pour les moins de 18 ans, les étudiants, les demandeurs d’emploi et les personnes dont le taux d’incapacité atteint au moins 50 %. Le tarif réduit vaut pour l’entrée unitaire et pour les cartes de 10 entrées. Un justificatif est demandé à chaque rechargement de carte.',
    authority: quimperBretagneOccidentale,
    zone: { type: 'authority' },
    thematics: ['sport', 'handicap'],
    audiences: ['jeunes', 'etudiants', 'demandeurs_emploi', 'handicap'],
    channels: [
      { type: 'information', label: 'Les piscines', url: 'https://www.quimper-bretagne-occidentale.bzh/piscines' },
      { type: 'place', label: 'Centre aquatique Aquarive', address: 'Route de Brest, 29000 Quimper' },
    ],
    cost: 'Entrée à 3 € au lieu de 5,20 €',
    eligibility: {
      type: 'any',
      conditions: [
        { type: 'age', operator: '<', value: 18 },
        { type: 'activity', values: ['etudiant', 'demandeur_emploi'] },
        { type: 'disability_rate', operator: '>=', value: 50 },
      ],
    },
    notes: ['Les enfants de moins de 4 ans entrent gratuitement, accompagnés d’un adulte.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-16',
    published: true,
  },
  {
    id: 'golfe-morbihan-vannes-agglo-aide-velo',
    title: 'Aide à l’achat d’un vélo à assistance électrique',
    description:
      'Golfe du Morbihan - Vannes agglomération aide ses habitants majeurs à acheter un vélo à assistance électrique, un vélo cargo ou un vélo pliant neuf chez un vendeur du territoire. L’aide est de 100 € pour tous, portée à 300 € lorsque le quotient familial ne dépasse pas 800 € par mois. Une seule aide est accordée par personne tous les cinq ans.',
    authority: vannesAgglo,
    zone: { type: 'authority' },
    thematics: ['transport', 'environnement'],
    audiences: ['tous'],
    channels: [
      {
        type: 'online',
        label: 'Déposer une demande',
        url: 'https://www.golfedumorbihan-vannesagglomeration.bzh/aide-achat-velo',
      },
    ],
    amount: { text: '100 €, ou 300 € si le quotient familial ne dépasse pas 800 € par mois' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['200067932'] },
        { type: 'age', operator: '>=', value: 18 },
      ],
    },
    notes: [
      'La facture doit dater de moins de trois mois au moment de la demande.',
      'Le vélo ne doit pas être revendu dans les trois ans.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-09',
    published: true,
  },
  {
    id: 'saint-brieuc-armor-agglo-tub-tarifs-solidaires',
    title: 'Tarifs solidaires des TUB',
    description:
      'Saint-Brieuc Armor Agglomération propose un abonnement TUB à prix réduit aux habitants de l’agglomération dont le quotient familial ne dépasse pas 600 € par mois, ainsi qu’aux demandeurs d’emploi. L’abonnement donne un accès illimité aux lignes régulières et au transport à la demande. Il est valable un mois ou un an.',
    authority: saintBrieucAgglo,
    zone: { type: 'authority' },
    thematics: ['transport', 'solidarite'],
    audiences: ['faibles_revenus', 'demandeurs_emploi'],
    channels: [
      { type: 'information', label: 'Tarifs solidaires', url: 'https://www.tub.bzh/tarifs/tarifs-solidaires' },
      { type: 'place', label: 'Espace TUB', address: '5 rue du Combat des Trente, 22000 Saint-Brieuc' },
    ],
    amount: { text: 'Abonnement mensuel à 5 € au lieu de 31 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['200069409'] },
        {
          type: 'any',
          conditions: [
            { type: 'quotient_familial', operator: '<=', value: 600 },
            { type: 'activity', values: ['demandeur_emploi'] },
          ],
        },
      ],
    },
    notes: ['Les demandeurs d’emploi présentent une attestation France Travail de moins d’un mois.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-19',
    published: true,
  },
  {
    id: 'lorient-agglomeration-composteurs',
    title: 'Composteur individuel à prix réduit',
    description:
      'Lorient Agglomération fournit aux habitants qui ont un jardin un composteur en bois de 400 litres, avec un bio-seau et un guide du compostage. Le composteur est retiré dans une déchèterie de l’agglomération après réservation en ligne. Les habitants d’appartement peuvent demander l’installation d’un composteur partagé au pied de leur immeuble.',
    authority: lorientAgglo,
    zone: { type: 'authority' },
    thematics: ['dechets', 'environnement'],
    audiences: ['tous'],
    channels: [
      {
        type: 'online',
        label: 'Réserver un composteur',
        url: 'https://www.lorient-agglo.bzh/dechets/compostage/reserver-un-composteur',
      },
    ],
    cost: '15 € le composteur de 400 litres',
    eligibility: { type: 'residence', epcis: ['200042174'] },
    notes: ['Un composteur par foyer ; un deuxième peut être acheté au prix coûtant.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-23',
    published: true,
  },
  {
    id: 'lannion-tregor-france-services',
    title: 'France services de Lannion-Trégor Communauté',
    description:
      'Dans les espaces France services de Lannion, de Plestin-les-Grèves et de Tréguier, des agents formés aident gratuitement à faire ses démarches auprès de la CAF, de l’Assurance maladie, de France Travail, des impôts ou de l’ANTS. Ils accompagnent sur les ordinateurs en libre accès et peuvent organiser un rendez-vous avec un conseiller spécialisé. L’accueil se fait avec ou sans rendez-vous.',
    authority: lannionTregor,
    zone: { type: 'authority' },
    thematics: ['numerique', 'citoyennete'],
    audiences: ['tous', 'seniors'],
    channels: [
      {
        type: 'information',
        label: 'Les espaces France services',
        url: 'https://www.lannion-tregor.com/france-services',
      },
      { type: 'place', label: 'France services de Lannion', address: '1 rue Monge, 22300 Lannion' },
    ],
    cost: 'Gratuit',
    eligibility: null,
    notes: ['Apportez vos identifiants de connexion et les courriers liés à votre démarche.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-12',
    published: true,
  },
  {
    id: 'morlaix-communaute-transport-a-la-demande',
    title: 'Transport à la demande du réseau Linéotim',
    description:
      'Dans les communes de Morlaix Communauté, le transport à la demande complète les lignes de bus : un véhicule vient vous prendre à un point d’arrêt proche de chez vous et vous conduit à Morlaix, à une gare ou à un pôle de santé. Il circule du lundi au samedi, sur réservation la veille avant 17 h. Il est ouvert à tous les habitants de l’agglomération.',
    authority: morlaixCommunaute,
    zone: { type: 'authority' },
    thematics: ['transport'],
    audiences: ['tous', 'seniors'],
    channels: [
      {
        type: 'information',
        label: 'Le transport à la demande',
        url: 'https://www.morlaix-communaute.bzh/transports/transport-a-la-demande',
      },
    ],
    cost: 'Le prix d’un ticket de bus Linéotim',
    eligibility: { type: 'residence', epcis: ['242900835'] },
    notes: ['Les personnes en fauteuil roulant le précisent à la réservation : un véhicule adapté est envoyé.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-09',
    published: true,
  },
  {
    id: 'saint-malo-agglomeration-aide-bafa',
    title: 'Aide à la formation BAFA',
    description:
      'Saint-Malo Agglomération participe au financement du brevet d’aptitude aux fonctions d’animateur (BAFA) pour les jeunes de l’agglomération âgés de 17 à 25 ans. L’aide est versée après la session de formation générale, sur présentation de l’attestation de l’organisme de formation. Le stage pratique peut se faire dans un accueil de loisirs du territoire.',
    authority: saintMaloAgglo,
    zone: { type: 'authority' },
    thematics: ['jeunesse', 'emploi'],
    audiences: ['jeunes'],
    channels: [
      { type: 'information', label: 'L’aide au BAFA', url: 'https://www.stmalo-agglomeration.fr/jeunesse/aide-bafa' },
      {
        type: 'form',
        label: 'Formulaire de demande',
        url: 'https://www.stmalo-agglomeration.fr/jeunesse/aide-bafa/formulaire',
      },
    ],
    amount: { value: 200, unit: '€', text: '200 €, versés après la formation générale' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['243500782'] },
        { type: 'age', operator: '>=', value: 17 },
        { type: 'age', operator: '<=', value: 25 },
      ],
    },
    notes: ['Cumulable avec l’aide de la CAF au BAFA.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-16',
    published: true,
  },
  {
    id: 'fougeres-agglomeration-relais-petite-enfance',
    title: 'Relais petite enfance de Fougères Agglomération',
    description:
      'Les relais petite enfance informent gratuitement les parents sur tous les modes d’accueil du territoire (assistants maternels, crèches, garde à domicile) et remettent la liste des assistants maternels disponibles. Ils aident à rédiger le contrat de travail et à estimer le salaire et le complément de libre choix du mode de garde versé par la CAF. Des matinées d’éveil réunissent aussi enfants et professionnels.',
    authority: fougeresAgglo,
    zone: { type: 'authority' },
    thematics: ['famille'],
    audiences: ['familles'],
    channels: [
      {
        type: 'information',
        label: 'Les relais petite enfance',
        url: 'https://www.fougeres-agglo.bzh/petite-enfance/relais-petite-enfance',
      },
    ],
    cost: 'Gratuit',
    eligibility: null,
    notes: [],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-26',
    published: true,
  },
  {
    id: 'vitre-communaute-bourse-permis',
    title: 'Bourse au permis de conduire',
    description:
      'Vitré Communauté finance une partie du permis B des jeunes de 18 à 25 ans qui habitent le territoire. En échange, le jeune donne 35 heures de son temps à une association ou à un service public local. L’aide est versée directement à l’auto-école partenaire choisie.',
    authority: vitreCommunaute,
    zone: { type: 'authority' },
    thematics: ['jeunesse', 'transport'],
    audiences: ['jeunes'],
    channels: [
      {
        type: 'information',
        label: 'La bourse au permis',
        url: 'https://www.vitrecommunaute.org/jeunesse/bourse-au-permis',
      },
    ],
    amount: { value: 500, unit: '€', text: '500 €, versés à l’auto-école' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['200039022'] },
        { type: 'age', operator: '>=', value: 18 },
        { type: 'age', operator: '<=', value: 25 },
        {
          type: 'unmodelled',
          key: 'sans_permis_b',
          label: 'Ne pas être déjà titulaire du permis B',
          checkWith: 'le Point information jeunesse de Vitré Communauté',
        },
      ],
    },
    notes: ['Les 35 heures de bénévolat sont à réaliser dans les douze mois qui suivent l’accord.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-02',
    published: true,
  },
  {
    id: 'concarneau-cornouaille-agglo-couches-lavables',
    title: 'Aide à l’achat de couches lavables',
    description:
      'Concarneau Cornouaille Agglomération rembourse une partie de l’achat de couches lavables, pour réduire les déchets : un enfant utilise environ une tonne de couches jetables avant d’être propre. L’aide concerne les enfants de moins de 2 ans et est versée sur présentation de la facture.',
    authority: concarneauAgglo,
    zone: { type: 'authority' },
    thematics: ['dechets', 'famille'],
    audiences: ['familles'],
    channels: [
      { type: 'information', label: 'Les couches lavables', url: 'https://www.cca.bzh/dechets/couches-lavables' },
    ],
    amount: { text: '50 % du prix d’achat, jusqu’à 150 € par enfant' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', epcis: ['242900769'] },
        { type: 'children', minCount: 1, maxAge: 1 },
      ],
    },
    notes: ['Brouillon : le montant doit encore être confirmé par le conseil communautaire.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-04-27',
    published: false,
  },
];
