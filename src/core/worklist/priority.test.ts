import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lateness, priority, risk } from './priority.ts';

const base = {
  overdueMinor: 120000,
  exponent: 2,
  currency: 'EUR',
  daysLate: 30,
  brokenPromises: 0,
  openDisputes: 0,
  blocked: false,
};

describe('worklist priority', () => {
  it('grows with the amount, the days late and the risk, and says why', () => {
    const p = priority(base);
    assert.equal(p.lateness, 2);
    assert.equal(p.score, 2400);
    assert.equal(p.explanation, '1200.00 EUR overdue × lateness 2.00 (30 days) × risk 1.00');
    const risky = priority({ ...base, brokenPromises: 1 });
    assert.equal(risky.score, 3600);
    assert.match(risky.explanation, /risk 1\.50 \(1 broken promise\)$/);
    assert.ok(priority({ ...base, daysLate: 90 }).score > p.score);
    assert.ok(priority({ ...base, overdueMinor: 240000 }).score > p.score);
  });

  it('lateness is 1 when not late, 4 after three months, capped at 6', () => {
    assert.equal(lateness(-5), 1);
    assert.equal(lateness(0), 1);
    assert.equal(lateness(90), 3);
    assert.equal(lateness(10_000), 6);
  });

  it('risk: broken promises and a held account raise it, an open dispute lowers it', () => {
    assert.equal(risk({ brokenPromises: 2, openDisputes: 0, blocked: true }), 2.5);
    assert.equal(risk({ brokenPromises: 9, openDisputes: 0, blocked: false }), 3);
    assert.equal(risk({ brokenPromises: 0, openDisputes: 1, blocked: false }), 0.8);
  });

  it('a zero-decimal currency reads its amount as is', () => {
    const p = priority({ ...base, overdueMinor: 5000, exponent: 0, currency: 'JPY', daysLate: 0 });
    assert.equal(p.score, 5000);
    assert.match(p.explanation, /^5000 JPY overdue/);
  });
});
