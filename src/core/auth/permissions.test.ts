import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasPermission, PERMISSIONS, type Permission } from './permissions.ts';
import { isRole, ROLES, type Role } from './roles.ts';

/** The table of docs/users-and-roles.md, row by row: A admin, M credit_manager, C collector, S sales, V viewer. */
const TABLE: Record<Permission, string> = {
  'customers:read': 'AMCSV',
  'collections:write': 'AMC',
  'notes:write': 'AMCS',
  'escalations:answer': 'AMCS',
  'runs:approve': 'AM',
  'scenarios:write': 'AM',
  'ledger:import': 'AM',
  'users:manage': 'A',
  'audit:read': 'AM',
};
const LETTER: Record<Role, string> = {
  admin: 'A',
  credit_manager: 'M',
  collector: 'C',
  sales: 'S',
  viewer: 'V',
};

describe('permissions', () => {
  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const expected = TABLE[permission].includes(LETTER[role]);
      it(`${role} ${expected ? 'may' : 'may not'} ${permission}`, () => {
        assert.equal(hasPermission(role, permission), expected);
      });
    }
  }

  it('knows its roles and nothing else', () => {
    for (const role of ROLES) assert.ok(isRole(role));
    for (const other of ['Admin', 'root', '', 'sales_owner']) assert.ok(!isRole(other), other);
  });
});
