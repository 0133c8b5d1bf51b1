import { createContext, useContext } from 'react';
import type { User } from './api/types.ts';

export interface Session {
  readonly user: User | null;
  readonly role: string;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** What a role may do, as the server decides it (docs/users-and-roles.md); the UI only hides. */
export function can(role: string, what: 'collections' | 'notes' | 'approve' | 'users'): boolean {
  if (what === 'users') return role === 'admin';
  if (what === 'approve') return role === 'admin' || role === 'credit_manager';
  if (what === 'notes') return role !== 'viewer';
  return role === 'admin' || role === 'credit_manager' || role === 'collector';
}
