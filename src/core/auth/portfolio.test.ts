import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Permission } from './permissions.ts';
import {
  customerAccess,
  decideOnCustomer,
  portfolioOf,
  samePortfolioName,
  type CustomerOwners,
} from './portfolio.ts';
import type { Role } from './roles.ts';

const MINE: CustomerOwners = { collector: 'Anna Becker', sales_owner: 'Paul Vendeur' };
const OTHER: CustomerOwners = { collector: 'Stefan Krause', sales_owner: 'Eva Seller' };
const NOBODY: CustomerOwners = { collector: null, sales_owner: null };

type Case = [Role, string | null, CustomerOwners, boolean, Permission, string];

// role, portfolio name, customer, company collectorsReadAll, permission → decision
const CASES: Case[] = [
  ['admin', null, OTHER, false, 'collections:write', 'allowed'],
  ['credit_manager', null, NOBODY, false, 'runs:approve', 'allowed'],
  ['credit_manager', null, OTHER, false, 'users:manage', 'forbidden'],
  ['viewer', null, OTHER, false, 'customers:read', 'allowed'],
  ['viewer', null, OTHER, false, 'notes:write', 'forbidden'],
  ['collector', 'Anna Becker', MINE, false, 'customers:read', 'allowed'],
  ['collector', 'anna becker ', MINE, false, 'collections:write', 'allowed'],
  ['collector', 'Anna Becker', MINE, false, 'scenarios:write', 'forbidden'],
  ['collector', 'Anna Becker', OTHER, false, 'customers:read', 'hidden'],
  ['collector', 'Anna Becker', OTHER, false, 'collections:write', 'hidden'],
  ['collector', 'Anna Becker', OTHER, true, 'customers:read', 'allowed'],
  ['collector', 'Anna Becker', OTHER, true, 'collections:write', 'forbidden'],
  ['collector', 'Anna Becker', OTHER, true, 'notes:write', 'forbidden'],
  ['collector', 'Anna Becker', NOBODY, false, 'customers:read', 'hidden'],
  ['collector', null, NOBODY, true, 'customers:read', 'allowed'],
  ['collector', null, NOBODY, false, 'customers:read', 'hidden'],
  ['sales', 'Paul Vendeur', MINE, false, 'customers:read', 'allowed'],
  ['sales', 'Paul Vendeur', MINE, false, 'notes:write', 'allowed'],
  ['sales', 'Paul Vendeur', MINE, false, 'escalations:answer', 'allowed'],
  ['sales', 'Paul Vendeur', MINE, false, 'collections:write', 'forbidden'],
  ['sales', 'Paul Vendeur', MINE, false, 'runs:approve', 'forbidden'],
  ['sales', 'Paul Vendeur', MINE, false, 'scenarios:write', 'forbidden'],
  ['sales', 'Paul Vendeur', OTHER, true, 'customers:read', 'hidden'],
  ['sales', 'Anna Becker', MINE, false, 'customers:read', 'hidden'],
];

describe('portfolio rule', () => {
  for (const [role, name, customer, readAll, permission, expected] of CASES) {
    it(`${role} "${name}" ${permission} on ${customer.collector}/${customer.sales_owner}${readAll ? ' (collectors read all)' : ''} → ${expected}`, () => {
      assert.equal(
        decideOnCustomer(role, portfolioOf(role, name), permission, customer, {
          collectorsReadAll: readAll,
        }),
        expected,
      );
    });
  }

  it('portfolios by role', () => {
    assert.deepEqual(portfolioOf('admin', 'x'), { kind: 'all' });
    assert.deepEqual(portfolioOf('viewer', null), { kind: 'all' });
    assert.deepEqual(portfolioOf('collector', 'A'), { kind: 'collector', name: 'A' });
    assert.deepEqual(portfolioOf('sales', 'B'), { kind: 'sales_owner', name: 'B' });
    assert.equal(customerAccess({ kind: 'all' }, NOBODY, { collectorsReadAll: false }), 'write');
  });

  it('compares names trimmed, case-insensitively, in NFC; empty names match nothing', () => {
    assert.ok(samePortfolioName('Chloé Dubois', ' chloe\u0301 dubois'));
    assert.ok(!samePortfolioName('Chloé Dubois', 'Chloe Dubois'));
    assert.ok(samePortfolioName('Marie Martin <marie@seller.example>', 'marie martin'));
    assert.ok(!samePortfolioName('', ''));
    assert.ok(!samePortfolioName(null, null));
  });
});
