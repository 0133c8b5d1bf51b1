import { digits, flat } from './locale.ts';
import type { Locale, Place } from './locale.ts';
import type { Random } from './random.ts';

// postal holds ZIP prefixes; phone numbers use the 555-0100…0199 range reserved for fiction.
// prettier-ignore
const places: readonly Place[] = [
  { city: 'Austin, TX', postal: ['787'], area: '512' },
  { city: 'Chicago, IL', postal: ['606'], area: '312' },
  { city: 'Denver, CO', postal: ['802'], area: '303' },
  { city: 'Seattle, WA', postal: ['981'], area: '206' },
  { city: 'Boston, MA', postal: ['021'], area: '617' },
  { city: 'Atlanta, GA', postal: ['303'], area: '404' },
  { city: 'Portland, OR', postal: ['972'], area: '503' },
  { city: 'Columbus, OH', postal: ['432'], area: '614' },
  { city: 'Phoenix, AZ', postal: ['850'], area: '602' },
  { city: 'Nashville, TN', postal: ['372'], area: '615' },
  { city: 'Minneapolis, MN', postal: ['554'], area: '612' },
  { city: 'San Diego, CA', postal: ['921'], area: '619' },
  { city: 'Charlotte, NC', postal: ['282'], area: '704' },
  { city: 'Pittsburgh, PA', postal: ['152'], area: '412' },
];

// prettier-ignore
const lastNames = [
  'Johnson', 'Miller', 'Anderson', 'Carter', 'Parker', 'Bennett', 'Hayes', 'Brooks', 'Coleman',
  'Reed', 'Sullivan', 'Foster', 'Ramirez', 'Nguyen', 'Kim', 'Rivera', 'Peterson', 'Bailey',
  'Howard', 'Gray', 'Price', 'Myers', 'Fisher', 'Hamilton', 'Graham', 'Wallace', 'Cole', 'West',
  'Jenkins', 'Russell', 'Ortiz', 'Chen',
];
// prettier-ignore
const firstNames = [
  'Michael', 'Jennifer', 'David', 'Jessica', 'Chris', 'Ashley', 'Matthew', 'Emily', 'Joshua',
  'Sarah', 'Andrew', 'Megan', 'Ryan', 'Lauren', 'Brian', 'Rachel', 'Kevin', 'Amanda', 'Jason',
  'Nicole', 'Tyler', 'Brittany', 'Carlos', 'Maria', 'Kenji', 'Mei', 'Marcus', 'Tanya',
];
// prettier-ignore
const natureWords = [
  'Redwood', 'Summit', 'Lakeshore', 'Prairie', 'Cascade', 'Bluebonnet', 'Evergreen', 'Ironwood',
  'Granite', 'Liberty', 'Pioneer', 'Frontier', 'Harbor', 'Magnolia', 'Canyon', 'Bayou', 'Sierra',
  'Keystone', 'Riverbend', 'Copperfield',
];
// prettier-ignore
const trades = [
  'Supply', 'Industries', 'Logistics', 'Manufacturing', 'Foods', 'Distribution', 'Technologies',
  'Builders', 'Medical Supply', 'Freight', 'Packaging', 'Electric', 'Office Solutions', 'Hardware',
  'Labs',
];
// prettier-ignore
const publicBodies = [
  'County School District', 'Valley Water Authority', 'Transit Authority', 'Community College',
  'Regional Medical Center', 'Housing Authority',
];
// prettier-ignore
const streetNames = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Pine', 'Sunset',
  'Lincoln', 'Commerce', 'Industrial', 'Market', 'Jefferson',
];
// prettier-ignore
const streetTypes = ['Street', 'Avenue', 'Boulevard', 'Drive', 'Road', 'Parkway', 'Lane', 'Way'];

export const us: Locale = {
  country: 'US',
  language: 'en',
  currency: 'USD',
  decimals: 2,
  firstNames,
  lastNames,
  places,
  collectors: ['Megan Foster', 'Marcus Reed'],
  // prettier-ignore
  disputeReasons: [
    'goods damaged', 'price difference', 'missing purchase order', 'goods not received',
    'duplicate invoice', 'wrong quantity delivered', 'service not performed as agreed',
  ],
  company(rng: Random, segment) {
    if (segment === 'public') {
      const core = `${rng.pick(natureWords)} ${rng.pick(publicBodies)}`;
      return { name: core, core };
    }
    if (segment === 'key_account') {
      const core = `${rng.pick(natureWords)} ${rng.pick(['Holdings', 'Brands', 'Industries'])}`;
      return { name: flat(core, ' Corp'), core };
    }
    const r = rng.next();
    if (r < 0.6) {
      const core = `${rng.pick(natureWords)} ${rng.pick(trades)}`;
      return { name: flat(core, ' ', rng.chance(0.6) ? 'Inc' : 'LLC'), core };
    }
    if (r < 0.85) {
      const core = `${rng.pick(lastNames)} ${rng.pick(trades)}`;
      return { name: flat(core, ' Co.'), core };
    }
    const core = `${rng.pick(lastNames)} & ${rng.pick(lastNames)}`;
    return { name: flat(core, ' LLC'), core };
  },
  street: (rng) =>
    flat(String(rng.int(100, 9999)), ' ', rng.pick(streetNames), ' ', rng.pick(streetTypes)),
  line2: (rng) => {
    const r = rng.next();
    return r < 0.25 ? `Suite ${rng.int(1, 40) * 10}` : r < 0.35 ? `Unit ${rng.int(1, 24)}` : '';
  },
  postalCode: (rng, place) => `${rng.pick(place.postal)}${String(rng.int(1, 99)).padStart(2, '0')}`,
  phone: (rng, place) => flat('+1 ', place.area, '-555-01', digits(rng, 2)),
};
