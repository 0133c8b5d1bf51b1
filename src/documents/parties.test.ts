import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { companyLines, creditTeamName, parsePerson, postalLines } from './parties.ts';

const address = (over: Partial<Parameters<typeof postalLines>[0]> = {}) => ({
  address_line1: '3 rue des Lilas',
  address_line2: null,
  postal_code: '69003',
  city: 'Lyon',
  country: 'FR',
  ...over,
});

describe('document parties', () => {
  it('lays out postal addresses, the country in capitals when abroad', () => {
    assert.deepEqual(postalLines(address(), 'FR', 'fr'), ['3 rue des Lilas', '69003 Lyon']);
    assert.deepEqual(postalLines(address({ country: 'DE' }), 'FR', 'fr'), [
      '3 rue des Lilas',
      '69003 Lyon',
      'ALLEMAGNE',
    ]);
    assert.deepEqual(
      postalLines(
        address({
          address_line1: '1 High St',
          postal_code: 'EC1A 1AA',
          city: 'London',
          country: 'GB',
        }),
        'FR',
        'en',
      ),
      ['1 High St', 'London EC1A 1AA', 'UNITED KINGDOM'],
    );
    assert.deepEqual(postalLines(address({ address_line1: ' ', city: null }), 'FR', 'fr'), []);
    assert.deepEqual(companyLines(address(), 'fr'), ['3 rue des Lilas', '69003 Lyon', 'France']);
  });

  it('reads a person written as a name, an address or both', () => {
    assert.deepEqual(parsePerson('Julien Moreau'), { name: 'Julien Moreau' });
    assert.deepEqual(parsePerson('julien@x.example'), {
      name: 'julien@x.example',
      email: 'julien@x.example',
    });
    assert.deepEqual(parsePerson('"Julien Moreau" <julien@x.example>'), {
      name: 'Julien Moreau',
      email: 'julien@x.example',
    });
    assert.deepEqual(parsePerson('Julien <not an address>'), { name: 'Julien <not an address>' });
    assert.equal(parsePerson('  '), undefined);
    assert.equal(parsePerson(null), undefined);
    assert.equal(creditTeamName('fr-FR'), 'Service recouvrement');
    assert.equal(creditTeamName('nl'), 'Credit team');
  });
});
