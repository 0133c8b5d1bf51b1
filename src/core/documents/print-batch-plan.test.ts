import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  blankPagesBefore,
  letterGrams,
  sheets,
  weightClass,
  DEFAULT_WEIGHT,
} from './print-batch-plan.ts';

describe('print batch plan', () => {
  it('adds a blank page after an odd number of pages', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map(blankPagesBefore), [0, 1, 0, 1, 0]);
  });

  it('counts sheets for duplex and simplex printing', () => {
    assert.equal(sheets(3, true), 2);
    assert.equal(sheets(3, false), 3);
  });

  it('estimates the weight and its class', () => {
    assert.equal(letterGrams(1), 10);
    assert.equal(weightClass(letterGrams(1)), '≤ 20 g');
    assert.equal(letterGrams(12), 35);
    assert.equal(weightClass(letterGrams(12)), '≤ 50 g');
    assert.equal(weightClass(letterGrams(2, 40)), '≤ 50 g');
    assert.equal(weightClass(5000), '> 3000 g');
    assert.equal(letterGrams(4, 0, { ...DEFAULT_WEIGHT, duplex: false }), 25);
  });
});
