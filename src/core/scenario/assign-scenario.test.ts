import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import type { AssignmentRule } from './types.ts';
import { assignScenario, validateAssignmentRules } from './assign-scenario.ts';

const RULES: AssignmentRule[] = [
  { scenario: 'key_accounts', segments: ['key'] },
  { scenario: 'key_accounts', minExposureMinor: { EUR: 5_000_000, USD: 6_000_000 } },
  { scenario: 'export', countries: ['US', 'CA'], segments: ['smb'] },
  { scenario: 'public_sector', segments: ['public'] },
];

describe('assignScenario', () => {
  const cases: [string, Parameters<typeof assignScenario>[0], Record<string, number>, unknown][] = [
    [
      'the customer override beats every rule',
      { scenario: 'no_pre_dunning', segment: 'key', country: 'FR' },
      {},
      { scenario: 'no_pre_dunning', source: 'CUSTOMER_OVERRIDE' },
    ],
    [
      'an empty override is no override',
      { scenario: '  ', segment: 'key', country: 'FR' },
      {},
      { scenario: 'key_accounts', source: 'RULE', rule: 0 },
    ],
    [
      'the first matching rule wins',
      { scenario: null, segment: 'public', country: 'FR' },
      { EUR: 9_000_000 },
      { scenario: 'key_accounts', source: 'RULE', rule: 1 },
    ],
    [
      'exposure in any listed currency',
      { segment: null, country: 'US' },
      { EUR: 100, USD: 6_000_000 },
      { scenario: 'key_accounts', source: 'RULE', rule: 1 },
    ],
    [
      'exposure below the minimum does not match',
      { segment: null, country: 'FR' },
      { EUR: 4_999_999 },
      { scenario: 'default', source: 'FALLBACK' },
    ],
    [
      'every criterion of a rule must hold',
      { segment: 'smb', country: 'DE' },
      {},
      { scenario: 'default', source: 'FALLBACK' },
    ],
    [
      'segment and country together',
      { segment: 'smb', country: 'CA' },
      {},
      { scenario: 'export', source: 'RULE', rule: 2 },
    ],
    [
      'a rule naming segments never matches a customer without one',
      { segment: undefined, country: 'FR' },
      {},
      { scenario: 'default', source: 'FALLBACK' },
    ],
  ];
  for (const [what, customer, exposure, expected] of cases) {
    it(what, () => assert.deepEqual(assignScenario(customer, exposure, RULES), expected));
  }

  it('uses the fallback given, and a rule without criteria matches everyone', () => {
    assert.deepEqual(assignScenario({ country: 'FR' }, {}, [], 'standard'), {
      scenario: 'standard',
      source: 'FALLBACK',
    });
    assert.deepEqual(assignScenario({ country: 'FR' }, {}, [{ scenario: 'all' }]), {
      scenario: 'all',
      source: 'RULE',
      rule: 0,
    });
  });
});

describe('validateAssignmentRules', () => {
  const known = new Set(['default', 'key_accounts', 'export']);

  it('reads rules, with exposures in minor units or decimal text', () => {
    assert.deepEqual(
      validateAssignmentRules(
        [
          { scenario: 'key_accounts', segments: ['key'], minExposure: { EUR: '50000.00' } },
          { scenario: 'export', countries: ['US'], minExposureMinor: { USD: 100 }, segments: [] },
        ],
        known,
      ),
      [
        { scenario: 'key_accounts', segments: ['key'], minExposureMinor: { EUR: 5_000_000 } },
        { scenario: 'export', countries: ['US'], minExposureMinor: { USD: 100 } },
      ],
    );
  });

  it('lists every problem, naming the closest scenario', () => {
    const error = (() => {
      try {
        validateAssignmentRules(
          [
            { scenario: 'key_acounts' },
            { scenario: 'default', countries: ['USA'], minExposure: { EUR: '-1' } },
            { scenario: 'default', segment: ['x'] },
            'default',
          ],
          known,
        );
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof AppError);
    assert.deepEqual(
      error.problems.map((p) => [p.field, p.expected.slice(0, 40)]),
      [
        ['rules[0].scenario', 'an existing scenario (did you mean "key_'],
        ['rules[1].countries[0]', 'an ISO 3166 two-letter country code such'],
        ['rules[1].minExposure.EUR', 'an amount of 0 or more'],
        ['rules[2].segment', 'a known field (did you mean "segments"?)'],
        ['rules[3]', 'a rule (an object with named fields)'],
      ],
    );
    assert.throws(
      () => validateAssignmentRules({ scenario: 'default' }, null),
      /invalid assignment rules/,
    );
  });
});
