// Demo services of the four départements: social action (autonomy, disability, housing
// solidarity, integration), child and maternal health, collèges, natural areas.
import type { Authority, Service } from '../model.ts';
import { DEMO_SOURCE } from './common.ts';

const illeEtVilaine: Authority = {
  name: 'Département d’Ille-et-Vilaine',
  level: 'departement',
  code: '35',
  siren: '223500018',
};
const cotesDArmor: Authority = {
  name: 'Département des Côtes-d’Armor',
  level: 'departement',
  code: '22',
  siren: '222200016',
};
const finistere: Authority = { name: 'Département du Finistère', level: 'departement', code: '29', siren: '222900011' };
const morbihan: Authority = { name: 'Département du Morbihan', level: 'departement', code: '56', siren: '225600014' };

export const departementServices: Service[] = [
  // Ille-et-Vilaine
  {
    id: 'ille-et-vilaine-apa-domicile',
    title: 'Allocation personnalisée d’autonomie (APA) à domicile',
    description:
      'L’APA aide les personnes de 60 ans et plus qui ont besoin d’aide pour les gestes de la vie quotidienne à rester chez elles : aide à domicile, portage de repas, téléassistance, aménagement du logement, accueil de jour. Une équipe du Département évalue la perte d’autonomie lors d’une visite et propose un plan d’aide. Il n’y a pas de plafond de ressources, mais une participation est demandée au-delà d’un certain revenu.',
    authority: illeEtVilaine,
    zone: { type: 'authority' },
    thematics: ['handicap', 'solidarite'],
    audiences: ['seniors'],
    channels: [
      { type: 'information', label: 'L’APA à domicile', url: 'https://www.ille-et-vilaine.fr/apa' },
      { type: 'form', label: 'Dossier de demande', url: 'https://www.ille-et-vilaine.fr/apa/dossier-de-demande' },
    ],
    amount: { text: 'Plan d’aide selon le degré de perte d’autonomie, jusqu’à environ 2 000 € par mois' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['35'] },
        { type: 'age', operator: '>=', value: 60 },
        {
          type: 'unmodelled',
          key: 'gir_1_a_4',
          label: 'Avoir une perte d’autonomie évaluée en GIR 1 à 4 par l’équipe médico-sociale du Département',
          checkWith: 'le centre départemental d’action sociale (CDAS) de votre secteur',
        },
      ],
    },
    notes: [
      'Il faut résider en France de façon stable et régulière.',
      'Aucune participation n’est demandée sous environ 950 € de revenus mensuels.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-08',
    published: true,
  },
  {
    id: 'ille-et-vilaine-fonds-solidarite-logement',
    title: 'Fonds de solidarité pour le logement (FSL)',
    description:
      'Le FSL d’Ille-et-Vilaine aide les ménages aux ressources modestes à entrer dans un logement (dépôt de garantie, premier loyer, assurance, déménagement) ou à s’y maintenir (dettes de loyer, factures d’énergie ou d’eau impayées). Les aides prennent la forme de subventions ou de prêts sans intérêt. La demande est présentée par un travailleur social, qui constitue le dossier avec vous.',
    authority: illeEtVilaine,
    zone: { type: 'authority' },
    thematics: ['logement', 'solidarite'],
    audiences: ['faibles_revenus'],
    channels: [{ type: 'information', label: 'Le FSL', url: 'https://www.ille-et-vilaine.fr/fsl' }],
    amount: { text: 'Subvention ou prêt sans intérêt, selon la situation' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['35'] },
        {
          type: 'unmodelled',
          key: 'statut_occupation_logement',
          label: 'Être locataire, sous-locataire ou résident d’un logement-foyer, ou sur le point de le devenir',
          checkWith: 'le CDAS de votre secteur ou votre bailleur',
        },
      ],
    },
    notes: [
      'Les ressources du foyer sont comparées à un plafond qui dépend de sa composition : le quotient familial seul ne suffit pas à conclure.',
      'Les propriétaires occupants en difficulté pour payer leurs factures d’énergie peuvent aussi être aidés.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-08',
    published: true,
  },
  {
    id: 'ille-et-vilaine-transport-eleves-handicapes',
    title: 'Transport adapté des élèves et étudiants handicapés',
    description:
      'Le Département d’Ille-et-Vilaine organise et finance le trajet entre le domicile et l’établissement scolaire ou universitaire des élèves et étudiants qui ne peuvent pas prendre les transports en commun à cause de leur handicap. Le trajet se fait en taxi ou en véhicule adapté ; si la famille conduit elle-même, ses frais sont remboursés. La demande est à renouveler chaque année avant le 30 juin.',
    authority: illeEtVilaine,
    zone: { type: 'authority' },
    thematics: ['handicap', 'transport', 'etudes'],
    audiences: ['handicap', 'jeunes', 'etudiants'],
    channels: [
      {
        type: 'information',
        label: 'Le transport des élèves handicapés',
        url: 'https://www.ille-et-vilaine.fr/transport-eleves-handicapes',
      },
      {
        type: 'form',
        label: 'Formulaire de demande',
        url: 'https://www.ille-et-vilaine.fr/transport-eleves-handicapes/demande',
      },
    ],
    cost: 'Gratuit pour la famille',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['35'] },
        { type: 'disability_rate', operator: '>=', value: 50 },
        { type: 'activity', values: ['lyceen', 'etudiant', 'apprenti'] },
      ],
    },
    notes: [
      'Pour un écolier ou un collégien, la demande est faite par ses parents.',
      'L’avis de la commission des droits et de l’autonomie (CDAPH) de la MDPH sur la nécessité d’un transport adapté est demandé dans tous les cas.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-02',
    published: true,
  },

  // Côtes-d’Armor
  {
    id: 'cotes-d-armor-prestation-compensation-handicap',
    title: 'Prestation de compensation du handicap (PCH)',
    description:
      'La PCH finance les aides humaines et techniques, l’aménagement du logement ou du véhicule dont une personne handicapée a besoin dans sa vie quotidienne. Elle est attribuée par la commission de la MDPH des Côtes-d’Armor et versée par le Département. Elle n’est pas soumise à condition de ressources, mais sa prise en charge passe de 100 % à 80 % au-delà d’un certain revenu.',
    authority: cotesDArmor,
    zone: { type: 'authority' },
    thematics: ['handicap'],
    audiences: ['handicap'],
    channels: [
      { type: 'information', label: 'La PCH', url: 'https://cotesdarmor.fr/pch' },
      { type: 'place', label: 'MDPH des Côtes-d’Armor', address: '3 rue Villiers de l’Isle-Adam, 22190 Plérin' },
    ],
    amount: { text: 'Selon les besoins reconnus par la MDPH' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['22'] },
        { type: 'age', operator: '<', value: 60 },
        {
          type: 'unmodelled',
          key: 'difficulte_activite_essentielle',
          label:
            'Avoir une difficulté absolue pour une activité essentielle (se déplacer, se laver, communiquer…) ou une difficulté grave pour au moins deux',
          checkWith: 'la MDPH des Côtes-d’Armor',
        },
      ],
    },
    notes: [
      'Après 60 ans, la PCH reste possible si le handicap existait avant cet âge ou si la personne travaille encore.',
      'Aucun taux d’incapacité minimal n’est exigé : seule l’évaluation de la MDPH compte.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-15',
    published: true,
  },
  {
    id: 'cotes-d-armor-consultations-pmi',
    title: 'Consultations gratuites de protection maternelle et infantile (PMI)',
    description:
      'Les centres de PMI du Département reçoivent les futurs parents et les enfants de moins de 6 ans pour des consultations médicales gratuites : suivi de grossesse, suivi du développement, vaccinations, conseils sur l’allaitement, le sommeil et l’alimentation. Une puéricultrice peut aussi venir à domicile après la naissance. Ces consultations sont ouvertes à tous, sans condition de ressources ni d’assurance maladie.',
    authority: cotesDArmor,
    zone: { type: 'authority' },
    thematics: ['sante', 'famille'],
    audiences: ['familles'],
    channels: [{ type: 'information', label: 'Les centres de PMI', url: 'https://cotesdarmor.fr/pmi' }],
    cost: 'Gratuit',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['22'] },
        {
          type: 'any',
          conditions: [
            { type: 'children', minCount: 1, maxAge: 5 },
            {
              type: 'unmodelled',
              key: 'grossesse',
              label: 'Attendre un enfant',
              checkWith: 'le centre de PMI le plus proche',
            },
          ],
        },
      ],
    },
    notes: [],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-15',
    published: true,
  },
  {
    id: 'cotes-d-armor-aide-bafa-bafd',
    title: 'Aide départementale au BAFA et au BAFD',
    description:
      'Le Département des Côtes-d’Armor aide les jeunes Costarmoricains de 17 à 25 ans qui se forment pour encadrer des enfants en accueils collectifs de mineurs. L’aide est versée à la fin du cursus : formation générale, stage pratique et session d’approfondissement. Elle est majorée pour les jeunes boursiers ou dont la famille a un quotient familial inférieur à 700 € par mois.',
    authority: cotesDArmor,
    zone: { type: 'authority' },
    thematics: ['jeunesse', 'emploi'],
    audiences: ['jeunes'],
    channels: [{ type: 'form', label: 'Demander l’aide', url: 'https://cotesdarmor.fr/jeunesse/aide-bafa-bafd' }],
    amount: { text: '150 €, ou 250 € pour les boursiers ou si le quotient familial est inférieur à 700 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['22'] },
        { type: 'age', operator: '>=', value: 17 },
        { type: 'age', operator: '<=', value: 25 },
      ],
    },
    notes: ['La demande doit être faite dans les six mois qui suivent la fin du cursus.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-12',
    published: true,
  },

  // Finistère
  {
    id: 'finistere-fonds-aide-aux-jeunes',
    title: 'Fonds d’aide aux jeunes (FAJ)',
    description:
      'Le Département du Finistère accorde une aide ponctuelle aux jeunes de 18 à 25 ans en difficulté, pour faire face à un besoin urgent (alimentation, logement, transport) ou financer une étape de leur insertion : formation, permis de conduire, équipement professionnel. La demande est présentée par un référent de mission locale, de centre départemental d’action sociale ou d’association. Le comité d’attribution se réunit chaque semaine.',
    authority: finistere,
    zone: { type: 'authority' },
    thematics: ['jeunesse', 'solidarite', 'emploi'],
    audiences: ['jeunes', 'faibles_revenus'],
    channels: [
      {
        type: 'information',
        label: 'Le fonds d’aide aux jeunes',
        url: 'https://www.finistere.fr/fonds-aide-aux-jeunes',
      },
    ],
    amount: { text: 'Aide ponctuelle, le plus souvent de 100 € à 500 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['29'] },
        { type: 'age', operator: '>=', value: 18 },
        { type: 'age', operator: '<=', value: 25 },
        {
          type: 'unmodelled',
          key: 'ressources_personnelles_faibles',
          label: 'Disposer de ressources personnelles faibles, sans soutien suffisant de sa famille',
          checkWith: 'la mission locale ou le centre départemental d’action sociale de votre secteur',
        },
      ],
    },
    notes: [],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-22',
    published: true,
  },
  {
    id: 'finistere-sorties-nature',
    title: 'Sorties nature gratuites dans les espaces naturels du Finistère',
    description:
      'Le Département protège plus de 70 espaces naturels, des dunes littorales aux landes des monts d’Arrée. D’avril à octobre, des guides naturalistes y proposent des sorties gratuites à la découverte de la faune, de la flore et des paysages, dont certaines adaptées aux jeunes enfants ou aux personnes à mobilité réduite. L’inscription est obligatoire : les groupes sont limités à 25 personnes.',
    authority: finistere,
    zone: { type: 'authority' },
    thematics: ['environnement', 'sport'],
    audiences: ['tous', 'familles'],
    channels: [{ type: 'online', label: 'Programme et inscriptions', url: 'https://www.finistere.fr/sorties-nature' }],
    cost: 'Gratuit',
    eligibility: null,
    notes: ['Prévoir des chaussures de marche et des vêtements adaptés à la météo.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-30',
    published: true,
  },
  {
    id: 'finistere-restauration-collegiens',
    title: 'Aide à la restauration scolaire des collégiens',
    description:
      'Le Département du Finistère réduit le prix du repas à la cantine des collèges publics et privés pour les familles modestes. Lorsque le quotient familial ne dépasse pas 700 € par mois, le repas est facturé 1 € au lieu d’environ 3,50 €. La réduction est appliquée directement par le collège sur la facture, une fois le dossier validé.',
    authority: finistere,
    zone: { type: 'authority' },
    thematics: ['famille', 'etudes', 'solidarite'],
    audiences: ['familles', 'faibles_revenus'],
    channels: [
      {
        type: 'information',
        label: 'La restauration au collège',
        url: 'https://www.finistere.fr/colleges/restauration',
      },
    ],
    amount: { text: 'Repas à 1 € au lieu d’environ 3,50 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['29'] },
        { type: 'children', minCount: 1, minAge: 10, maxAge: 16 },
        { type: 'quotient_familial', operator: '<=', value: 700 },
      ],
    },
    notes: ['L’attestation de quotient familial est à remettre au secrétariat du collège à la rentrée.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-02',
    published: true,
  },
  {
    id: 'finistere-pass-numerique',
    title: 'Pass numérique : des ateliers pour apprendre l’informatique',
    description:
      'Le Pass numérique est un carnet de chèques qui donne accès à des ateliers d’initiation dans les lieux de médiation numérique labellisés du Finistère : utiliser un ordinateur, créer une adresse électronique, faire ses démarches en ligne, se protéger des arnaques. Chaque chèque correspond à une à deux heures d’atelier. Le Département le remet en priorité aux personnes âgées, aux demandeurs d’emploi et aux foyers modestes.',
    authority: finistere,
    zone: { type: 'authority' },
    thematics: ['numerique'],
    audiences: ['seniors', 'demandeurs_emploi', 'faibles_revenus'],
    channels: [{ type: 'information', label: 'Le Pass numérique', url: 'https://www.finistere.fr/pass-numerique' }],
    amount: { value: 10, unit: 'chèques', text: 'Un carnet de 10 chèques de 10 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['29'] },
        {
          type: 'any',
          conditions: [
            { type: 'age', operator: '>=', value: 60 },
            { type: 'activity', values: ['demandeur_emploi'] },
            { type: 'quotient_familial', operator: '<=', value: 800 },
          ],
        },
      ],
    },
    notes: ['La liste des lieux qui acceptent le Pass numérique est remise avec le carnet.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-19',
    published: true,
  },

  // Morbihan
  {
    id: 'morbihan-accompagnement-rsa',
    title: 'Accompagnement des allocataires du RSA',
    description:
      'Chaque allocataire du revenu de solidarité active (RSA) qui vit dans le Morbihan a un référent unique, désigné par le Département, qui l’aide à construire son parcours : recherche d’emploi, formation, santé, logement, mobilité. Le référent peut mobiliser des aides départementales pour les frais de garde, de transport ou de permis de conduire. Le parcours est formalisé dans un contrat d’engagement réciproque.',
    authority: morbihan,
    zone: { type: 'authority' },
    thematics: ['emploi', 'solidarite'],
    audiences: ['demandeurs_emploi', 'faibles_revenus'],
    channels: [
      { type: 'information', label: 'Le RSA dans le Morbihan', url: 'https://www.morbihan.fr/rsa/accompagnement' },
    ],
    cost: 'Gratuit',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['56'] },
        {
          type: 'unmodelled',
          key: 'allocataire_rsa',
          label: 'Percevoir le revenu de solidarité active (RSA)',
          checkWith: 'la CAF ou la MSA',
        },
      ],
    },
    notes: [
      'Le RSA lui-même se demande à la CAF ou à la MSA ; il est en principe réservé aux personnes de 25 ans et plus, sauf parents isolés et jeunes ayant déjà travaillé deux ans.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-29',
    published: true,
  },
  {
    id: 'morbihan-aide-permis-insertion',
    title: 'Aide au permis de conduire pour l’insertion',
    description:
      'Le Département du Morbihan finance une partie du permis B des jeunes de 18 à 25 ans et des demandeurs d’emploi de longue durée pour qui l’absence de permis freine l’accès à un emploi ou à une formation. Le dossier est monté avec un conseiller de mission locale, de France Travail ou un référent RSA, qui valide le projet professionnel. L’aide est versée à l’auto-école.',
    authority: morbihan,
    zone: { type: 'authority' },
    thematics: ['emploi', 'jeunesse', 'transport'],
    audiences: ['jeunes', 'demandeurs_emploi'],
    channels: [
      {
        type: 'information',
        label: 'L’aide au permis',
        url: 'https://www.morbihan.fr/insertion/aide-permis-de-conduire',
      },
    ],
    amount: { value: 800, unit: '€', text: 'Jusqu’à 800 €, versés à l’auto-école' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', departements: ['56'] },
        {
          type: 'any',
          conditions: [
            {
              type: 'all',
              conditions: [
                { type: 'age', operator: '>=', value: 18 },
                { type: 'age', operator: '<=', value: 25 },
              ],
            },
            {
              type: 'all',
              conditions: [
                { type: 'activity', values: ['demandeur_emploi'] },
                {
                  type: 'unmodelled',
                  key: 'inscrit_france_travail_6_mois',
                  label: 'Être inscrit à France Travail depuis au moins 6 mois',
                  checkWith: 'votre conseiller France Travail',
                },
              ],
            },
          ],
        },
      ],
    },
    notes: ['Le code de la route doit être obtenu avant le versement de l’aide.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-26',
    published: true,
  },
  {
    id: 'morbihan-maison-de-l-autonomie',
    title: 'Maison de l’autonomie du Morbihan',
    description:
      'La Maison de l’autonomie est le guichet unique des personnes âgées, des personnes handicapées et de leurs proches. On peut y demander une carte mobilité inclusion, l’allocation aux adultes handicapés, l’APA ou une orientation en établissement, et être conseillé sur l’adaptation du logement ou le soutien aux aidants. L’accueil se fait par téléphone, sur place à Vannes ou dans des permanences dans tout le département.',
    authority: morbihan,
    zone: { type: 'authority' },
    thematics: ['handicap', 'solidarite'],
    audiences: ['handicap', 'seniors'],
    channels: [
      { type: 'information', label: 'La Maison de l’autonomie', url: 'https://www.morbihan.fr/maison-de-l-autonomie' },
      { type: 'place', label: 'Maison de l’autonomie', address: '2 rue de Saint-Tropez, 56000 Vannes' },
    ],
    cost: 'Gratuit',
    eligibility: null,
    notes: [],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-29',
    published: true,
  },
];
