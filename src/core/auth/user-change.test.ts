import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { planUserChange, type UserState } from './user-change.ts';

const ADMIN: UserState = {
  role: 'admin',
  displayName: 'Ada',
  portfolioName: null,
  disabled: false,
};
const COLLECTOR: UserState = {
  role: 'collector',
  displayName: 'Anna',
  portfolioName: 'Anna Becker',
  disabled: false,
};

const isCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe('planUserChange', () => {
  it('changes the role: sessions end, tokens acting for the user are revoked', () => {
    const plan = planUserChange(COLLECTOR, { role: 'credit_manager' }, { otherActiveAdmins: 1 });
    assert.deepEqual(plan.changes, { role: { from: 'collector', to: 'credit_manager' } });
    assert.equal(plan.next.portfolioName, 'Anna Becker');
    assert.deepEqual([plan.endsSessions, plan.revokesTokens], [true, true]);
  });

  it('a new portfolio ends the sessions but keeps the tokens; a new name ends nothing', () => {
    const portfolio = planUserChange(
      COLLECTOR,
      { portfolioName: ' Marie Martin ' },
      { otherActiveAdmins: 1 },
    );
    assert.deepEqual(portfolio.changes, {
      portfolioName: { from: 'Anna Becker', to: 'Marie Martin' },
    });
    assert.deepEqual([portfolio.endsSessions, portfolio.revokesTokens], [true, false]);
    const name = planUserChange(COLLECTOR, { name: 'Anna B.' }, { otherActiveAdmins: 1 });
    assert.deepEqual([name.endsSessions, name.revokesTokens], [false, false]);
  });

  it('the same values change nothing', () => {
    const plan = planUserChange(
      COLLECTOR,
      { role: 'collector', name: 'Anna', portfolioName: 'Anna Becker', disabled: false },
      { otherActiveAdmins: 0 },
    );
    assert.deepEqual(plan.changes, {});
    assert.deepEqual([plan.disabling, plan.enabling, plan.endsSessions], [false, false, false]);
  });

  it('disables and enables', () => {
    const off = planUserChange(COLLECTOR, { disabled: true }, { otherActiveAdmins: 0 });
    assert.deepEqual([off.disabling, off.endsSessions, off.revokesTokens], [true, true, true]);
    const on = planUserChange(
      { ...COLLECTOR, disabled: true },
      { disabled: false },
      { otherActiveAdmins: 0 },
    );
    assert.deepEqual([on.enabling, on.endsSessions, on.revokesTokens], [true, false, false]);
  });

  it('a collector or sales person needs a portfolio name; every bad field is named', () => {
    assert.throws(
      () =>
        planUserChange(
          ADMIN,
          { role: 'sales', name: '  ', portfolioName: '' },
          { otherActiveAdmins: 1, portfolioField: 'collector' },
        ),
      (e: unknown) => {
        assert.ok(isCode('INVALID_INPUT')(e));
        assert.deepEqual(
          (e as AppError).problems.map((p) => p.field),
          ['name', 'collector'],
        );
        return true;
      },
    );
    assert.throws(
      () => planUserChange(COLLECTOR, { portfolioName: null }, { otherActiveAdmins: 1 }),
      isCode('INVALID_INPUT'),
    );
    assert.throws(
      () => planUserChange(COLLECTOR, { role: 'boss' }, { otherActiveAdmins: 1 }),
      (e: unknown) =>
        isCode('INVALID_INPUT')(e) &&
        (e as AppError).problems.length === 1 &&
        (e as AppError).problems[0]!.field === 'role',
    );
  });

  it('the last active admin can be neither demoted nor disabled', () => {
    for (const input of [{ role: 'viewer' }, { disabled: true }]) {
      assert.throws(
        () => planUserChange(ADMIN, input, { otherActiveAdmins: 0 }),
        isCode('CONFLICT'),
      );
      assert.doesNotThrow(() => planUserChange(ADMIN, input, { otherActiveAdmins: 1 }));
    }
    // A disabled admin is not an active one: changing it never empties the admins.
    assert.doesNotThrow(() =>
      planUserChange({ ...ADMIN, disabled: true }, { role: 'viewer' }, { otherActiveAdmins: 0 }),
    );
  });
});
