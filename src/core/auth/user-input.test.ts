import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { checkNewUser } from './user-input.ts';

describe('checkNewUser', () => {
  it('normalises the e-mail, defaults the name, keeps the portfolio name', () => {
    assert.deepEqual(
      checkNewUser({
        email: ' Anna@Example.COM ',
        role: 'collector',
        password: 'correct horse battery',
        portfolioName: ' Anna Becker ',
      }),
      {
        email: 'anna@example.com',
        role: 'collector',
        password: 'correct horse battery',
        displayName: 'anna',
        portfolioName: 'Anna Becker',
      },
    );
  });

  it('names every bad field with its value and never echoes the password', () => {
    assert.throws(
      () => checkNewUser({ email: 'nope', role: 'boss', password: 'short pass' }),
      (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'INVALID_INPUT');
        assert.deepEqual(e.problems, [
          { field: 'email', value: 'nope', expected: 'an e-mail address' },
          {
            field: 'role',
            value: 'boss',
            expected: 'one of admin, credit_manager, collector, sales, viewer',
          },
          { field: 'password', expected: 'a password of 12 to 1024 characters (got 10)' },
        ]);
        assert.ok(!JSON.stringify(e.problems).includes('short pass'));
        return true;
      },
    );
  });

  it('asks collectors and sales people for their portfolio name', () => {
    assert.throws(
      () => checkNewUser({ email: 's@x.example', role: 'sales', password: 'a'.repeat(12) }),
      (e: unknown) =>
        e instanceof AppError &&
        e.problems[0]?.field === 'collector' &&
        /sales_owner column/.test(e.problems[0].expected),
    );
  });
});
