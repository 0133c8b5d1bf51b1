import type { Problem } from '../core/errors.ts';
import { rowNumber, type RawTable } from './table.ts';
import { cell, type ColumnMap } from './columns.ts';
import * as f from './fields.ts';

export interface ContactRecord {
  readonly row: number;
  readonly customerId: number;
  readonly name: string;
  readonly role: string;
  readonly email: string | null;
  readonly phone: string | null;
}

/** Contact roles known to scenarios (recipients are chosen by role). */
export const CONTACT_ROLES = [
  'accounts_payable',
  'cfo',
  'buyer',
  'project_manager',
  'ceo',
  'sales',
  'legal',
  'other',
] as const;

const ALIASES: Record<string, string> = {
  ap: 'accounts_payable',
  accounts_payable: 'accounts_payable',
  accountspayable: 'accounts_payable',
  finance: 'cfo',
  pm: 'project_manager',
  purchasing: 'buyer',
};

export function normaliseRole(text: string): string | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const role = ALIASES[key] ?? key;
  return (CONTACT_ROLES as readonly string[]).includes(role) ? role : undefined;
}

export function validateContacts(
  table: RawTable,
  columns: ColumnMap,
  customers: ReadonlyMap<string, number>,
): { records: ContactRecord[]; problems: Problem[] } {
  const p = new f.ProblemList();
  const records: ContactRecord[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const row = rowNumber(table, i);
    const get = (column: string) => cell(cells, columns, column);
    const before = p.size;
    const code = get('customer');
    const customerId = customers.get(code);
    if (customerId === undefined) {
      p.add(
        row,
        'customer',
        code,
        code === ''
          ? 'a customer code'
          : 'the code of a customer already imported (import customers first)',
      );
    }
    const name = f.requiredText(p, row, 'name', get('name'), 200);
    const role = normaliseRole(get('role'));
    if (role === undefined) p.add(row, 'role', get('role'), `one of ${CONTACT_ROLES.join(', ')}`);
    const email = f.email(p, row, 'email', get('email'));
    const phone = f.phone(p, row, 'phone', get('phone'));
    if (p.size > before) return;
    const key = `${customerId}\u0000${name}\u0000${role}`;
    const first = seen.get(key);
    if (first !== undefined) {
      p.add(row, 'name', name!, `one row per customer, name and role (same as row ${first})`);
      return;
    }
    seen.set(key, row);
    records.push({
      row,
      customerId: customerId!,
      name: name!,
      role: role!,
      email: email ?? null,
      phone: phone ?? null,
    });
  });
  return { records, problems: p.items };
}
