import type { Portfolio } from './portfolio.ts';
import type { Role } from './roles.ts';

/** Who is making a request: a signed-in user (session) or an API token. */
export interface Principal {
  readonly kind: 'session' | 'token';
  /** The user signed in, or the user a token acts for (null: a token of its own). */
  readonly userId: number | null;
  readonly tokenId: number | null;
  /** E-mail of the user, or `token:NAME`: for messages and the audit log. */
  readonly label: string;
  readonly role: Role;
  readonly portfolio: Portfolio;
}
