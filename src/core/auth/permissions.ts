import type { Role } from './roles.ts';

/**
 * What a role may do, whatever the customer. Whether it may do it on one customer is
 * the portfolio rule (portfolio.ts).
 */
export const PERMISSIONS = [
  /** Read customers, accounts, credit status, timelines, tasks. */
  'customers:read',
  /** Promises, disputes, holds, exclusions and task outcomes. */
  'collections:write',
  /** Add a note to a customer's timeline. */
  'notes:write',
  /** Answer an internal escalation (a notify_internal task sent to the sales owner). */
  'escalations:answer',
  /** Approve and send a dunning run's actions. */
  'runs:approve',
  /** Edit scenarios, assignment rules and templates. */
  'scenarios:write',
  /** Upsert customers, items and payments (ERP integration, usually with an API token). */
  'ledger:import',
  /** Create, change and disable users and API tokens; company settings. */
  'users:manage',
  /** Read the audit log. */
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

/** The permission table (docs/users-and-roles.md shows the same table). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ALL,
  credit_manager: [
    'customers:read',
    'collections:write',
    'notes:write',
    'escalations:answer',
    'runs:approve',
    'scenarios:write',
    'ledger:import',
    'audit:read',
  ],
  collector: ['customers:read', 'collections:write', 'notes:write', 'escalations:answer'],
  sales: ['customers:read', 'notes:write', 'escalations:answer'],
  viewer: ['customers:read'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Permissions that read; everything else changes data. */
export function isReadPermission(permission: Permission): boolean {
  return permission === 'customers:read' || permission === 'audit:read';
}
