import { digits, flat } from './locale.ts';
import type { Locale, Place } from './locale.ts';
import type { Random } from './random.ts';

// prettier-ignore
const places: readonly Place[] = [
  { city: 'Berlin', postal: ['10115', '10117', '10178', '10245', '10405', '12099'], area: '30' },
  { city: 'Hamburg', postal: ['20095', '20354', '22041', '22765'], area: '40' },
  { city: 'München', postal: ['80331', '80335', '80469', '81369'], area: '89' },
  { city: 'Köln', postal: ['50667', '50672', '50823'], area: '221' },
  { city: 'Frankfurt am Main', postal: ['60311', '60313', '60486'], area: '69' },
  { city: 'Stuttgart', postal: ['70173', '70176', '70469'], area: '711' },
  { city: 'Düsseldorf', postal: ['40210', '40213', '40476'], area: '211' },
  { city: 'Leipzig', postal: ['04103', '04109', '04155'], area: '341' },
  { city: 'Dortmund', postal: ['44135', '44137'], area: '231' },
  { city: 'Essen', postal: ['45127', '45128'], area: '201' },
  { city: 'Bremen', postal: ['28195', '28199'], area: '421' },
  { city: 'Dresden', postal: ['01067', '01069'], area: '351' },
  { city: 'Hannover', postal: ['30159', '30161'], area: '511' },
  { city: 'Nürnberg', postal: ['90402', '90403'], area: '911' },
];

// prettier-ignore
const lastNames = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
  'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann',
  'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner',
  'Schmitz', 'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann',
  'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller',
];
// prettier-ignore
const firstNames = [
  'Anna', 'Lena', 'Julia', 'Katharina', 'Laura', 'Sabine', 'Petra', 'Claudia', 'Stefanie', 'Monika',
  'Birgit', 'Andrea', 'Jana', 'Miriam', 'Lukas', 'Jonas', 'Felix', 'Maximilian', 'Tobias', 'Stefan',
  'Thomas', 'Michael', 'Andreas', 'Markus', 'Matthias', 'Jan', 'Florian', 'Sebastian', 'Daniel',
  'Christian', 'Jürgen', 'Uwe', 'Klaus', 'Wolfgang', 'Jörg', 'Sören',
];
// prettier-ignore
const trades = [
  'Maschinenbau', 'Elektrotechnik', 'Logistik', 'Bau', 'Metallbau', 'Holzbau', 'Haustechnik',
  'Druckerei', 'Feinmechanik', 'Kunststofftechnik', 'Antriebstechnik', 'Spedition', 'Verpackung',
  'Landtechnik', 'Gebäudereinigung', 'Stahlhandel', 'Medizintechnik', 'Automation', 'Anlagenbau',
];
// prettier-ignore
const prefixes = [
  'Nord', 'Süd', 'West', 'Ost', 'Rhein', 'Elb', 'Alpen', 'Harz', 'Main', 'Spree', 'Isar', 'Weser',
  'Mosel', 'Eifel', 'Taunus', 'Neckar',
];
// prettier-ignore
const suffixes = [
  'werk', 'tec', 'stahl', 'logistik', 'bau', 'metall', 'plast', 'energie', 'data', 'form',
];
// prettier-ignore
const publicBodies = [
  'Zweckverband Wasser', 'Abfallwirtschaft', 'Wohnungsbaugesellschaft', 'Verkehrsverbund',
  'Kreiskliniken', 'Stadtwerke',
];
// prettier-ignore
const streetNames = [
  'Haupt', 'Bahnhof', 'Garten', 'Schul', 'Kirch', 'Berg', 'Wald', 'Linden', 'Industrie', 'Mühlen',
  'Dorf', 'Feld', 'Post', 'Markt', 'Rosen', 'Goethe', 'Schiller', 'Gewerbe',
];
// prettier-ignore
const streetTypes = ['straße', 'straße', 'straße', 'weg', 'allee', 'ring', 'platz'];
// prettier-ignore
const line2s = ['Gebäude 3', '2. OG', 'Hinterhaus', 'Halle 4', 'Eingang B', 'Gewerbepark Süd'];

export const de: Locale = {
  country: 'DE',
  language: 'de',
  currency: 'EUR',
  decimals: 2,
  firstNames,
  lastNames,
  places,
  collectors: ['Anna Becker', 'Stefan Krause'],
  // prettier-ignore
  disputeReasons: [
    'Ware beschädigt', 'Preisdifferenz', 'Bestellnummer fehlt', 'Ware nicht erhalten',
    'doppelte Rechnung', 'falsche Menge geliefert',
  ],
  company(rng: Random, segment) {
    if (segment === 'public') {
      const town = `${rng.pick(prefixes)}${rng.pick(['tal', 'land', 'kreis', 'au'])}`;
      const core = `${rng.pick(publicBodies)} ${town}`;
      return { name: core, core };
    }
    if (segment === 'key_account') {
      const core = `${rng.pick(prefixes)}${rng.pick(suffixes)}`;
      return { name: flat(core, ' AG'), core };
    }
    const r = rng.next();
    if (r < 0.6) {
      const core = `${rng.pick(lastNames)} ${rng.pick(trades)}`;
      return { name: flat(core, ' ', rng.chance(0.8) ? 'GmbH' : 'GmbH & Co. KG'), core };
    }
    if (r < 0.8) {
      const core = `${rng.pick(lastNames)} & ${rng.pick(lastNames)}`;
      return { name: flat(core, ' ', rng.pick(['KG', 'OHG', 'GmbH'])), core };
    }
    const core = `${rng.pick(prefixes)}${rng.pick(suffixes)}`;
    return { name: flat(core, ' ', rng.pick(['GmbH', 'e.K.', 'UG (haftungsbeschränkt)'])), core };
  },
  street: (rng) =>
    flat(
      rng.pick(streetNames),
      rng.pick(streetTypes),
      ' ',
      String(rng.int(1, 120)),
      rng.chance(0.1) ? rng.pick(['a', 'b', 'c']) : '',
    ),
  line2: (rng) => (rng.chance(0.2) ? rng.pick(line2s) : ''),
  postalCode: (rng, place) => rng.pick(place.postal),
  phone: (rng, place, mobile) =>
    mobile
      ? flat('+49 ', rng.pick(['151', '160', '170', '171', '176']), ' ', digits(rng, 8))
      : flat(
          '+49 ',
          place.area,
          ' ',
          digits(rng, place.area.length === 2 ? 8 : 7).replace(/^0/, '1'),
        ),
};
