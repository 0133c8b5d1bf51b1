import type { Migration } from 'kysely';
import * as ledger from './0001-ledger.ts';
import * as scenarios from './0002-scenarios.ts';
import * as dunning from './0003-dunning.ts';
import * as credit from './0004-credit.ts';
import * as recheck from './0005-recheck.ts';

/** Every migration, in order. Names sort the same way; never rename or edit a shipped one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': ledger,
  '0002-scenarios': scenarios,
  '0003-dunning': dunning,
  '0004-credit': credit,
  '0005-recheck': recheck,
};
