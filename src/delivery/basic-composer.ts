import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError } from '../core/errors.ts';
import { isEmailAddress } from '../core/delivery/email-message.ts';
import { formatMoney, minorToDecimalString } from '../core/money/format-money.ts';
import { compareDates } from '../core/calendar/local-date.ts';
import type { Company } from '../store/companies.ts';
import type { ComposedEmail, Composer, MailAddress, OutboxRow } from './composer.ts';

/** What each step kind says first. */
const INTRO: Readonly<Record<string, string>> = {
  pre_dunning:
    'Here is a summary of your account. Some invoices fall due soon: is anything preventing their payment?',
  reminder:
    'According to our records, the invoices below are overdue. This may be an oversight: please arrange payment.',
  level_1:
    'Despite our reminder, the invoices below are still unpaid. Please pay them now, or tell us what prevents payment.',
  level_2:
    'The invoices below remain unpaid despite our reminders. Without payment, we will have to hold new orders on your account.',
  formal_notice:
    'Formal notice: we ask you to pay the overdue amount below without delay. Failing payment, we will take further steps to recover it.',
  handover:
    'Your account is being handed over for recovery. Please contact us at once to settle the amount below.',
};

export interface BasicComposerOptions {
  /** The company's collection address (From). */
  readonly fromFor: (company: Company) => MailAddress;
}

/**
 * The built-in composer: a plain, complete reminder written from the action's data — the
 * step, every item of the communication (overdue and not yet due) with its amounts in the
 * action's currency, the totals — in English, with both an HTML and a text part, and the
 * statement attached as CSV. Reply-To is the customer's collector when that is an e-mail
 * address. The template-based composer (documents) replaces it where available.
 */
export function basicComposer(options: BasicComposerOptions): Composer {
  return async (db, row) => compose(db, row, options);
}

