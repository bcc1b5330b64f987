// Demo services of the Région Bretagne: the BreizhGo network (regional trains, coaches, island
// ferries and, since the loi NOTRe, school transport), lycées, vocational training, the Breton
// language, and the regional housing-renovation network.
import type { Authority, Service } from '../model.ts';
import { DEMO_SOURCE } from './common.ts';

const region: Authority = { name: 'Région Bretagne', level: 'region', code: '53', siren: '233500016' };

// The islands served by the Région's ferries: Ouessant, Molène, Sein, Groix, the four communes of
// Belle-Île, Houat and Hœdic.
const ISLAND_COMMUNES = ['29155', '29084', '29083', '56069', '56152', '56241', '56009', '56114', '56086', '56085'];

export const regionServices: Service[] = [
  {
    id: 'region-breizhgo-jeunes',
    title: 'BreizhGo : trains et cars à prix réduit pour les moins de 26 ans',
    description:
      'La Région Bretagne propose aux moins de 26 ans des tarifs réduits sur tout le réseau BreizhGo : trains TER, cars régionaux et bateaux vers les îles. Chaque trajet en TER est réduit de 50 %, et l’abonnement mensuel illimité pour aller étudier ou travailler coûte 40 €. Les titres se chargent sur la carte KorriGo.',
    authority: region,
    zone: { type: 'france' },
    thematics: ['transport', 'jeunesse'],
    audiences: ['jeunes', 'etudiants'],
    channels: [
      { type: 'information', label: 'Les tarifs jeunes', url: 'https://www.breizhgo.bzh/tarifs/tarifs-jeunes' },
      { type: 'online', label: 'Commander sa carte KorriGo', url: 'https://www.breizhgo.bzh/korrigo/commander' },
    ],
    amount: { text: '50 % de réduction sur chaque trajet TER ; abonnement mensuel à 40 €' },
    eligibility: { type: 'age', operator: '<', value: 26 },
    notes: ['Aucune condition de résidence : l’offre vaut pour tout jeune qui voyage en Bretagne.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'region-breizhgo-solidaire',
    title: 'BreizhGo Solidaire : 75 % de réduction sur les trajets',
    description:
      'La Région réduit de 75 % le prix des trajets en TER et en car BreizhGo pour les Bretons qui cherchent un emploi ou dont les ressources sont faibles. La réduction est accordée pour six mois, renouvelables tant que la situation dure. Elle est chargée sur la carte KorriGo.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['transport', 'solidarite', 'emploi'],
    audiences: ['demandeurs_emploi', 'faibles_revenus'],
    channels: [
      { type: 'online', label: 'Faire la demande', url: 'https://www.breizhgo.bzh/tarifs/breizhgo-solidaire' },
    ],
    amount: { text: '75 % de réduction sur chaque trajet' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', regions: ['53'] },
        {
          type: 'any',
          conditions: [
            { type: 'activity', values: ['demandeur_emploi'] },
            { type: 'quotient_familial', operator: '<=', value: 600 },
            {
              type: 'unmodelled',
              key: 'minimum_social',
              label: 'Percevoir un minimum social (RSA, AAH, ASS, minimum vieillesse)',
              checkWith: 'la CAF, la MSA ou France Travail',
            },
          ],
        },
      ],
    },
    notes: ['Un justificatif de moins de trois mois est demandé à chaque renouvellement.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'region-transport-scolaire',
    title: 'Transport scolaire BreizhGo',
    description:
      'La Région Bretagne organise le transport scolaire en car et en bateau des élèves, de la maternelle au lycée, en dehors des agglomérations qui ont leur propre réseau urbain. L’inscription se fait en ligne chaque année avant le 15 juillet ; au-delà, le tarif est majoré. Le tarif annuel est le même dans toute la Bretagne et il est réduit pour les familles dont le quotient familial est modeste.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['transport', 'famille', 'etudes'],
    audiences: ['familles', 'jeunes'],
    channels: [
      { type: 'online', label: 'Inscrire un élève', url: 'https://www.breizhgo.bzh/transport-scolaire/inscription' },
    ],
    cost: 'Gratuit si le quotient familial ne dépasse pas 450 € ; 60 € par an jusqu’à 700 € ; 120 € par an au-delà ; gratuit à partir du troisième enfant inscrit',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', regions: ['53'] },
        {
          type: 'any',
          conditions: [
            { type: 'children', minCount: 1, minAge: 3, maxAge: 18 },
            { type: 'activity', values: ['lyceen', 'apprenti'] },
          ],
        },
      ],
    },
    notes: [
      'Dans les agglomérations de Rennes, Brest, Lorient, Saint-Brieuc, Vannes, Quimper et Saint-Malo, les élèves empruntent le réseau urbain, à ses propres tarifs.',
      'L’élève doit habiter à plus de 3 km de son établissement de secteur.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-04-01',
    published: true,
  },
  {
    id: 'region-manuels-scolaires-gratuits',
    title: 'Manuels scolaires gratuits au lycée',
    description:
      'La Région Bretagne fournit gratuitement les manuels scolaires, papier ou numériques, aux élèves des lycées publics et privés sous contrat de Bretagne, en voie générale, technologique ou professionnelle. Les manuels sont prêtés par le lycée en début d’année et rendus en fin d’année. Les élèves de la voie professionnelle reçoivent aussi leur premier équipement (tenue, outillage).',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['etudes', 'jeunesse'],
    audiences: ['jeunes', 'familles'],
    channels: [
      { type: 'information', label: 'Les manuels gratuits', url: 'https://www.bretagne.bzh/aides/manuels-scolaires' },
    ],
    cost: 'Gratuit',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'activity', values: ['lyceen'] },
        {
          type: 'unmodelled',
          key: 'lycee_en_bretagne',
          label: 'Être élève d’un lycée public ou privé sous contrat situé en Bretagne',
          checkWith: 'le secrétariat de votre lycée',
        },
      ],
    },
    notes: ['Un manuel perdu ou très abîmé peut être facturé à la famille par le lycée.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'region-jeunes-a-l-international',
    title: 'Bourse Jeunes à l’international',
    description:
      'La Région Bretagne aide les étudiants boursiers inscrits dans un établissement breton à faire un stage ou un semestre d’études à l’étranger, de bac+1 à bac+5. Le montant dépend de la durée du séjour et du pays de destination. La demande est déposée par l’intermédiaire du service des relations internationales de l’établissement.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['etudes', 'jeunesse'],
    audiences: ['etudiants'],
    channels: [
      {
        type: 'information',
        label: 'Jeunes à l’international',
        url: 'https://www.bretagne.bzh/aides/jeunes-a-l-international',
      },
    ],
    amount: { text: 'De 400 € à 2 400 € selon la durée et la destination' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'activity', values: ['etudiant'] },
        { type: 'boursier', value: true },
        {
          type: 'study_level',
          values: ['bts_1', 'but_1', 'cpge_1', 'licence_1', 'licence_2', 'licence_3', 'master_1', 'master_2'],
        },
        {
          type: 'unmodelled',
          key: 'mobilite_validee',
          label:
            'Avoir un projet de stage ou d’études à l’étranger d’au moins 4 semaines, validé par son établissement',
          checkWith: 'le service des relations internationales de votre établissement',
        },
      ],
    },
    notes: ['Cumulable avec l’aide à la mobilité internationale du CROUS et les bourses Erasmus+.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-05',
    published: true,
  },
  {
    id: 'region-bourses-sanitaires-sociales',
    title: 'Bourses d’études des formations sanitaires et sociales',
    description:
      'La Région Bretagne accorde des bourses aux élèves et étudiants des formations paramédicales et du travail social : infirmier, aide-soignant, auxiliaire de puériculture, éducateur spécialisé, assistant de service social… Le montant dépend des ressources et des charges de la famille, selon un barème proche de celui des bourses du CROUS. La demande se fait en ligne dès l’entrée en formation.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['etudes', 'sante'],
    audiences: ['etudiants', 'faibles_revenus'],
    channels: [
      {
        type: 'online',
        label: 'Demander une bourse',
        url: 'https://www.bretagne.bzh/aides/bourses-sanitaires-sociales',
      },
    ],
    amount: { text: 'De 1 450 € à 6 300 € par an selon l’échelon' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'activity', values: ['etudiant'] },
        {
          type: 'unmodelled',
          key: 'formation_sanitaire_sociale',
          label: 'Être inscrit dans une formation sanitaire ou sociale agréée par la Région Bretagne',
          checkWith: 'votre institut de formation',
        },
      ],
    },
    notes: [
      'Les personnes en reconversion rémunérées par France Travail ou par leur employeur ne peuvent pas cumuler cette bourse avec leur rémunération.',
      'Pour les moins de 26 ans, le barème tient compte des revenus des parents.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-05',
    published: true,
  },
  {
    id: 'region-qualif-emploi',
    title: 'Formations QUALIF Emploi pour les demandeurs d’emploi',
    description:
      'La Région Bretagne finance des formations qualifiantes, du CAP au bac+3, pour les demandeurs d’emploi qui veulent se reconvertir ou obtenir un diplôme dans un métier qui recrute : santé, industrie, numérique, bâtiment, agriculture… La formation est gratuite, et le stagiaire qui ne touche pas d’allocation chômage peut être rémunéré pendant sa durée. L’entrée en formation se prépare avec un conseiller France Travail, de mission locale ou de Cap emploi.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['emploi', 'etudes'],
    audiences: ['demandeurs_emploi'],
    channels: [{ type: 'information', label: 'QUALIF Emploi', url: 'https://www.bretagne.bzh/aides/qualif-emploi' }],
    cost: 'Gratuit',
    amount: { text: 'Rémunération de stagiaire pour les personnes non indemnisées, selon la situation' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', regions: ['53'] },
        { type: 'activity', values: ['demandeur_emploi'] },
        {
          type: 'unmodelled',
          key: 'inscrit_france_travail',
          label: 'Être inscrit comme demandeur d’emploi à France Travail',
          checkWith: 'votre conseiller France Travail, de mission locale ou de Cap emploi',
        },
      ],
    },
    notes: [],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-12',
    published: true,
  },
  {
    id: 'region-desk-formation-breton',
    title: 'Aide Desk : apprendre le breton en formation intensive',
    description:
      'La Région Bretagne finance les formations intensives de six mois en langue bretonne pour les adultes qui veulent travailler en breton, notamment dans l’enseignement, la petite enfance, l’animation ou les médias. L’aide Desk prend en charge les frais de formation ; les demandeurs d’emploi peuvent aussi être rémunérés. Le projet professionnel est présenté lors d’un entretien avec l’organisme de formation.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['culture', 'emploi', 'etudes'],
    audiences: ['tous', 'demandeurs_emploi'],
    channels: [
      {
        type: 'information',
        label: 'L’aide Desk',
        url: 'https://www.bretagne.bzh/aides/desk-formation-langue-bretonne',
      },
    ],
    amount: { text: 'Frais de formation pris en charge, jusqu’à 4 000 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'age', operator: '>=', value: 18 },
        { type: 'activity', values: ['demandeur_emploi', 'salarie', 'independant', 'inactif'] },
        {
          type: 'unmodelled',
          key: 'projet_professionnel_breton',
          label: 'Avoir un projet professionnel qui demande la pratique du breton',
          checkWith: 'l’organisme de formation en langue bretonne',
        },
      ],
    },
    notes: ['Les salariés passent par un projet de transition professionnelle avec leur employeur.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-12',
    published: true,
  },
  {
    id: 'region-renov-habitat-bretagne',
    title: 'Rénov’Habitat Bretagne : conseil gratuit pour rénover son logement',
    description:
      'Le réseau Rénov’Habitat Bretagne, animé par la Région avec les intercommunalités, offre à chaque habitant un conseil gratuit et indépendant pour rénover son logement : priorités de travaux, choix d’artisans qualifiés, aides mobilisables (MaPrimeRénov’, certificats d’économies d’énergie, aides locales). Les conseillers reçoivent près de chez vous ou répondent par téléphone, et n’ont rien à vendre.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['logement', 'environnement'],
    audiences: ['tous'],
    channels: [
      { type: 'information', label: 'Rénov’Habitat Bretagne', url: 'https://www.bretagne.bzh/renov-habitat-bretagne' },
      { type: 'phone', label: 'Numéro national France Rénov’ : 0 808 800 700 (service et appel gratuits)' },
    ],
    cost: 'Gratuit',
    eligibility: null,
    notes: [
      'Les locataires peuvent aussi être conseillés, par exemple sur les économies d’énergie ou les démarches auprès du propriétaire.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-05',
    published: true,
  },
  {
    id: 'region-tarif-resident-iles',
    title: 'Tarif résident sur les bateaux BreizhGo vers les îles',
    description:
      'Les habitants des îles desservies par les bateaux BreizhGo voyagent vers le continent à un tarif résident, environ quatre fois moins cher que le tarif normal. La carte de résident est délivrée par la mairie de l’île et chargée sur la carte KorriGo. Elle vaut pour tous les membres du foyer.',
    authority: region,
    zone: { type: 'communes', codes: ISLAND_COMMUNES },
    thematics: ['transport'],
    audiences: ['tous'],
    channels: [
      {
        type: 'information',
        label: 'Tarifs des liaisons maritimes',
        url: 'https://www.breizhgo.bzh/bateaux/tarifs-residents',
      },
    ],
    amount: { text: 'Aller-retour à environ 9 € au lieu de 35 €' },
    eligibility: { type: 'residence', communes: ISLAND_COMMUNES },
    notes: [
      'Les propriétaires d’une résidence secondaire et les salariés qui travaillent sur l’île ont un tarif intermédiaire : renseignez-vous à la gare maritime.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-26',
    published: true,
  },
  {
    id: 'region-conseil-regional-des-jeunes',
    title: 'Conseil régional des jeunes lycéens et apprentis',
    description:
      'Le Conseil régional des jeunes réunit pour deux ans des lycéens et des apprentis de toute la Bretagne, désignés dans leur établissement. Ils donnent leur avis sur les politiques de la Région (transports, lycées, environnement, égalité) et mènent leurs propres projets avec un budget dédié. Les séances plénières ont lieu à l’Hôtel de Région, à Rennes.',
    authority: region,
    zone: { type: 'authority' },
    thematics: ['citoyennete', 'jeunesse'],
    audiences: ['jeunes'],
    channels: [
      {
        type: 'information',
        label: 'Le Conseil régional des jeunes',
        url: 'https://www.bretagne.bzh/conseil-regional-des-jeunes',
      },
      { type: 'place', label: 'Hôtel de Région', address: '283 avenue du Général Patton, 35700 Rennes' },
    ],
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'age', operator: '>=', value: 15 },
        { type: 'age', operator: '<=', value: 21 },
        { type: 'activity', values: ['lyceen', 'apprenti'] },
      ],
    },
    notes: ['Les candidatures sont recueillies par les établissements à la rentrée de septembre.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-19',
    published: true,
  },
];
