import { Command } from 'commander';
import { loadAccount, type AccountView } from '../../ledger/load-account.ts';
import { formatMoney } from '../../core/money/format-money.ts';
import { AGING_BUCKETS } from '../../core/ledger/aging.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';

export function accountCommand(): Command {
  return new Command('account')
    .description("show a customer's account: balance, overdue, aging and open items")
    .argument('<code>', 'customer code')
    .option('--company <code>', 'company (default: the only one)')
    .option(
      '--as-of <date>',
      'business date (default: today in the company time zone)',
      parseDateOption,
    )
    .option('--json', 'print JSON (format in docs/account-format.md)')
    .action(async (code: string, opts: { company?: string; asOf?: string; json?: boolean }) => {
      await withDatabase('relance account', async (database) => {
        const view = await loadAccount(database.db, {
          company: opts.company,
          customer: code,
          asOf: opts.asOf,
        });
        if (opts.json) printJson(view);
        else process.stdout.write(renderAccount(view));
      });
    });
}

export function renderAccount(v: AccountView): string {
  const locale = 'en-GB';
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  const out: string[] = [
    `${v.customer.code} — ${v.customer.name} (${v.customer.country}, ${v.customer.language}) as of ${v.asOf}`,
  ];
  if (v.balances.length === 0) out.push('  no open items');
  for (const b of v.balances) {
    out.push(
      `  ${b.currency}: balance ${money(b.balanceMinor, b.currency)} · overdue ${money(b.overdueMinor, b.currency)}` +
        ` · not due ${money(b.notDueMinor, b.currency)} · credit notes ${money(b.creditNotesMinor, b.currency)}` +
        ` · unallocated payments ${money(b.unallocatedPaymentsMinor, b.currency)}`,
      `    aging: ${AGING_BUCKETS.map((k) => `${k} ${money(b.aging[k], b.currency)}`).join(' · ')}`,
    );
    if (b.oldestOverdue) {
      out.push(
        `    oldest overdue: ${b.oldestOverdue.number} due ${b.oldestOverdue.dueDate} (${b.oldestOverdue.daysPastDue} days)`,
      );
    }
  }
  if (v.items.length > 0)
    out.push('', '  number               type         due          days  open');
  for (const i of v.items) {
    out.push(
      `  ${i.number.padEnd(20)} ${i.type.padEnd(12)} ${i.dueDate}  ${String(i.daysPastDue).padStart(5)}  ` +
        `${money(i.openMinor, i.currency)}${i.disputed ? '  [disputed]' : ''}`,
    );
  }
  return out.join('\n') + '\n';
}
