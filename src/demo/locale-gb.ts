import { digits, flat } from './locale.ts';
import type { Locale, Place } from './locale.ts';
import type { Random } from './random.ts';

// Phone numbers use Ofcom's ranges reserved for drama, so none of them can ring anyone.
// prettier-ignore
const places: readonly Place[] = [
  { city: 'London', postal: ['EC1A', 'EC2M', 'SE1', 'E14', 'N1', 'W1D', 'SW1P'], area: '20 7946' },
  { city: 'Manchester', postal: ['M1', 'M2', 'M3', 'M4', 'M15'], area: '161 496' },
  { city: 'Birmingham', postal: ['B1', 'B2', 'B3', 'B4'], area: '121 496' },
  { city: 'Leeds', postal: ['LS1', 'LS2', 'LS11'], area: '113 496' },
  { city: 'Glasgow', postal: ['G1', 'G2', 'G3'], area: '141 496' },
  { city: 'Bristol', postal: ['BS1', 'BS2'], area: '117 496' },
  { city: 'Edinburgh', postal: ['EH1', 'EH2', 'EH3'], area: '131 496' },
  { city: 'Liverpool', postal: ['L1', 'L2', 'L3'], area: '151 496' },
  { city: 'Sheffield', postal: ['S1', 'S2', 'S3'], area: '114 496' },
  { city: 'Nottingham', postal: ['NG1', 'NG2'], area: '115 496' },
  { city: 'Cardiff', postal: ['CF10', 'CF11'], area: '29 2018' },
];
const POSTCODE_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

// prettier-ignore
const lastNames = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
  'Clarke', 'Patel', 'Khan', 'Lewis', 'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Hughes',
  'Turner', 'Cooper', 'Hill', 'Ward', 'Morris', 'Harris', "O'Brien",
];
// prettier-ignore
const firstNames = [
  'Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'James', 'William', 'Daniel', 'Samuel',
  'Joshua', 'Henry', 'Amelia', 'Olivia', 'Isla', 'Emily', 'Poppy', 'Ava', 'Jessica', 'Lily',
  'Sophie', 'Grace', 'Charlotte', 'Hannah', 'Eleanor', 'Priya', 'Aisha', 'Rachel', 'Fiona', 'Gemma',
];
// prettier-ignore
const placeWords = [
  'Thames', 'Pennine', 'Mersey', 'Severn', 'Cotswold', 'Clyde', 'Humber', 'Trent', 'Avon',
  'Chiltern', 'Mendip', 'Solent', 'Tyne', 'Kingsway', 'Albion', 'Northgate', 'Medway', 'Cheviot',
];
// prettier-ignore
const trades = [
  'Logistics', 'Engineering', 'Packaging', 'Foods', 'Building Supplies', 'Print', 'Facilities',
  'Electrical', 'Plumbing Supplies', 'Software', 'Plant Hire', 'Timber', 'Fabrications',
  'Catering', 'Freight', 'Components', 'Textiles', 'Joinery',
];
// prettier-ignore
const publicBodies = [
  'Valley District Council', 'Housing Association', 'Academy Trust', 'Community Health Trust',
  'Water Board', 'College',
];
// prettier-ignore
const streetNames = [
  'High', 'Station', 'Church', 'Mill', 'Victoria', 'Park', 'London', "Queen's", 'King', 'Bridge',
  'Market', 'York', 'Albert', 'Manor', 'Canal', 'Wharf',
];
// prettier-ignore
const streetTypes = [
  'Street', 'Street', 'Road', 'Road', 'Lane', 'Way', 'Avenue', 'Close', 'Parade',
];
// prettier-ignore
const line2s = [
  'Riverside Business Park', 'Floor 3', 'Suite 12', 'Enterprise House', 'The Old Mill',
];

export const gb: Locale = {
  country: 'GB',
  language: 'en',
  currency: 'GBP',
  decimals: 2,
  firstNames,
  lastNames,
  places,
  collectors: ['Rachel Hughes', 'Daniel Cooper'],
  // prettier-ignore
  disputeReasons: [
    'goods damaged', 'price difference', 'missing purchase order', 'goods not received',
    'duplicate invoice', 'wrong quantity delivered',
  ],
  company(rng: Random, segment) {
    if (segment === 'public') {
      const core = `${rng.pick(placeWords)} ${rng.pick(publicBodies)}`;
      return { name: core, core };
    }
    if (segment === 'key_account') {
      const core = `${rng.pick(placeWords)} ${rng.pick(['Group', 'Holdings', 'Industries'])}`;
      return { name: flat(core, ' PLC'), core };
    }
    const r = rng.next();
    const core =
      r < 0.55
        ? `${rng.pick(placeWords)} ${rng.pick(trades)}`
        : r < 0.8
          ? `${rng.pick(lastNames)} ${rng.pick(trades)}`
          : `${rng.pick(lastNames)} & ${rng.pick(lastNames)}`;
    return { name: flat(core, ' ', r >= 0.8 && rng.chance(0.5) ? 'LLP' : 'Ltd'), core };
  },
  street: (rng) =>
    flat(String(rng.int(1, 250)), ' ', rng.pick(streetNames), ' ', rng.pick(streetTypes)),
  line2: (rng) =>
    rng.chance(0.3) ? (rng.chance(0.5) ? `Unit ${rng.int(1, 40)}` : rng.pick(line2s)) : '',
  postalCode: (rng, place) =>
    flat(
      rng.pick(place.postal),
      ' ',
      String(rng.int(1, 9)),
      rng.pick(POSTCODE_LETTERS),
      rng.pick(POSTCODE_LETTERS),
    ),
  phone: (rng, place, mobile) =>
    mobile ? flat('+44 7700 900', digits(rng, 3)) : flat('+44 ', place.area, ' 0', digits(rng, 3)),
};
