/**
 * The roles of the collector workspace (docs/users-and-roles.md). A user has one role;
 * an API token has one too.
 */
export const ROLES = ['admin', 'credit_manager', 'collector', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles whose portfolio is a name in the customers' `collector` or `sales_owner` column. */
export const PORTFOLIO_ROLES: readonly Role[] = ['collector', 'sales'];

export function hasPortfolioName(role: Role): boolean {
  return PORTFOLIO_ROLES.includes(role);
}
