import { AppError, type Problem } from '../errors.ts';
import { hasPortfolioName, isRole, ROLES, type Role } from './roles.ts';
import { normalizeEmail } from './login-throttle.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export interface NewUserInput {
  readonly email: string;
  readonly role: string;
  readonly password: string;
  readonly displayName?: string | undefined;
  /** The name in customers.collector (collector) or customers.sales_owner (sales). */
  readonly portfolioName?: string | undefined;
}

export interface CheckedUser {
  readonly email: string;
  readonly role: Role;
  readonly password: string;
  readonly displayName: string;
  readonly portfolioName: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a new user, naming every bad field at once; the password is never echoed. */
export function checkNewUser(input: NewUserInput): CheckedUser {
  const problems: Problem[] = [];
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254)
    problems.push({ field: 'email', value: input.email, expected: 'an e-mail address' });
  if (!isRole(input.role))
    problems.push({ field: 'role', value: input.role, expected: `one of ${ROLES.join(', ')}` });
  const length = [...input.password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH)
    problems.push({
      field: 'password',
      expected: `a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters (got ${length})`,
    });
  const portfolioName = input.portfolioName?.trim() || null;
  if (isRole(input.role) && hasPortfolioName(input.role) && portfolioName === null)
    problems.push({
      field: 'collector',
      value: '',
      expected: `the name written in the customers' ${input.role === 'sales' ? 'sales_owner' : 'collector'} column (their portfolio)`,
    });
  if (portfolioName !== null && portfolioName.length > 100)
    problems.push({ field: 'collector', value: portfolioName, expected: 'at most 100 characters' });
  const displayName = input.displayName?.trim() || email.split('@')[0] || email;
  if (displayName.length > 100)
    problems.push({ field: 'name', value: displayName, expected: 'at most 100 characters' });
  if (problems.length > 0) throw new AppError('INVALID_INPUT', 'invalid user', problems);
  return {
    email,
    role: input.role as Role,
    password: input.password,
    displayName,
    portfolioName,
  };
}
