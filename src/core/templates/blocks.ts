import { diffDays } from '../calendar/local-date.ts';
import type { RenderItem, RenderPenalties } from './context.ts';
import { markdownText, safeUrl } from './escape.ts';
import { formatDate, formatInteger, formatMoney, formatPercent } from './format.ts';
import type { ValueEnv } from './hashtag-types.ts';

/**
 * Block hashtags: GFM tables of items with totals per currency, the penalties claimed, the
 * list of document links. Every text from data (numbers, references, reasons) is escaped;
 * amounts, dates and labels are our own formatting and go in as they are. An empty list
 * gives one line.
 */

type Align = 'left' | 'right';
interface Column {
  readonly header: string;
  readonly align: Align;
  readonly cell: (item: RenderItem) => string;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const bold = (text: string) => `**${text}**`;

/** Items in document order: oldest due date first, then by number. */
export function byDueDate(items: readonly RenderItem[]): RenderItem[] {
  return [...items].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.number.localeCompare(b.number, 'en', { numeric: true }),
  );
}

/** Open amounts summed per currency, currencies in order of first appearance. */
export function openTotals(items: readonly RenderItem[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const item of items)
    totals.set(item.currency, (totals.get(item.currency) ?? 0) + item.openMinor);
  return totals;
}

export function openTotal(items: readonly RenderItem[], currency: string): number {
  return openTotals(items).get(currency) ?? 0;
}

function documentCell(env: ValueEnv, item: RenderItem): string {
  const number = markdownText(item.number);
  if (item.type === 'credit_note') return `${number} (${env.labels.creditNote})`;
  if (item.type === 'payment') return `${number} (${env.labels.payment})`;
  return number;
}

function columns(env: ValueEnv, names: readonly string[], items: readonly RenderItem[]): Column[] {
  const { labels, locale, ctx } = env;
  const all: Record<string, Column> = {
    document: { header: labels.document, align: 'left', cell: (i) => documentCell(env, i) },
    reference: {
      header: labels.reference,
      align: 'left',
      cell: (i) => markdownText(i.reference ?? ''),
    },
    issued: {
      header: labels.issued,
      align: 'left',
      cell: (i) => formatDate(i.issueDate, locale, 'numeric'),
    },
    due: {
      header: labels.due,
      align: 'left',
      cell: (i) => formatDate(i.dueDate, locale, 'numeric'),
    },
    daysLate: {
      header: labels.daysLate,
      align: 'right',
      cell: (i) => (i.openMinor > 0 ? formatInteger(daysLate(ctx.today, i), locale) : ''),
    },
    amount: {
      header: labels.amount,
      align: 'right',
      cell: (i) => formatMoney(i.amountMinor, i.currency, locale),
    },
    open: {
      header: labels.open,
      align: 'right',
      cell: (i) => formatMoney(i.openMinor, i.currency, locale),
    },
    reason: {
      header: labels.reason,
      align: 'left',
      cell: (i) => markdownText(i.disputeReason ?? ''),
    },
  };
  const withReference = items.some((i) => (i.reference ?? '').trim() !== '');
  return names
    .filter((n) => n !== 'reference' || withReference)
    .map((n) => all[n])
    .filter((c): c is Column => c !== undefined);
}

interface TotalLine {
  readonly label: string;
  readonly items: readonly RenderItem[];
}

/**
 * A table of items with, under it, one bold line per total and currency in the "open"
 * column (the currency code is added to the label when the table has several).
 */
function itemTable(
  env: ValueEnv,
  names: readonly string[],
  rows: readonly { item: RenderItem; status?: string }[],
  totals: readonly TotalLine[],
  withStatus = false,
): string {
  if (rows.length === 0) return `_${env.labels.noItems}_`;
  const items = rows.map((r) => r.item);
  const cols = columns(env, names, items);
  const headers = [...cols.map((c) => c.header), ...(withStatus ? [env.labels.status] : [])];
  const aligns = [...cols.map((c) => c.align), ...(withStatus ? ['left' as const] : [])];
  const lines = [
    row(headers),
    row(aligns.map((a) => (a === 'right' ? '--:' : ':--'))),
    ...rows.map((r) =>
      row([...cols.map((c) => c.cell(r.item)), ...(withStatus ? [r.status ?? ''] : [])]),
    ),
  ];
  const openAt = cols.findIndex((c) => c.header === env.labels.open);
  const currencies = [...openTotals(items).keys()];
  const several = currencies.length > 1;
  for (const currency of currencies) {
    for (const total of totals) {
      const inCurrency = total.items.filter((i) => i.currency === currency);
      if (inCurrency.length === 0) continue;
      const cells = headers.map(() => '');
      cells[0] = bold(several ? `${total.label} ${currency}` : total.label);
      const amount = formatMoney(openTotal(inCurrency, currency), currency, env.locale);
      cells[openAt] = bold(amount);
      lines.push(row(cells));
    }
  }
  return lines.join('\n');
}

