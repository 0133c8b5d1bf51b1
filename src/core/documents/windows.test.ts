import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { DIN_5008_B, FR_C56, windowLayout, mm } from './windows.ts';

describe('windowLayout', () => {
  it('knows DIN 5008 form B and the French C5/6 window', () => {
    assert.equal(windowLayout('din5008b'), DIN_5008_B);
    assert.equal(windowLayout('fr-c56'), FR_C56);
    // DIN 5008 B: address field 45 mm from the top, 20 mm from the left, text indented 5 mm.
    assert.equal(DIN_5008_B.address.x, 25);
    assert.equal(DIN_5008_B.address.y + DIN_5008_B.address.height, 90);
    // The French frame sits on the right half, 55 mm from the top.
    assert.equal(FR_C56.address.x, 110);
    assert.equal(FR_C56.address.y, 55);
  });

  it('completes a custom window from its address box', () => {
    const w = windowLayout({ address: { x: 120, y: 50, width: 75, height: 35 } });
    assert.equal(w.name, 'custom');
    assert.deepEqual(w.senderLine, { x: 120, y: 45, width: 75 });
    assert.equal(w.info.x, 20);
    assert.equal(w.bodyTop, 93);
  });

  it('lists every problem of a custom window at once', () => {
    assert.throws(
      () => windowLayout({ address: { x: 180, y: -1, width: 20, height: 10 }, marginLeft: 2 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'INVALID_INPUT');
        const fields = error.problems.map((p) => p.field);
        assert.deepEqual(fields, [
          'window.address.y',
          'window.address.width',
          'window.address.height',
          'window.marginLeft',
        ]);
        return true;
      },
    );
  });

  it('refuses an unknown preset', () => {
    assert.throws(() => windowLayout('c4' as never), AppError);
  });

  it('converts millimetres to points', () => {
    assert.ok(Math.abs(mm(210) - 595.2756) < 1e-3);
  });
});
