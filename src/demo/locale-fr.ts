import { digits, flat } from './locale.ts';
import type { Locale, Place } from './locale.ts';
import type { Random } from './random.ts';

const range = (prefix: string, from: number, to: number, width: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => prefix + String(from + i).padStart(width, '0'));

const places: readonly Place[] = [
  { city: 'Paris', postal: range('750', 1, 20, 2), area: '1' },
  { city: 'Lyon', postal: range('6900', 1, 9, 1), area: '4' },
  { city: 'Marseille', postal: range('130', 1, 16, 2), area: '4' },
  { city: 'Toulouse', postal: ['31000', '31100', '31200', '31300', '31400', '31500'], area: '5' },
  { city: 'Bordeaux', postal: ['33000', '33100', '33200', '33300', '33800'], area: '5' },
  { city: 'Lille', postal: ['59000', '59160', '59260', '59777', '59800'], area: '3' },
  { city: 'Nantes', postal: ['44000', '44100', '44200', '44300'], area: '2' },
  { city: 'Strasbourg', postal: ['67000', '67100', '67200'], area: '3' },
  { city: 'Rennes', postal: ['35000', '35200', '35700'], area: '2' },
  { city: 'Nice', postal: ['06000', '06100', '06200', '06300'], area: '4' },
  { city: 'Montpellier', postal: ['34000', '34070', '34080', '34090'], area: '4' },
  { city: 'Grenoble', postal: ['38000', '38100'], area: '4' },
  { city: 'Dijon', postal: ['21000'], area: '3' },
  { city: 'Angers', postal: ['49000', '49100'], area: '2' },
  { city: 'Reims', postal: ['51100'], area: '3' },
  { city: 'Rouen', postal: ['76000', '76100'], area: '2' },
  { city: 'Clermont-Ferrand', postal: ['63000', '63100'], area: '4' },
  { city: 'Tours', postal: ['37000', '37100', '37200'], area: '2' },
  { city: 'Le Mans', postal: ['72000', '72100'], area: '2' },
  { city: 'Orléans', postal: ['45000', '45100'], area: '2' },
];

// prettier-ignore
const lastNames = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux',
  'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet',
  'François', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry',
  'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Fontaine',
  'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Boyer', 'Lemoine',
];
// prettier-ignore
const firstNames = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Claire', 'Sophie',
  'Nathalie', 'Isabelle', 'Céline', 'Aurélie', 'Émilie', 'Hélène', 'Lucas', 'Hugo', 'Louis',
  'Thomas', 'Nicolas', 'Julien', 'Antoine', 'Maxime', 'Pierre', 'Alexandre', 'Mathieu', 'Olivier',
  'Sébastien', 'Laurent', 'François', 'Guillaume', 'Romain', 'Vincent', 'Benoît', 'Jérôme',
];
// prettier-ignore
const trades = [
  'Boulangeries', 'Transports', 'Menuiserie', 'Ateliers', 'Établissements', 'Imprimerie',
  'Laboratoires', 'Garage', 'Serrurerie', 'Fromagerie', 'Caves', 'Jardineries', 'Charpentes',
  'Plomberie', 'Électricité', 'Librairie', 'Pharmacie', 'Quincaillerie', 'Brasserie', 'Fonderie',
];
// prettier-ignore
const regions = [
  'Atlantique', 'Provence', 'Alsace', 'Bretagne', 'Normandie', 'Lorraine', 'Rhône', 'Loire',
  'Garonne', 'Méditerranée', 'Alpes', 'Vendée', 'Aquitaine', 'Bourgogne', 'Champagne', 'Morvan',
];
// prettier-ignore
const sectors = [
  'Distribution', 'Logistique', 'Services', 'Emballages', 'Bâtiment', 'Énergie',
  'Agroalimentaire', 'Informatique', 'Négoce', 'Conseil', 'Travaux Publics', 'Industrie',
];
// prettier-ignore
const publicBodies = [
  'Syndicat des eaux', "Office public de l'habitat", 'Communauté de communes',
  'Centre hospitalier', 'Syndicat mixte des transports', 'Régie des déchets',
];
// prettier-ignore
const streetTypes = [
  'rue', 'rue', 'rue', 'avenue', 'boulevard', 'place', 'chemin', 'allée', 'quai',
];
// prettier-ignore
const streetNames = [
  'de la République', 'Victor Hugo', 'Jean Jaurès', 'du Général de Gaulle', 'de la Gare',
  'Pasteur', 'des Lilas', 'de Verdun', 'Gambetta', 'du Moulin', "de l'Église", 'des Écoles',
  'Voltaire', 'de la Liberté', 'Carnot', 'des Acacias', 'du Port', 'des Tanneurs',
];
// prettier-ignore
const line2s = [
  'Bâtiment B', 'ZI des Bruyères', 'ZA du Moulin', '3e étage', "Parc d'activités des Chênes",
  'Zone artisanale Est', 'Bâtiment C, hall 2',
];

export const fr: Locale = {
  country: 'FR',
  language: 'fr',
  currency: 'EUR',
  decimals: 2,
  firstNames,
  lastNames,
  places,
  collectors: ['Chloé Dubois', 'Julien Moreau'],
  disputeReasons: [
    'marchandise endommagée',
    'écart de prix',
    'bon de commande manquant',
    'marchandise non reçue',
    'facture en double',
    'quantité erronée',
  ],
  company(rng: Random, segment) {
    if (segment === 'public') {
      const core = `${rng.pick(publicBodies)} ${rng.pick(regions)}`;
      return { name: core, core };
    }
    if (segment === 'key_account') {
      const core = `Groupe ${rng.pick(regions)} ${rng.pick(sectors)}`;
      return { name: flat(core, ' SA'), core };
    }
    const legal = rng.pick(['SARL', 'SARL', 'SAS', 'SAS', 'SA', 'EURL']);
    const r = rng.next();
    const core =
      r < 0.5
        ? `${rng.pick(trades)} ${rng.pick(lastNames)}`
        : r < 0.7
          ? `${rng.pick(lastNames)} & Fils`
          : `${rng.pick(regions)} ${rng.pick(sectors)}`;
    return { name: flat(core, ' ', legal), core };
  },
  street: (rng) =>
    flat(String(rng.int(1, 180)), ' ', rng.pick(streetTypes), ' ', rng.pick(streetNames)),
  line2: (rng) =>
    rng.chance(0.25) ? rng.pick(line2s) : rng.chance(0.1) ? `BP ${rng.int(10, 999)}` : '',
  postalCode: (rng, place) => rng.pick(place.postal),
  phone: (rng, place, mobile) =>
    flat(
      '+33 ',
      mobile ? rng.pick(['6', '7']) : place.area,
      ...[0, 1, 2, 3].map(() => ` ${digits(rng, 2)}`),
    ),
};