async function compose(
  db: Kysely<DB>,
  row: OutboxRow,
  options: BasicComposerOptions,
): Promise<ComposedEmail> {
  if (row.action_id === null) {
    throw new AppError('INVALID_INPUT', `outbox row ${row.id} is no dunning reminder`, [
      {
        field: 'composer',
        value: 'basic',
        expected: 'the template composer for promise confirmations (the default worker)',
      },
    ]);
  }
  const a = await db
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('companies as co', 'co.id', 'a.company_id')
    .select(['a.step_name', 'a.step_kind', 'a.currency', 'a.as_of'])
    .select(['a.overdue_minor', 'a.not_due_minor', 'a.balance_minor'])
    .select(['c.code as customer_code', 'c.name as customer_name', 'c.country', 'c.collector'])
    .select(['co.id as company_id', 'co.code', 'co.name', 'co.country as company_country'])
    .select(['co.currency as company_currency', 'co.timezone', 'co.locale'])
    // Contacts and items in the same round trip, as JSON text.
    .select(
      sql<string | null>`(select json_agg(json_build_array(k.name, k.email))
        from contacts k where k.customer_id = a.customer_id)::text`.as('contacts'),
    )
    .select(
      sql<string | null>`(select json_agg(json_build_array(i.number, i.type, i.issue_date,
          i.due_date, i.amount_minor, i.open_minor) order by i.due_date, i.number)
        from items i where i.company_id = a.company_id and i.customer_id = a.customer_id
          and i.number = any(a.items))::text`.as('items_json'),
    )
    .where('a.id', '=', row.action_id)
    .executeTakeFirstOrThrow();
  const company: Company = {
    id: a.company_id,
    code: a.code,
    name: a.name,
    country: a.company_country,
    currency: a.company_currency,
    timezone: a.timezone,
    locale: a.locale,
  };
  const addresses = row.recipient
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (addresses.length === 0) {
    throw new AppError('INVALID_INPUT', 'the customer has no valid e-mail address', [
      { field: 'recipient', value: '', expected: 'a contact or customer e-mail address' },
    ]);
  }
  const contacts = (a.contacts ? (JSON.parse(a.contacts) as [string, string | null][]) : []).map(
    ([name, email]) => ({ name, email }),
  );
  const nameOf = (address: string) =>
    contacts.find((k) => k.email?.trim().toLowerCase() === address.toLowerCase())?.name ??
    a.customer_name;
  const items = (
    a.items_json
      ? (JSON.parse(a.items_json) as [string, string, string, string, number, number][])
      : []
  ).map(([number, type, issue_date, due_date, amount_minor, open_minor]) => ({
    number,
    type,
    issue_date,
    due_date,
    amount_minor,
    open_minor,
  }));
  const locale = `en-${a.country}`;
  const money = (minor: number) => formatMoney(minor, a.currency, locale);
  const lines = items.map((i) => ({
    number: i.number,
    kind: i.type === 'invoice' ? 'invoice' : i.type === 'credit_note' ? 'credit note' : 'payment',
    issued: i.issue_date,
    due: i.due_date,
    amount: money(i.amount_minor),
    open: money(i.open_minor),
    late: i.type === 'invoice' && compareDates(i.due_date, a.as_of) < 0,
  }));
  const intro = INTRO[a.step_kind] ?? INTRO.reminder!;
  const totals: [string, string][] = [
    ['Overdue', money(a.overdue_minor)],
    ['Not yet due', money(a.not_due_minor)],
    ['Balance', money(a.balance_minor)],
  ];
  const closing =
    'If you have paid in the meantime, thank you, and please disregard this message. ' +
    'If something prevents payment (a dispute, a missing document), reply to this e-mail.';
  // The collector, when the customer record gives an address: `Name <address>` or `address`.
  const collector = /^(.*?)\s*<([^<>\s]+)>$/.exec(a.collector?.trim() ?? '');
  const replyTo = collector
    ? isEmailAddress(collector[2]!)
      ? { name: collector[1]!.replace(/^"|"$/g, '').trim() || undefined, address: collector[2]! }
      : undefined
    : isEmailAddress(a.collector?.trim() ?? '')
      ? { address: a.collector!.trim() }
      : undefined;
  const header = ['Number', 'Type', 'Issued', 'Due', 'Amount', 'Open'];
  const table = [
    header,
    ...lines.map((l) => [
      l.number + (l.late ? ' *' : ''),
      l.kind,
      l.issued,
      l.due,
      l.amount,
      l.open,
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const text = [
    `Dear ${a.customer_name},`,
    '',
    intro,
    '',
    ...table.map((r) =>
      r.map((cell, c) => (c >= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '),
    ),
    lines.some((l) => l.late) ? '* overdue' : '',
    '',
    ...totals.map(([k, v]) => `${k}: ${v}`),
    '',
    closing,
    '',
    a.name,
    `Customer account ${a.customer_code}`,
  ].join('\n');
  const html = htmlBody(
    a.customer_name,
    intro,
    header,
    lines,
    totals,
    closing,
    a.name,
    a.customer_code,
  );
  return {
    from: options.fromFor(company),
    ...(replyTo ? { replyTo } : {}),
    to: addresses.map((address) => ({ name: nameOf(address), address })),
    subject: `${a.step_name}: account ${a.customer_code}, ${money(a.overdue_minor)} overdue`,
    text,
    html,
    attachments: [
      {
        filename: `statement-${a.customer_code}-${a.currency}.csv`.replace(/[^\w.-]+/g, '_'),
        contentType: 'text/csv',
        content: Buffer.from(statementCsv(items, a.currency), 'utf8'),
      },
    ],
  };
}

function htmlBody(
  customer: string,
  intro: string,
  header: readonly string[],
  lines: readonly {
    number: string;
    kind: string;
    issued: string;
    due: string;
    amount: string;
    open: string;
    late: boolean;
  }[],
  totals: readonly [string, string][],
  closing: string,
  company: string,
  account: string,
): string {
  const cell = (v: string, right = false) =>
    `<td style="padding:4px 8px;border-bottom:1px solid #ddd${right ? ';text-align:right' : ''}">${escapeHtml(v)}</td>`;
  const rows = lines
    .map(
      (l) =>
        `<tr${l.late ? ' style="color:#a00"' : ''}>${cell(l.number)}${cell(l.kind)}${cell(l.issued)}${cell(l.due)}${cell(l.amount, true)}${cell(l.open, true)}</tr>`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,sans-serif;font-size:14px;color:#222">',
    `<p>Dear ${escapeHtml(customer)},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<table style="border-collapse:collapse">',
    `<tr>${header.map((h) => `<th style="padding:4px 8px;text-align:left">${escapeHtml(h)}</th>`).join('')}</tr>`,
    rows,
    '</table>',
    `<p>${totals.map(([k, v]) => `${escapeHtml(k)}: <strong>${escapeHtml(v)}</strong>`).join('<br>')}</p>`,
    `<p>${escapeHtml(closing)}</p>`,
    `<p>${escapeHtml(company)}<br>Customer account ${escapeHtml(account)}</p>`,
    '</body></html>',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The items as CSV (decimal amounts); text cells that a spreadsheet would run as formulas are quoted off. */
function statementCsv(
  items: readonly {
    number: string;
    type: string;
    issue_date: string;
    due_date: string;
    amount_minor: number;
    open_minor: number;
  }[],
  currency: string,
): string {
  const text = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows = items.map((i) =>
    [
      text(i.number),
      i.type,
      i.issue_date,
      i.due_date,
      currency,
      minorToDecimalString(i.amount_minor, currency),
      minorToDecimalString(i.open_minor, currency),
    ].join(','),
  );
  return (
    ['number,type,issue_date,due_date,currency,amount,open_amount', ...rows].join('\r\n') + '\r\n'
  );
}
