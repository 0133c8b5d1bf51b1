import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { checkProfileChanges, formatIban, isValidIban, letterWindowOf } from './profile.ts';

describe('company profile', () => {
  it('checks IBANs by their ISO 13616 check digits', () => {
    for (const iban of [
      'FR76 3000 6000 0112 3456 7890 189',
      'DE89370400440532013000',
      'gb33 bukb 2020 1555 5555 55',
      'ES91-2100-0418-4502-0005-1332',
    ])
      assert.ok(isValidIban(iban), iban);
    for (const iban of ['FR76 3000 6000 0112 3456 7890 188', 'DE89', 'XX89370400440532013000', ''])
      assert.ok(!isValidIban(iban), iban);
    assert.equal(formatIban('de89370400440532013000'), 'DE89 3704 0044 0532 0130 00');
  });

  it('normalises what it keeps and names every bad field with its value', () => {
    assert.deepEqual(
      checkProfileChanges({ bic: ' agrifrpp ', phone: '', website: 'https://lumiere.example' }),
      { bic: 'AGRIFRPP', phone: null, website: 'https://lumiere.example' },
    );
    assert.throws(
      () =>
        checkProfileChanges({
          email: 'credit@',
          website: 'ftp://x.example',
          bic: 'AGRI',
          signatureName: 'two\nlines',
          logoPath: 'logo.gif',
        }),
      (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'INVALID_INPUT');
        assert.deepEqual(
          e.problems.map((p) => `${p.field}: ${p.value}`),
          [
            'email: credit@',
            'website: ftp://x.example',
            'bic: AGRI',
            'signatureName: two\nlines',
            'logoPath: logo.gif',
          ],
        );
        return true;
      },
    );
  });

  it('chooses the envelope window by country unless set', () => {
    assert.equal(letterWindowOf({ letterWindow: null }, 'FR'), 'fr-c56');
    assert.equal(letterWindowOf({ letterWindow: null }, 'DE'), 'din5008b');
    assert.equal(letterWindowOf({ letterWindow: 'din5008b' }, 'FR'), 'din5008b');
  });
});
