import { hasPermission, isReadPermission, type Permission } from './permissions.ts';
import type { Role } from './roles.ts';

/**
 * Which customers a principal may see and change (docs/users-and-roles.md):
 * - admin, credit_manager: every customer;
 * - collector: the customers whose `collector` is their portfolio name; reading the others
 *   too when the customer's company sets `collectors_read_all`;
 * - sales: reading the customers whose `sales_owner` is their portfolio name;
 * - viewer: reading every customer.
 */
export type Portfolio =
  | { readonly kind: 'all' }
  | { readonly kind: 'collector'; readonly name: string | null }
  | { readonly kind: 'sales_owner'; readonly name: string | null };

export function portfolioOf(role: Role, portfolioName: string | null): Portfolio {
  if (role === 'collector') return { kind: 'collector', name: portfolioName };
  if (role === 'sales') return { kind: 'sales_owner', name: portfolioName };
  return { kind: 'all' };
}

export interface CustomerOwners {
  readonly collector: string | null;
  readonly sales_owner: string | null;
}

export interface CompanyAccessSettings {
  /** Collectors may read (not change) the customers of other portfolios. */
  readonly collectorsReadAll: boolean;
}

/**
 * Names compare trimmed, case-insensitively, in Unicode NFC ("chloé dubois" = "Chloé Dubois"),
 * without the address of "Name <address>" (customer records may give one).
 */
export function samePortfolioName(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .replace(/\s*<[^>]*>\s*$/, '')
      .trim()
      .toLowerCase();
  const left = norm(a);
  return left !== '' && left === norm(b);
}

/** 'write': in the portfolio; 'read': visible only; 'none': as if it did not exist. */
export type CustomerAccess = 'write' | 'read' | 'none';

export function customerAccess(
  portfolio: Portfolio,
  customer: CustomerOwners,
  settings: CompanyAccessSettings,
): CustomerAccess {
  switch (portfolio.kind) {
    case 'all':
      return 'write';
    case 'collector':
      if (samePortfolioName(portfolio.name, customer.collector)) return 'write';
      return settings.collectorsReadAll ? 'read' : 'none';
    case 'sales_owner':
      return samePortfolioName(portfolio.name, customer.sales_owner) ? 'write' : 'none';
  }
}

/**
 * May this role do this on this customer? 'hidden' when the customer is outside what
 * the role may even see (answer 404), 'forbidden' when it is visible but the action is not
 * allowed (answer 403).
 */
export function decideOnCustomer(
  role: Role,
  portfolio: Portfolio,
  permission: Permission,
  customer: CustomerOwners,
  settings: CompanyAccessSettings,
): 'allowed' | 'forbidden' | 'hidden' {
  const access = customerAccess(portfolio, customer, settings);
  if (access === 'none' || !hasPermission(role, 'customers:read')) return 'hidden';
  if (!hasPermission(role, permission)) return 'forbidden';
  if (access === 'read' && !isReadPermission(permission)) return 'forbidden';
  return 'allowed';
}
