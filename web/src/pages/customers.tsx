import { useEffect, useState } from 'react';
import { query } from '../api/client.ts';
import type { CustomerPage, CustomerRow, Facets } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ErrorNote, StatusBadge } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link, navigate, useLocation } from '../router.tsx';

const STATUSES = ['active', 'on_hold', 'blocked', 'litigation', 'excluded'] as const;
const PAGE_SIZES = [25, 50, 100, 200];
const FILTERS = ['q', 'collector', 'segment', 'step', 'status', 'overdue'] as const;

type SortKey = 'code' | 'name' | 'balance' | 'overdue' | 'oldest_due' | 'last_action';
const COLUMNS: readonly { label: MessageKey; sort?: SortKey; numeric?: boolean }[] = [
  { label: 'col.code', sort: 'code' },
  { label: 'col.name', sort: 'name' },
  { label: 'col.balance', sort: 'balance', numeric: true },
  { label: 'col.overdue', sort: 'overdue', numeric: true },
  { label: 'col.oldestDue', sort: 'oldest_due' },
  { label: 'col.step' },
  { label: 'col.lastAction', sort: 'last_action' },
  { label: 'col.collector' },
  { label: 'col.status' },
];

/** The customers list: every filter, the sort and the page live in the address. */
export function CustomersPage() {
  const { t, number } = useI18n();
  const { search } = useLocation();
  const params = Object.fromEntries(search.entries());
  const sort = (params.sort ?? 'overdue') as SortKey;
  const order = params.order === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.page ?? 1) || 1);
  const pageSize = Number(params.pageSize ?? 50) || 50;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params[f]]));
  const listQuery = query({ ...filters, sort, order, page, pageSize });
  const list = useApi<CustomerPage>(`/api/customers${listQuery}`);
  const facets = useApi<Facets>('/api/customers/facets');

  const update = (changes: Record<string, string | number | undefined>, keepPage = false) => {
    const next = { ...params, ...changes } as Record<string, string | number | undefined>;
    if (!keepPage) delete next.page;
    navigate(`/customers${query(next)}`, { replace: true });
  };

  const [text, setText] = useState(params.q ?? '');
  useEffect(() => {
    if (text === (params.q ?? '')) return;
    const timer = setTimeout(() => update({ q: text || undefined }), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const toggleSort = (key: SortKey) =>
    update({ sort: key, order: sort === key && order === 'desc' ? 'asc' : 'desc' });

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const filtered = FILTERS.some((f) => params[f]);
  const exportQuery = query({ ...filters, sort, order });

  return (
    <section>
      <div className="page-head">
        <h1>{t('customers.title')}</h1>
        <a className="button" href={`/api/customers/export.xlsx${exportQuery}`} download>
          {t('customers.export')}
        </a>
      </div>
      <div className="filters" role="search">
        <input
          type="search"
          placeholder={t('customers.search')}
          aria-label={t('customers.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Select
          label={t('customers.collector')}
          value={params.collector}
          options={(facets.data?.collectors ?? []).map((c) => [c, c])}
          onChange={(v) => update({ collector: v })}
        />
        <Select
          label={t('customers.segment')}
          value={params.segment}
          options={(facets.data?.segments ?? []).map((s) => [s, s])}
          onChange={(v) => update({ segment: v })}
        />
        <Select
          label={t('customers.step')}
          value={params.step}
          options={(facets.data?.steps ?? []).map((s) => [s.id, s.name])}
          onChange={(v) => update({ step: v })}
        />
        <Select
          label={t('customers.status')}
          value={params.status}
          options={STATUSES.map((s) => [s, t(`status.${s}`)])}
          onChange={(v) => update({ status: v })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={params.overdue === 'true'}
            onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}
          />
          {t('customers.overdueOnly')}
        </label>
        {filtered && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              navigate('/customers', { replace: true });
            }}
          >
            {t('customers.clear')}
          </button>
        )}
        <span className="grow" />
        {data && (
          <span className="muted">{t('customers.count', { total: number(data.total) })}</span>
        )}
      </div>
      {list.error && <ErrorNote error={list.error} retry={list.reload} />}
      <div className={`table-wrap${list.loading ? ' loading' : ''}`}>
        <table className="data customers">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={
                    c.sort && c.sort === sort
                      ? order === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  {c.sort ? (
                    <button type="button" className="sort" onClick={() => toggleSort(c.sort!)}>
                      {t(c.label)}
                      <span aria-hidden="true" className="sort-mark">
                        {c.sort === sort ? (order === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  ) : (
                    t(c.label)
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((row) => (
              <Row key={row.code} row={row} />
            ))}
            {data && data.rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="empty">
                  {t('customers.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button type="button" disabled={page <= 1} onClick={() => update({ page: page - 1 }, true)}>
          {t('page.previous')}
        </button>
        <span>{t('page.of', { page: number(page), pages: number(pages) })}</span>
        <button
          type="button"
          disabled={page >= pages}
          onClick={() => update({ page: page + 1 }, true)}
        >
          {t('page.next')}
        </button>
        <label>
          {t('page.size')}
          <select value={pageSize} onChange={(e) => update({ pageSize: e.target.value })}>
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}

function Row({ row }: { row: CustomerRow }) {
  const { t, money, date } = useI18n();
  const href = `/customers/${encodeURIComponent(row.code)}`;
  return (
    <tr>
      <td className="mono">
        <Link to={href}>{row.code}</Link>
      </td>
      <td>
        <Link to={href} className="strong">
          {row.name}
        </Link>
        <span className="sub">
          {row.country}
          {row.segment ? ` · ${row.segment}` : ''}
        </span>
      </td>
      <td className="num">{money(row.balanceMinor, row.currency)}</td>
      <td className={`num${row.overdueMinor > 0 ? ' overdue' : ''}`}>
        {row.overdueMinor > 0 ? money(row.overdueMinor, row.currency) : '—'}
      </td>
      <td>
        {date(row.oldestDue)}
        {row.daysLate !== null && row.daysLate > 0 && (
          <span className="sub">{t('account.maxDays', { days: row.daysLate })}</span>
        )}
      </td>
      <td>{row.lastStepName ?? '—'}</td>
      <td>
        {date(row.lastActionOn)}
        {row.lastActionState && <span className="sub">{row.lastActionState}</span>}
      </td>
      <td>{row.collector ?? '—'}</td>
      <td>
        <StatusBadge status={row.status} />
      </td>
    </tr>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: [string, string][];
  onChange: (value: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="select">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('customers.any')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
