import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JOB_START, percentOf, worthReporting } from './job-progress.ts';

describe('percentOf', () => {
  it('is null while the size is unknown', () => {
    assert.equal(percentOf(JOB_START), null);
  });
  it('rounds down, so 100 % means finished', () => {
    assert.equal(percentOf({ phase: 'load', done: 999, total: 1000 }), 99);
    assert.equal(percentOf({ phase: 'load', done: 1000, total: 1000 }), 100);
    assert.equal(percentOf({ phase: 'load', done: 1, total: 3 }), 33);
  });
  it('counts an empty phase as done and never passes 100', () => {
    assert.equal(percentOf({ phase: 'plan', done: 0, total: 0 }), 100);
    assert.equal(percentOf({ phase: 'plan', done: 7, total: 5 }), 100);
  });
});

describe('worthReporting', () => {
  const at = (done: number, atMs: number, phase = 'load') => ({
    progress: { phase, done, total: 100 },
    atMs,
  });
  it('reports the first progress and every change of phase at once', () => {
    assert.equal(worthReporting(null, { phase: 'load', done: 1, total: 100 }, 0, 500), true);
    assert.equal(
      worthReporting(at(1, 0), { phase: 'validate', done: 1, total: 100 }, 10, 500),
      true,
    );
  });
  it('throttles counters within a phase', () => {
    assert.equal(worthReporting(at(1, 0), { phase: 'load', done: 2, total: 100 }, 499, 500), false);
    assert.equal(worthReporting(at(1, 0), { phase: 'load', done: 2, total: 100 }, 500, 500), true);
  });
  it('never repeats the same figures, and always reports the end of a phase', () => {
    assert.equal(worthReporting(at(5, 0), { phase: 'load', done: 5, total: 100 }, 9e9, 500), false);
    assert.equal(worthReporting(at(5, 0), { phase: 'load', done: 100, total: 100 }, 1, 500), true);
  });
});
