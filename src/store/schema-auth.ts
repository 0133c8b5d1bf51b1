/** Kysely's view of the workspace's access tables (migration 0011): users, sessions, API tokens, audit log. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema-columns.ts';

/** A role of the collector workspace (migration 0011, src/core/auth/roles.ts). */
export type UserRole = 'admin' | 'credit_manager' | 'collector' | 'sales' | 'viewer';

/** A person who signs in (migration 0011, src/auth/). */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased; unique on lower(email). */
  email: string;
  display_name: string;
  role: UserRole;
  /** `$scrypt$ln=…,r=…,p=…$salt$hash` (src/auth/password-hash.ts). */
  password_hash: string;
  /** The name in customers.collector (collector) or customers.sales_owner (sales). */
  portfolio_name: string | null;
  disabled_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A signed-in browser (migration 0011): only the SHA-256 of the cookie's session id is kept. */
export interface SessionsTable {
  id: Generated<number>;
  id_sha256: string;
  csrf_token: string;
  user_id: number;
  created_at: Timestamp;
  /** The absolute end (created + 7 days); the idle limit counts from last_seen_at. */
  expires_at: Date | string;
  last_seen_at: Timestamp;
  ip: string | null;
}

/** A token for integrations (migration 0011): only its SHA-256 and a visible prefix are kept. */
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: UserRole;
  user_id: number | null;
  token_sha256: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Who did what (migration 0011). Neither user nor token: the command line. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  token_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** jsonb: written as text, read back parsed. */
  detail: ColumnType<unknown, string | null, string | null>;
  ip: string | null;
}
