import { AppError, type Problem } from '../errors.ts';
import { hasPortfolioName, isRole, ROLES, type Role } from './roles.ts';

/** A user as it stands, before a change. */
export interface UserState {
  readonly role: Role;
  readonly displayName: string;
  readonly portfolioName: string | null;
  readonly disabled: boolean;
}

/** What an admin asks to change (undefined: unchanged; portfolioName null: cleared). */
export interface UserChangeInput {
  readonly role?: string | undefined;
  readonly name?: string | undefined;
  readonly portfolioName?: string | null | undefined;
  readonly disabled?: boolean | undefined;
}

export interface UserChangePlan {
  readonly next: UserState;
  /** The fields whose value changes, with the value before and after. */
  readonly changes: Readonly<Partial<Record<'role' | 'name' | 'portfolioName', FromTo>>>;
  readonly disabling: boolean;
  readonly enabling: boolean;
  /** The user's sessions end (new rights apply at the next sign-in): role, portfolio, disabled. */
  readonly endsSessions: boolean;
  /** The API tokens acting for the user are revoked: role changed, or disabled. */
  readonly revokesTokens: boolean;
}

export interface FromTo {
  readonly from: string | null;
  readonly to: string | null;
}

export const MAX_NAME_LENGTH = 100;

/**
 * Checks a change of a user (docs/users-and-roles.md): every bad field at once
 * (INVALID_INPUT), then that the change leaves at least one active admin (CONFLICT): the
 * last active admin can be neither demoted nor disabled, by anyone, themselves included.
 * `otherActiveAdmins` counts the active admins other than this user.
 */
export function planUserChange(
  current: UserState,
  input: UserChangeInput,
  context: {
    readonly otherActiveAdmins: number;
    /** How the portfolio name is called where it came from (`collector` on the command line). */
    readonly portfolioField?: string | undefined;
  },
): UserChangePlan {
  const problems: Problem[] = [];
  const portfolioField = context.portfolioField ?? 'portfolioName';
  let role = current.role;
  if (input.role !== undefined) {
    if (isRole(input.role)) role = input.role;
    else
      problems.push({ field: 'role', value: input.role, expected: `one of ${ROLES.join(', ')}` });
  }
  let displayName = current.displayName;
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === '' || name.length > MAX_NAME_LENGTH)
      problems.push({
        field: 'name',
        value: input.name,
        expected: `a display name of 1 to ${MAX_NAME_LENGTH} characters`,
      });
    else displayName = name;
  }
  let portfolioName = current.portfolioName;
  if (input.portfolioName !== undefined) {
    const name = input.portfolioName?.trim() || null;
    if (name !== null && name.length > MAX_NAME_LENGTH)
      problems.push({
        field: portfolioField,
        value: name,
        expected: `at most ${MAX_NAME_LENGTH} characters`,
      });
    else portfolioName = name;
  }
  if (hasPortfolioName(role) && portfolioName === null && !problems.some((p) => p.field === 'role'))
    problems.push({
      field: portfolioField,
      value: '',
      expected: `the name written in the customers' ${role === 'sales' ? 'sales_owner' : 'collector'} column (their portfolio): a ${role} needs one`,
    });
  if (problems.length > 0) throw new AppError('INVALID_INPUT', 'invalid change of user', problems);

  const disabled = input.disabled ?? current.disabled;
  const wasActiveAdmin = current.role === 'admin' && !current.disabled;
  const staysActiveAdmin = role === 'admin' && !disabled;
  if (wasActiveAdmin && !staysActiveAdmin && context.otherActiveAdmins === 0) {
    const conflicts: Problem[] = [];
    if (role !== 'admin')
      conflicts.push({
        field: 'role',
        value: role,
        expected: 'admin: this is the last active admin (make another user admin first)',
      });
    if (disabled)
      conflicts.push({
        field: 'disabled',
        value: 'true',
        expected: 'false: this is the last active admin (make another user admin first)',
      });
    throw new AppError(
      'CONFLICT',
      'the last active admin can be neither demoted nor disabled',
      conflicts,
    );
  }

  const changes: Partial<Record<'role' | 'name' | 'portfolioName', FromTo>> = {};
  if (role !== current.role) changes.role = { from: current.role, to: role };
  if (displayName !== current.displayName)
    changes.name = { from: current.displayName, to: displayName };
  if (portfolioName !== current.portfolioName)
    changes.portfolioName = { from: current.portfolioName, to: portfolioName };
  const disabling = disabled && !current.disabled;
  const enabling = !disabled && current.disabled;
  return {
    next: { role, displayName, portfolioName, disabled },
    changes,
    disabling,
    enabling,
    endsSessions: disabling || changes.role !== undefined || changes.portfolioName !== undefined,
    revokesTokens: disabling || changes.role !== undefined,
  };
}