/** Days past the due date, never negative. */
const daysLate = (today: string, item: RenderItem) => Math.max(0, diffDays(today, item.dueDate));

/** "12 days late" for a debt; nothing for a credit note or a payment, which are not late. */
const lateStatus = (env: ValueEnv, item: RenderItem) =>
  item.openMinor > 0
    ? env.labels.late(formatInteger(daysLate(env.ctx.today, item), env.locale))
    : undefined;

export function overdueTable(env: ValueEnv): string {
  const items = byDueDate(env.ctx.items.overdue);
  return itemTable(
    env,
    ['document', 'reference', 'issued', 'due', 'daysLate', 'amount', 'open'],
    items.map((item) => ({ item })),
    [{ label: env.labels.totalOverdue, items }],
  );
}

export function notDueTable(env: ValueEnv): string {
  const items = byDueDate(env.ctx.items.notDue);
  return itemTable(
    env,
    ['document', 'reference', 'issued', 'due', 'amount', 'open'],
    items.map((item) => ({ item })),
    [{ label: env.labels.totalNotDue, items }],
  );
}

export function disputedTable(env: ValueEnv): string {
  const items = byDueDate(env.ctx.items.disputed);
  return itemTable(
    env,
    ['document', 'issued', 'due', 'open', 'reason'],
    items.map((item) => ({ item })),
    [{ label: env.labels.totalDisputed, items }],
  );
}

/** The whole account: every item with its status, totals overdue / disputed / not due / balance. */
export function statementTable(env: ValueEnv): string {
  const { overdue, notDue, disputed } = env.ctx.items;
  const { labels } = env;
  const rows = byDueDate([...overdue, ...disputed, ...notDue]).map((item) => ({
    item,
    status: disputed.includes(item)
      ? labels.disputed
      : notDue.includes(item)
        ? labels.notDue
        : lateStatus(env, item),
  }));
  const all = rows.map((r) => r.item);
  const totals: TotalLine[] = [{ label: labels.totalOverdue, items: overdue }];
  if (disputed.length > 0) totals.push({ label: labels.totalDisputed, items: disputed });
  if (notDue.length > 0) totals.push({ label: labels.totalNotDue, items: notDue });
  totals.push({ label: labels.balance, items: all });
  const names = ['document', 'reference', 'issued', 'due', 'amount', 'open'];
  return itemTable(env, names, rows, totals, true);
}

/** What a formal notice claims: principal overdue + interest + fixed compensation + late fee. */
export function claimTotal(env: ValueEnv, penalties: RenderPenalties): number {
  const principal = openTotal(env.ctx.items.overdue, penalties.currency);
  return (
    principal +
    penalties.interestMinor +
    penalties.compensationMinor +
    (penalties.lateFeeMinor ?? 0)
  );
}

/** Principal, interest with its rates and periods, fixed compensation, total claimed. */
export function penaltiesTable(env: ValueEnv, penalties: RenderPenalties): string {
  const { labels, locale, ctx } = env;
  const money = (minor: number) => formatMoney(minor, penalties.currency, locale);
  const principal = openTotal(ctx.items.overdue, penalties.currency);
  const rates = penalties.rates
    .map((r) =>
      labels.ratePeriod(
        formatPercent(r.ratePercent, locale),
        formatDate(r.from, locale, 'numeric'),
        formatDate(r.to, locale, 'numeric'),
      ),
    )
    .join('; ');
  const count = penalties.compensationCount;
  const each =
    penalties.compensationEachMinor === undefined
      ? undefined
      : formatMoney(penalties.compensationEachMinor, penalties.currency, locale);
  const lateFee = penalties.lateFeeMinor ?? 0;
  const total = claimTotal(env, penalties);
  return [
    row([labels.claim, labels.amount]),
    row([':--', '--:']),
    row([labels.principal, money(principal)]),
    row([
      rates === '' ? labels.interest : `${labels.interest}, ${rates}`,
      money(penalties.interestMinor),
    ]),
    row([
      labels.compensation(formatInteger(count, locale), each),
      money(penalties.compensationMinor),
    ]),
    ...(lateFee !== 0 ? [row([labels.lateFee, money(lateFee)])] : []),
    row([bold(labels.totalClaimed), bold(money(total))]),
  ].join('\n');
}

/** A bullet list of the items that have a document online, as links. */
export function invoiceLinks(env: ValueEnv): string {
  const { overdue, notDue, disputed } = env.ctx.items;
  const lines = byDueDate([...overdue, ...disputed, ...notDue]).flatMap((item) => {
    const url = item.documentUrl === undefined ? undefined : safeUrl(item.documentUrl);
    return url === undefined ? [] : [`- [${markdownText(item.number)}](${url})`];
  });
  return lines.length === 0 ? `_${env.labels.noDocuments}_` : lines.join('\n');
}
