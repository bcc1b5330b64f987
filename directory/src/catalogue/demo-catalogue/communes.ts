// Demo services of communes and their CCAS (centres communaux d’action sociale).
import type { Authority, Service } from '../model.ts';
import { DEMO_SOURCE } from './common.ts';

const rennes: Authority = { name: 'Ville de Rennes', level: 'commune', code: '35238', siren: '213502388' };
const brest: Authority = { name: 'Ville de Brest', level: 'commune', code: '29019', siren: '212900195' };
const quimper: Authority = { name: 'Ville de Quimper', level: 'commune', code: '29232', siren: '212902324' };
const vannes: Authority = { name: 'Ville de Vannes', level: 'commune', code: '56260', siren: '215602608' };
const saintBrieuc: Authority = { name: 'Ville de Saint-Brieuc', level: 'commune', code: '22278', siren: '212202782' };
const lorient: Authority = { name: 'Ville de Lorient', level: 'commune', code: '56121', siren: '215601212' };
const saintMalo: Authority = { name: 'Ville de Saint-Malo', level: 'commune', code: '35288', siren: '213502883' };
const lannion: Authority = { name: 'Ville de Lannion', level: 'commune', code: '22113', siren: '212201131' };
const morlaix: Authority = { name: 'Ville de Morlaix', level: 'commune', code: '29151', siren: '212901516' };
const fougeres: Authority = { name: 'Ville de Fougères', level: 'commune', code: '35115', siren: '213501158' };
const vitre: Authority = { name: 'Ville de Vitré', level: 'commune', code: '35360', siren: '213503600' };
const dinan: Authority = { name: 'Ville de Dinan', level: 'commune', code: '22050', siren: '200076578' };
const concarneau: Authority = { name: 'Ville de Concarneau', level: 'commune', code: '29039', siren: '212900393' };
const pontivy: Authority = { name: 'Ville de Pontivy', level: 'commune', code: '56178', siren: '215601782' };
const guingamp: Authority = { name: 'Ville de Guingamp', level: 'commune', code: '22070', siren: '212200703' };
const redon: Authority = { name: 'Ville de Redon', level: 'commune', code: '35236', siren: '213502362' };

export const communeServices: Service[] = [
  {
    id: 'rennes-bibliotheques-abonnement-gratuit',
    title: 'Abonnement gratuit aux bibliothèques de Rennes',
    description:
      'Les bibliothèques de quartier de la Ville de Rennes prêtent livres, bandes dessinées, films, jeux et partitions. Elles sont ouvertes à tous les habitants de Rennes Métropole ; l’abonnement est gratuit pour les Rennais, et pour les moins de 18 ans, les étudiants et les demandeurs d’emploi de toute la métropole. Il permet d’emprunter 20 documents pour 4 semaines et donne accès aux ressources en ligne (presse, autoformation, films).',
    authority: rennes,
    zone: { type: 'epcis', codes: ['243500139'] },
    thematics: ['culture'],
    audiences: ['tous', 'jeunes', 'etudiants', 'demandeurs_emploi'],
    channels: [
      {
        type: 'information',
        label: 'Les bibliothèques de Rennes',
        url: 'https://metropole.rennes.fr/bibliotheques-de-rennes',
      },
      {
        type: 'online',
        label: 'Se préinscrire en ligne',
        url: 'https://metropole.rennes.fr/bibliotheques-de-rennes/inscription',
      },
    ],
    cost: 'Gratuit pour les publics ci-dessous ; 15 € par an pour les autres habitants de la métropole',
    eligibility: {
      type: 'any',
      conditions: [
        { type: 'residence', communes: ['35238'] },
        { type: 'age', operator: '<', value: 18 },
        { type: 'activity', values: ['etudiant', 'demandeur_emploi'] },
      ],
    },
    notes: [
      'À la première inscription, présenter une pièce d’identité et un justificatif de domicile de moins de 3 mois.',
      'Les étudiants présentent leur carte d’étudiant de l’année en cours, les demandeurs d’emploi une attestation France Travail de moins d’un mois.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-12',
    published: true,
  },
  {
    id: 'rennes-piscines-tarif-reduit',
    title: 'Tarif réduit dans les piscines municipales de Rennes',
    description:
      'Les piscines de Bréquigny, des Gayeulles, Saint-Georges et de Villejean appliquent aux habitants de Rennes Métropole un tarif réduit à l’entrée et sur les cartes de 10 entrées. Il concerne les moins de 18 ans, les étudiants, les personnes dont le quotient familial ne dépasse pas 700 € par mois et les personnes dont le taux d’incapacité est d’au moins 50 %. L’accompagnateur d’une personne handicapée entre gratuitement.',
    authority: rennes,
    zone: { type: 'epcis', codes: ['243500139'] },
    thematics: ['sport', 'solidarite'],
    audiences: ['jeunes', 'etudiants', 'faibles_revenus', 'handicap'],
    channels: [
      { type: 'information', label: 'Les piscines rennaises', url: 'https://metropole.rennes.fr/piscines-rennaises' },
      { type: 'place', label: 'Piscine de Bréquigny', address: 'Boulevard Albert 1er, 35200 Rennes' },
    ],
    cost: 'Entrée à 2,30 € au lieu de 4,60 € ; carte de 10 entrées à 20 € au lieu de 40 €',
    eligibility: {
      type: 'any',
      conditions: [
        { type: 'age', operator: '<', value: 18 },
        { type: 'activity', values: ['etudiant'] },
        { type: 'quotient_familial', operator: '<=', value: 700 },
        { type: 'disability_rate', operator: '>=', value: 50 },
      ],
    },
    notes: [
      'Justificatif à présenter en caisse : attestation de quotient familial CAF ou MSA de moins de 3 mois, carte d’étudiant ou carte mobilité inclusion.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-12',
    published: true,
  },
  {
    id: 'rennes-dispositif-sortir',
    title: 'Sortir ! : culture, sport et loisirs à petit prix',
    description:
      'Le dispositif Sortir ! permet aux Rennais aux revenus modestes de pratiquer une activité sportive ou culturelle à l’année et d’assister à des spectacles, des matchs ou des concerts pour quelques euros. La carte est attribuée pour un an à chaque membre du foyer lorsque le quotient familial ne dépasse pas 600 € par mois. Elle se demande au CCAS, dans un espace social commun ou auprès d’une association partenaire.',
    authority: rennes,
    zone: { type: 'authority' },
    thematics: ['solidarite', 'culture', 'sport'],
    audiences: ['faibles_revenus', 'familles'],
    channels: [
      { type: 'information', label: 'Le dispositif Sortir !', url: 'https://metropole.rennes.fr/sortir' },
      {
        type: 'place',
        label: 'Centre communal d’action sociale de Rennes',
        address: 'Hôtel de Ville, place de la Mairie, 35000 Rennes',
      },
    ],
    amount: { text: 'Réduction de 50 à 70 % sur les activités à l’année ; places de spectacle à 3 € ou 4 €' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['35238'] },
        { type: 'quotient_familial', operator: '<=', value: 600 },
      ],
    },
    notes: [
      'D’autres communes de la métropole adhèrent au dispositif pour leurs habitants : renseignez-vous auprès de votre mairie.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-03',
    published: true,
  },
  {
    id: 'rennes-carte-identite-passeport',
    title: 'Carte d’identité et passeport : rendez-vous en mairie',
    description:
      'La Ville de Rennes reçoit sur rendez-vous les demandes et les retraits de carte nationale d’identité et de passeport, à l’Hôtel de Ville et dans plusieurs mairies de quartier. Faites d’abord une pré-demande en ligne sur le site de l’ANTS et notez son numéro : le rendez-vous ne dure alors qu’une quinzaine de minutes. Le passage en mairie est obligatoire pour la prise d’empreintes, y compris pour les mineurs.',
    authority: rennes,
    zone: { type: 'authority' },
    thematics: ['citoyennete'],
    audiences: ['tous'],
    channels: [
      {
        type: 'online',
        label: 'Prendre rendez-vous',
        url: 'https://metropole.rennes.fr/carte-identite-passeport-rendez-vous',
      },
      { type: 'online', label: 'Faire la pré-demande sur le site de l’ANTS', url: 'https://ants.gouv.fr/' },
      { type: 'place', label: 'Hôtel de Ville de Rennes', address: 'Place de la Mairie, 35000 Rennes' },
    ],
    cost: 'Carte d’identité gratuite (25 € en timbre fiscal en cas de perte ou de vol) ; passeport adulte 86 €',
    eligibility: null,
    notes: [
      'Réservé aux personnes de nationalité française.',
      'Un mineur est accompagné d’un parent exerçant l’autorité parentale.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-12',
    published: true,
  },
  {
    id: 'brest-mediatheques-carte',
    title: 'Carte des médiathèques de Brest',
    description:
      'Le réseau des médiathèques de Brest réunit une dizaine d’équipements, dont la médiathèque François-Mitterrand aux Capucins. La carte permet d’emprunter jusqu’à 30 documents pour 4 semaines dans toutes les médiathèques du réseau et donne accès aux ressources en ligne. Elle est ouverte aux habitants de Brest métropole, gratuite pour les moins de 26 ans.',
    authority: brest,
    zone: { type: 'epcis', codes: ['242900314'] },
    thematics: ['culture'],
    audiences: ['tous', 'jeunes'],
    channels: [
      { type: 'information', label: 'Les médiathèques de Brest', url: 'https://www.brest.fr/culture/mediatheques' },
      {
        type: 'place',
        label: 'Médiathèque François-Mitterrand – Les Capucins',
        address: '25 rue de Pontaniou, 29200 Brest',
      },
    ],
    cost: 'Gratuit pour les moins de 26 ans ; 12 € par an pour les Brestois ; 20 € par an pour les autres habitants de la métropole',
    eligibility: null,
    notes: ['La carte est aussi gratuite pour les bénéficiaires de minima sociaux, sur justificatif.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-19',
    published: true,
  },
  {
    id: 'brest-inscription-listes-electorales',
    title: 'Inscription sur les listes électorales à Brest',
    description:
      'Pour voter à Brest, il faut être inscrit sur la liste électorale de la commune. L’inscription se fait en ligne sur Service-Public.fr ou au service élections de l’hôtel de ville, au plus tard le sixième vendredi avant un scrutin. Les jeunes recensés à 16 ans sont inscrits d’office à 18 ans, mais un déménagement impose une nouvelle démarche.',
    authority: brest,
    zone: { type: 'authority' },
    thematics: ['citoyennete'],
    audiences: ['tous', 'jeunes'],
    channels: [
      {
        type: 'online',
        label: 'S’inscrire en ligne',
        url: 'https://www.service-public.fr/particuliers/vosdroits/R16396',
      },
      { type: 'information', label: 'Élections à Brest', url: 'https://www.brest.fr/demarches/elections' },
      { type: 'place', label: 'Hôtel de ville – service élections', address: '2 rue Frézier, 29200 Brest' },
    ],
    cost: 'Gratuit',
    eligibility: { type: 'age', operator: '>=', value: 18 },
    notes: [
      'Réservé aux Français et, pour les élections municipales et européennes, aux ressortissants de l’Union européenne.',
      'Il faut avoir une attache avec Brest : y habiter, ou y payer des impôts locaux depuis au moins deux ans.',
      'Un jeune qui aura 18 ans au plus tard la veille d’un scrutin peut déjà s’inscrire.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-19',
    published: true,
  },
  {
    id: 'brest-vaccinations-gratuites',
    title: 'Vaccinations gratuites au service de santé publique de Brest',
    description:
      'Le service municipal de santé publique de Brest vaccine gratuitement, sans avance de frais, contre la diphtérie, le tétanos, la poliomyélite, la rougeole, l’hépatite B, le méningocoque et les papillomavirus (HPV). Les séances ont lieu sur rendez-vous, que l’on ait un médecin traitant ou non. Apportez votre carnet de vaccination ou votre carnet de santé.',
    authority: brest,
    zone: { type: 'authority' },
    thematics: ['sante'],
    audiences: ['tous'],
    channels: [
      { type: 'information', label: 'Se faire vacciner à Brest', url: 'https://www.brest.fr/sante/vaccinations' },
      {
        type: 'online',
        label: 'Prendre rendez-vous en ligne',
        url: 'https://www.brest.fr/sante/vaccinations/rendez-vous',
      },
    ],
    cost: 'Gratuit',
    eligibility: { type: 'age', operator: '>=', value: 6 },
    notes: [
      'Les enfants de moins de 6 ans sont vaccinés dans les consultations de protection maternelle et infantile (PMI) du Département.',
      'Les vaccins du voyageur (fièvre jaune, encéphalite japonaise…) ne sont pas proposés.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-10',
    published: true,
  },
  {
    id: 'quimper-creches-municipales',
    title: 'Accueil en crèche municipale à Quimper',
    description:
      'La Ville de Quimper gère plusieurs multi-accueils qui reçoivent les enfants de 10 semaines à 3 ans, à temps plein, à temps partiel ou de façon occasionnelle. Les demandes sont examinées en commission d’attribution trois fois par an ; la préinscription est possible dès le sixième mois de grossesse. Le tarif horaire suit le barème national de la CAF, selon les ressources et le nombre d’enfants du foyer.',
    authority: quimper,
    zone: { type: 'authority' },
    thematics: ['famille'],
    audiences: ['familles'],
    channels: [
      { type: 'information', label: 'Les crèches de Quimper', url: 'https://www.quimper.bzh/petite-enfance/creches' },
      {
        type: 'place',
        label: 'Guichet unique petite enfance',
        address: 'Hôtel de ville, 44 place Saint-Corentin, 29000 Quimper',
      },
    ],
    cost: 'De 0,50 € à 4,20 € de l’heure selon les ressources (barème CAF), repas et couches fournis',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['29232'] },
        {
          type: 'any',
          conditions: [
            { type: 'children', minCount: 1, maxAge: 3 },
            {
              type: 'unmodelled',
              key: 'grossesse',
              label: 'Attendre un enfant (à partir du sixième mois de grossesse)',
              checkWith: 'le guichet unique petite enfance de Quimper',
            },
          ],
        },
      ],
    },
    notes: [
      'Le guichet unique présente aussi les autres modes d’accueil : assistants maternels, crèches associatives, garde à domicile.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-26',
    published: true,
  },
  {
    id: 'vannes-mediatheques-abonnement-gratuit',
    title: 'Abonnement gratuit aux médiathèques de Vannes',
    description:
      'Les médiathèques de Vannes prêtent livres, revues, CD, DVD et jeux vidéo, et proposent chaque semaine des heures du conte et des ateliers. L’abonnement est gratuit pour les Vannetais ; les habitants des autres communes de l’agglomération paient un forfait annuel, sauf les moins de 18 ans et les étudiants. Chaque carte permet d’emprunter 15 documents pour trois semaines.',
    authority: vannes,
    zone: { type: 'epcis', codes: ['200067932'] },
    thematics: ['culture'],
    audiences: ['tous', 'jeunes', 'etudiants'],
    channels: [
      {
        type: 'information',
        label: 'Les médiathèques de Vannes',
        url: 'https://www.mairie-vannes.fr/culture/mediatheques',
      },
    ],
    cost: 'Gratuit pour les publics ci-dessous ; 20 € par an pour les autres personnes',
    eligibility: {
      type: 'any',
      conditions: [
        { type: 'residence', communes: ['56260'] },
        { type: 'age', operator: '<', value: 18 },
        { type: 'activity', values: ['etudiant'] },
      ],
    },
    notes: ['Les assistants maternels et les enseignants peuvent demander une carte professionnelle gratuite.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-26',
    published: true,
  },
  {
    id: 'saint-brieuc-aide-rentree-scolaire',
    title: 'Aide municipale à la rentrée scolaire',
    description:
      'Le CCAS de Saint-Brieuc verse une aide aux familles briochines aux revenus modestes pour l’achat des fournitures et des vêtements de rentrée. Elle est accordée pour chaque enfant de 3 à 18 ans scolarisé, lorsque le quotient familial du foyer ne dépasse pas 650 € par mois. La demande se fait entre le 1er juillet et le 30 septembre.',
    authority: saintBrieuc,
    zone: { type: 'authority' },
    thematics: ['famille', 'solidarite'],
    audiences: ['familles', 'faibles_revenus'],
    channels: [
      {
        type: 'information',
        label: 'L’aide à la rentrée scolaire',
        url: 'https://www.saint-brieuc.fr/solidarite/aide-rentree-scolaire',
      },
      {
        type: 'place',
        label: 'CCAS de Saint-Brieuc',
        address: 'Hôtel de ville, place du Général de Gaulle, 22000 Saint-Brieuc',
      },
    ],
    amount: {
      value: 60,
      unit: '€ par enfant',
      text: '60 € par enfant en maternelle ou en élémentaire, 90 € au collège ou au lycée',
    },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['22278'] },
        { type: 'children', minCount: 1, minAge: 3, maxAge: 18 },
        { type: 'quotient_familial', operator: '<=', value: 650 },
      ],
    },
    notes: [
      'Cette aide s’ajoute à l’allocation de rentrée scolaire de la CAF.',
      'Pièces à fournir : attestation de quotient familial CAF ou MSA, et certificat de scolarité pour les plus de 16 ans.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-02',
    published: true,
  },
  {
    id: 'lorient-accueils-de-loisirs',
    title: 'Accueils de loisirs du mercredi et des vacances',
    description:
      'Les accueils de loisirs de la Ville de Lorient reçoivent les enfants de 3 à 12 ans le mercredi et pendant les vacances scolaires, à la journée ou à la demi-journée, repas compris. Le prix de la journée dépend du quotient familial, en dix tranches allant de moins de 400 € à plus de 1 800 € par mois. Les inscriptions se font sur le portail famille.',
    authority: lorient,
    zone: { type: 'authority' },
    thematics: ['famille', 'jeunesse'],
    audiences: ['familles'],
    channels: [
      { type: 'online', label: 'Portail famille', url: 'https://www.lorient.bzh/portail-famille' },
      {
        type: 'information',
        label: 'Les accueils de loisirs',
        url: 'https://www.lorient.bzh/enfance-jeunesse/accueils-de-loisirs',
      },
    ],
    cost: 'De 2,50 € à 18,40 € la journée selon le quotient familial',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['56121'] },
        { type: 'children', minCount: 1, minAge: 3, maxAge: 12 },
      ],
    },
    notes: [
      'Un enfant en situation de handicap est accueilli avec un projet d’accueil individualisé, préparé avec la famille.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-16',
    published: true,
  },
  {
    id: 'saint-malo-plages-accessibles',
    title: 'Baignade accessible et fauteuils de plage à Saint-Malo',
    description:
      'De juin à septembre, la plage du Sillon et la plage de Bon-Secours offrent un accès à la baignade aux personnes à mobilité réduite : tapis jusqu’à la mer, fauteuils amphibies et sanitaires adaptés. Les sauveteurs aident à la mise à l’eau sur demande. Le prêt des fauteuils est gratuit pour tous, habitants comme vacanciers, sur présentation d’un justificatif de handicap ou de mobilité réduite.',
    authority: saintMalo,
    zone: { type: 'france' },
    thematics: ['handicap', 'sport'],
    audiences: ['handicap', 'seniors'],
    channels: [
      { type: 'information', label: 'Plages accessibles', url: 'https://www.saint-malo.fr/plages-accessibles' },
      { type: 'place', label: 'Poste de secours du Sillon', address: 'Chaussée du Sillon, 35400 Saint-Malo' },
    ],
    cost: 'Gratuit',
    eligibility: {
      type: 'any',
      conditions: [
        { type: 'disability_rate', operator: '>=', value: 50 },
        {
          type: 'unmodelled',
          key: 'mobilite_reduite',
          label: 'Avoir une mobilité réduite, même sans taux d’incapacité reconnu (grand âge, blessure…)',
          checkWith: 'le poste de secours de la plage',
        },
      ],
    },
    notes: ['Réservation conseillée la veille en juillet et en août.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-04-06',
    published: true,
  },
  {
    id: 'saint-malo-carte-stationnement-resident',
    title: 'Carte de stationnement résident à Saint-Malo',
    description:
      'Les habitants des quartiers où le stationnement est payant (intra-muros, Saint-Servan, Paramé) peuvent garer un véhicule à tarif réduit près de chez eux. La carte résident est mensuelle ou annuelle et ne vaut que dans la zone du domicile. La demande se fait en ligne avec le certificat d’immatriculation et un justificatif de domicile.',
    authority: saintMalo,
    zone: { type: 'authority' },
    thematics: ['transport'],
    audiences: ['tous'],
    channels: [
      {
        type: 'online',
        label: 'Demander la carte résident',
        url: 'https://www.saint-malo.fr/stationnement/carte-resident',
      },
    ],
    cost: '30 € par mois ou 240 € par an',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['35288'] },
        {
          type: 'unmodelled',
          key: 'vehicule_immatricule_adresse',
          label: 'Avoir un véhicule immatriculé à son adresse, dans une zone de stationnement payant',
          checkWith: 'le service stationnement de la Ville de Saint-Malo',
        },
      ],
    },
    notes: ['Une seule carte par logement ; une deuxième carte est possible au tarif majoré dans certaines zones.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-12',
    published: true,
  },
  {
    id: 'lannion-mutuelle-communale',
    title: 'Mutuelle communale de Lannion',
    description:
      'La Ville de Lannion a négocié avec une mutuelle une complémentaire santé ouverte à tous ses habitants, sans questionnaire de santé ni limite d’âge. Les tarifs, mutualisés, sont souvent avantageux pour les retraités, les indépendants et les personnes sans mutuelle d’entreprise. Des permanences d’information ont lieu chaque mois au CCAS.',
    authority: lannion,
    zone: { type: 'authority' },
    thematics: ['sante', 'solidarite'],
    audiences: ['tous', 'seniors', 'faibles_revenus'],
    channels: [
      { type: 'information', label: 'La mutuelle communale', url: 'https://www.lannion.bzh/sante/mutuelle-communale' },
      { type: 'place', label: 'CCAS de Lannion', address: 'Hôtel de ville, place du Général Leclerc, 22300 Lannion' },
    ],
    cost: 'Cotisation selon l’âge et la formule choisie, à partir de 25 € par mois',
    eligibility: { type: 'residence', communes: ['22113'] },
    notes: [
      'Les salariés couverts par une mutuelle d’entreprise obligatoire ne peuvent en principe pas y souscrire : vérifiez les cas de dispense avec votre employeur.',
      'Avec des revenus très modestes, la Complémentaire santé solidaire peut être gratuite : renseignez-vous auprès de votre caisse d’assurance maladie.',
    ],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-23',
    published: true,
  },
  {
    id: 'morlaix-portage-repas',
    title: 'Portage de repas à domicile',
    description:
      'Le CCAS de Morlaix livre à domicile des repas complets préparés par la cuisine centrale, du lundi au samedi ; les repas du dimanche sont livrés le samedi. Le service s’adresse aux personnes de 65 ans et plus, aux personnes lourdement handicapées et à celles qui ne peuvent plus cuisiner pendant quelque temps, par exemple après une hospitalisation. Les menus sans sel ou pour diabétiques sont possibles.',
    authority: morlaix,
    zone: { type: 'authority' },
    thematics: ['solidarite', 'handicap'],
    audiences: ['seniors', 'handicap'],
    channels: [
      {
        type: 'information',
        label: 'Le portage de repas',
        url: 'https://www.ville.morlaix.fr/solidarite/portage-de-repas',
      },
      { type: 'place', label: 'CCAS de Morlaix', address: 'Hôtel de ville, place des Otages, 29600 Morlaix' },
    ],
    cost: '8,90 € le repas ; 6,20 € lorsque le quotient familial est inférieur à 750 €',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['29151'] },
        {
          type: 'any',
          conditions: [
            { type: 'age', operator: '>=', value: 65 },
            { type: 'disability_rate', operator: '>=', value: 80 },
            {
              type: 'unmodelled',
              key: 'incapacite_temporaire',
              label: 'Ne pas pouvoir cuisiner pendant quelque temps (sortie d’hospitalisation, convalescence)',
              checkWith: 'le CCAS de Morlaix',
            },
          ],
        },
      ],
    },
    notes: ['Les commandes et annulations se font au plus tard la veille avant 10 h.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-02',
    published: true,
  },
  {
    id: 'fougeres-aide-numerique',
    title: 'Aide numérique et ateliers gratuits',
    description:
      'Une conseillère numérique de la Ville de Fougères accompagne gratuitement les habitants qui débutent avec un ordinateur, une tablette ou un smartphone. Elle aide aussi à faire des démarches en ligne (impôts, CAF, ANTS, France Travail) et anime des ateliers collectifs à la médiathèque. Les rendez-vous individuels durent une heure.',
    authority: fougeres,
    zone: { type: 'authority' },
    thematics: ['numerique', 'citoyennete'],
    audiences: ['tous', 'seniors'],
    channels: [
      { type: 'information', label: 'Le numérique pour tous', url: 'https://www.fougeres.fr/numerique-pour-tous' },
      { type: 'place', label: 'Hôtel de ville de Fougères', address: '2 rue Nationale, 35300 Fougères' },
    ],
    cost: 'Gratuit',
    eligibility: null,
    notes: ['Pour une démarche, apportez vos identifiants et les documents demandés par l’administration.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-09',
    published: true,
  },
  {
    id: 'vitre-visites-convivialite',
    title: 'Visites de convivialité pour les aînés qui vivent seuls',
    description:
      'Des bénévoles formés par le CCAS de Vitré rendent visite chaque semaine aux personnes âgées qui vivent seules et qui le souhaitent, pour discuter, jouer, se promener ou sortir ensemble. Pendant les canicules et les grands froids, le CCAS appelle aussi régulièrement les personnes inscrites. Il suffit d’un appel ou d’un passage au CCAS pour s’inscrire, y compris pour un voisin ou un parent avec son accord.',
    authority: vitre,
    zone: { type: 'authority' },
    thematics: ['solidarite'],
    audiences: ['seniors'],
    channels: [
      {
        type: 'information',
        label: 'Rompre l’isolement',
        url: 'https://www.mairie-vitre.com/solidarite/visites-de-convivialite',
      },
    ],
    cost: 'Gratuit',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['35360'] },
        { type: 'age', operator: '>=', value: 70 },
        { type: 'household_size', operator: '==', value: 1 },
      ],
    },
    notes: [],
    source: DEMO_SOURCE,
    updatedAt: '2026-02-09',
    published: true,
  },
  {
    id: 'dinan-coupon-sport',
    title: 'Coupon sport dinannais',
    description:
      'La Ville de Dinan prend en charge une partie de la licence ou de l’adhésion annuelle dans un club sportif de la commune pour les enfants et les jeunes de 6 à 17 ans. L’aide est réservée aux familles dont le quotient familial ne dépasse pas 900 € par mois. Le club déduit directement le coupon du prix de l’inscription.',
    authority: dinan,
    zone: { type: 'authority' },
    thematics: ['sport', 'jeunesse', 'famille'],
    audiences: ['familles', 'jeunes', 'faibles_revenus'],
    channels: [{ type: 'information', label: 'Le coupon sport', url: 'https://www.dinan.fr/sport/coupon-sport' }],
    amount: { value: 50, unit: '€ par enfant', text: '50 € par enfant et par saison sportive' },
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['22050'] },
        { type: 'children', minCount: 1, minAge: 6, maxAge: 17 },
        { type: 'quotient_familial', operator: '<=', value: 900 },
      ],
    },
    notes: ['Cumulable avec le Pass’Sport de l’État pour les enfants qui y ont droit.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-16',
    published: true,
  },
  {
    id: 'concarneau-navette-des-aines',
    title: 'Navette des aînés',
    description:
      'Deux jours par semaine, un minibus de la Ville conduit les Concarnois de 70 ans et plus au marché, dans les commerces, à la médiathèque ou à un rendez-vous médical en ville. Le chauffeur vient chercher les passagers à leur porte et les aide à monter à bord. Il suffit de réserver la veille avant midi.',
    authority: concarneau,
    zone: { type: 'authority' },
    thematics: ['transport', 'solidarite'],
    audiences: ['seniors'],
    channels: [
      {
        type: 'information',
        label: 'La navette des aînés',
        url: 'https://www.concarneau.bzh/seniors/navette-des-aines',
      },
    ],
    cost: '1 € le trajet',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', postalCodes: ['29900'] },
        { type: 'age', operator: '>=', value: 70 },
      ],
    },
    notes: ['Les personnes en fauteuil roulant sont orientées vers le transport adapté de l’agglomération.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-01-26',
    published: true,
  },
  {
    id: 'pontivy-conseil-municipal-des-jeunes',
    title: 'Conseil municipal des jeunes de Pontivy',
    description:
      'Les jeunes Pontivyens de 11 à 15 ans peuvent se porter candidats au conseil municipal des jeunes, élu pour deux ans dans les collèges de la ville. Les élus montent des projets pour la commune (aménagements, actions de solidarité, commémorations) avec l’appui d’animateurs. Les candidatures sont ouvertes en septembre.',
    authority: pontivy,
    zone: { type: 'authority' },
    thematics: ['citoyennete', 'jeunesse'],
    audiences: ['jeunes'],
    channels: [
      {
        type: 'information',
        label: 'Le conseil municipal des jeunes',
        url: 'https://www.pontivy.fr/jeunesse/conseil-municipal-des-jeunes',
      },
    ],
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['56178'] },
        { type: 'age', operator: '>=', value: 11 },
        { type: 'age', operator: '<=', value: 15 },
      ],
    },
    notes: ['Une autorisation parentale est demandée au moment de la candidature.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-03-23',
    published: true,
  },
  {
    id: 'guingamp-ecole-de-musique',
    title: 'École municipale de musique de Guingamp',
    description:
      'L’école municipale de musique propose l’éveil musical dès 5 ans, l’apprentissage d’un instrument, la formation musicale et la pratique collective, de l’orchestre au bagad. Les droits d’inscription annuels dépendent du quotient familial et du lieu de résidence ; un instrument peut être loué la première année. Les inscriptions ont lieu en juin et en septembre.',
    authority: guingamp,
    zone: { type: 'epcis', codes: ['200067981'] },
    thematics: ['culture', 'jeunesse'],
    audiences: ['tous', 'jeunes', 'familles'],
    channels: [
      { type: 'information', label: 'L’école de musique', url: 'https://www.guingamp.bzh/culture/ecole-de-musique' },
    ],
    cost: 'De 45 € à 330 € par an pour les Guingampais selon le quotient familial ; tarif majoré de 50 % pour les autres communes de l’agglomération',
    eligibility: null,
    notes: ['Réduction de 20 % à partir du deuxième élève d’une même famille.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-04-13',
    published: true,
  },
  {
    id: 'redon-jardins-familiaux',
    title: 'Jardins familiaux de Redon',
    description:
      'La Ville de Redon loue des parcelles de 100 à 200 m² dans ses jardins familiaux, avec un abri de jardin et un point d’eau partagés. Les parcelles sont attribuées aux habitants de Redon qui n’ont pas de jardin, dans l’ordre d’arrivée des demandes. Le jardinage s’y fait sans pesticides ni engrais chimiques.',
    authority: redon,
    zone: { type: 'authority' },
    thematics: ['environnement'],
    audiences: ['tous', 'familles'],
    channels: [
      {
        type: 'information',
        label: 'Les jardins familiaux',
        url: 'https://www.redon.bzh/cadre-de-vie/jardins-familiaux',
      },
    ],
    cost: 'De 30 € à 50 € par an selon la surface',
    eligibility: {
      type: 'all',
      conditions: [
        { type: 'residence', communes: ['35236'] },
        {
          type: 'unmodelled',
          key: 'sans_jardin',
          label: 'Ne pas disposer d’un jardin à son domicile',
          checkWith: 'le service des espaces verts de la Ville de Redon',
        },
      ],
    },
    notes: ['Fiche en cours de rédaction : les tarifs 2026 doivent encore être votés par le conseil municipal.'],
    source: DEMO_SOURCE,
    updatedAt: '2026-04-20',
    published: false,
  },
];
