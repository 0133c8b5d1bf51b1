import { useEffect, useState } from 'react';
import { get, query } from '../api/client.ts';
import type {
  Account,
  CreditStatus,
  Item,
  Profile,
  Timeline,
  TimelineEntry,
} from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { AgingBar } from '../components/aging-bar.tsx';
import { Badge, ErrorNote, Loading, StatusBadge } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link } from '../router.tsx';
import { AccountActions } from './account-actions.tsx';

/** One customer: header with balances and owners, items, actions, timeline. */
export function AccountPage({ code }: { code: string }) {
  const { t, date } = useI18n();
  const base = `/api/customers/${encodeURIComponent(code)}`;
  const account = useApi<Account>(`${base}/account`);
  const profile = useApi<Profile>(`${base}/profile`);
  const credit = useApi<CreditStatus>(`${base}/credit-status`);
  const [version, setVersion] = useState(0);
  const changed = () => {
    account.reload();
    profile.reload();
    credit.reload();
    setVersion((v) => v + 1);
  };

  if (account.error) return <ErrorNote error={account.error} retry={account.reload} />;
  if (!account.data) return <Loading />;
  const a = account.data;
  const p = profile.data;
  return (
    <section className="account">
      <Link to="/customers" className="back">
        ← {t('account.back')}
      </Link>
      <div className="page-head">
        <div>
          <h1>
            {a.customer.name} <span className="mono muted">{a.customer.code}</span>
          </h1>
          <p className="muted">
            {t('account.asOf', { date: date(a.asOf) })} · {a.customer.country} ·{' '}
            {a.customer.language}
            {a.customer.segment ? ` · ${a.customer.segment}` : ''}
          </p>
          {credit.data && !credit.data.mayTakeOrders && (
            <p className="status-reason">{credit.data.reason.detail}</p>
          )}
        </div>
        <div className="head-badges">
          <StatusBadge status={a.customer.status} />
          {credit.data && !credit.data.mayTakeOrders && (
            <Badge tone="status-blocked">{t('account.noOrders')}</Badge>
          )}
          {p?.holdUntil && (
            <Badge tone="warn">
              {t('account.holdUntil', { date: date(p.holdUntil) })}
              {p.holdReason ? ` — ${p.holdReason}` : ''}
            </Badge>
          )}
        </div>
      </div>
      <div className="account-grid">
        <div className="account-main">
          <Balances account={a} />
          <Items account={a} />
          <TimelineCard base={base} version={version} />
        </div>
        <aside className="account-side">
          <div className="card facts">
            <dl>
              <dt>{t('account.collector')}</dt>
              <dd>{a.customer.collector ?? '—'}</dd>
              <dt>{t('account.salesOwner')}</dt>
              <dd>{p?.salesOwner ?? '—'}</dd>
              <dt>{t('account.scenario')}</dt>
              <dd>{p ? (p.scenario ?? 'default') : '…'}</dd>
              <dt>{t('account.latestStep')}</dt>
              <dd>
                {p?.latestStep ? (
                  <>
                    {p.latestStep.name}{' '}
                    <span className="muted">
                      {date(p.latestStep.asOf)} · {p.latestStep.state}
                    </span>
                  </>
                ) : (
                  '—'
                )}
              </dd>
              {a.customer.creditLimitMinor !== null && (
                <>
                  <dt>{t('account.creditLimit')}</dt>
                  <dd>
                    <Money minor={a.customer.creditLimitMinor} currency={a.customer.currency} />
                  </dd>
                </>
              )}
            </dl>
          </div>
          <AccountActions account={a} profile={p} onChanged={changed} />
          <Contacts profile={p} />
        </aside>
      </div>
    </section>
  );
}

function Money({ minor, currency }: { minor: number; currency: string }) {
  const { money } = useI18n();
  return <>{money(minor, currency)}</>;
}

function Balances({ account }: { account: Account }) {
  const { t, money } = useI18n();
  if (account.balances.length === 0)
    return <div className="card muted">{t('account.noBalance')}</div>;
  return (
    <>
      {account.balances.map((b) => (
        <div className="card balance" key={b.currency}>
          <div className="figures">
            <Figure label={t('account.balance')} value={money(b.balanceMinor, b.currency)} />
            <Figure
              label={t('account.overdue')}
              value={money(b.overdueMinor, b.currency)}
              tone={b.overdueMinor > 0 ? 'overdue' : undefined}
              note={
                b.maxDaysPastDue > 0 ? t('account.maxDays', { days: b.maxDaysPastDue }) : undefined
              }
            />
            <Figure label={t('account.notDue')} value={money(b.notDueMinor, b.currency)} />
            <Figure label={t('account.disputed')} value={money(b.disputedMinor, b.currency)} />
            <Figure
              label={t('account.credits')}
              value={money(b.creditNotesMinor + b.unallocatedPaymentsMinor, b.currency)}
            />
          </div>
          <AgingBar aging={b.aging} currency={b.currency} />
        </div>
      ))}
    </>
  );
}

function Figure({
  label,
  value,
  tone,
  note,
}: {
  label: string;
  value: string;
  tone?: string | undefined;
  note?: string | undefined;
}) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
      {note && <span className="sub">{note}</span>}
    </div>
  );
}

type ItemFilter = 'all' | 'overdue' | 'not_due' | 'disputed';
const ITEM_TABS: readonly [ItemFilter, MessageKey][] = [
  ['all', 'items.all'],
  ['overdue', 'items.overdue'],
  ['not_due', 'items.notDue'],
  ['disputed', 'items.disputed'],
];
const keep = (filter: ItemFilter, i: Item) =>
  filter === 'all' || (filter === 'disputed' ? i.disputed : !i.disputed && i.status === filter);

function Items({ account }: { account: Account }) {
  const { t, money, date, number } = useI18n();
  const [filter, setFilter] = useState<ItemFilter>('overdue');
  const count = (f: ItemFilter) => account.items.filter((i) => keep(f, i)).length;
  const rows = account.items.filter((i) => keep(filter, i));
  return (
    <div className="card">
      <div className="card-head">
        <h2>{t('items.title')}</h2>
        <div className="tabs" role="tablist">
          {ITEM_TABS.map(([f, label]) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={filter === f}
              className={filter === f ? 'active' : undefined}
              onClick={() => setFilter(f)}
            >
              {t(label)} <span className="count">{number(count(f))}</span>
            </button>
          ))}
        </div>
      </div>
      <table className="data compact">
        <thead>
          <tr>
            <th>{t('items.number')}</th>
            <th>{t('items.type')}</th>
            <th>{t('items.issued')}</th>
            <th>{t('items.due')}</th>
            <th className="num">{t('items.days')}</th>
            <th className="num">{t('items.amount')}</th>
            <th className="num">{t('items.open')}</th>
            <th>{t('items.po')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={`${i.type}-${i.number}-${i.currency}`}>
              <td className="mono">
                {i.documentUrl ? (
                  <a href={i.documentUrl} target="_blank" rel="noreferrer">
                    {i.number}
                  </a>
                ) : (
                  i.number
                )}
                {i.disputed && (
                  <Badge tone="dispute" key="d">
                    {t('items.disputedBadge')}
                  </Badge>
                )}
                {i.disputed && i.disputeReason && <span className="sub">{i.disputeReason}</span>}
              </td>
              <td>{t(`items.type.${i.type}`)}</td>
              <td>{date(i.issueDate)}</td>
              <td>{date(i.dueDate)}</td>
              <td className={`num${i.status === 'overdue' ? ' overdue' : ''}`}>
                {i.type === 'invoice' ? number(i.daysPastDue) : ''}
              </td>
              <td className="num">{money(i.amountMinor, i.currency)}</td>
              <td className="num strong">{money(i.openMinor, i.currency)}</td>
              <td>{i.poNumber ?? ''}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="empty">
                {t('items.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

const KIND_KEYS: Record<TimelineEntry['kind'], MessageKey> = {
  action: 'timeline.kind.action',
  skip: 'timeline.kind.skip',
  event: 'timeline.kind.event',
};
const DOC_KEYS: Record<string, MessageKey> = {
  email: 'timeline.doc.email',
  letter: 'timeline.doc.letter',
};

/** Every entry of the customer's story, newest first, paged back on demand. */
function TimelineCard({ base, version }: { base: string; version: number }) {
  const { t, dateTime } = useI18n();
  const first = useApi<Timeline>(`${base}/timeline?limit=50&v=${version}`);
  const [older, setOlder] = useState<TimelineEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  useEffect(() => {
    setOlder([]);
    setNext(first.data?.nextBefore ?? null);
  }, [first.data]);
  const more = async () => {
    if (next === null) return;
    const page = await get<Timeline>(`${base}/timeline${query({ before: next, limit: 100 })}`);
    setOlder((o) => [...o, ...page.entries]);
    setNext(page.nextBefore);
  };
  const entries = [...(first.data?.entries ?? []), ...older];
  return (
    <div className="card">
      <div className="card-head">
        <h2>{t('timeline.title')}</h2>
      </div>
      {first.error && <ErrorNote error={first.error} retry={first.reload} />}
      {first.data && entries.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.id} className={`entry kind-${e.kind}`}>
            <div className="entry-head">
              <Badge tone={`kind-${e.kind}`}>{t(KIND_KEYS[e.kind])}</Badge>
              <span className="mono code">{e.code}</span>
              {e.step && <span className="muted">{e.step}</span>}
              {e.item && <span className="mono muted">{e.item}</span>}
              <time className="muted" dateTime={e.at}>
                {dateTime(e.at)}
              </time>
            </div>
            {e.detail && <p className="entry-detail">{e.detail}</p>}
            {e.documents.length > 0 && (
              <p className="entry-docs">
                {e.documents.map((d) => (
                  <a key={d.id} href={`/api/documents/${d.id}`} target="_blank" rel="noreferrer">
                    {t(DOC_KEYS[d.kind] ?? 'timeline.doc.other')}
                    {DOC_KEYS[d.kind] ? '' : ` (${d.kind})`}
                  </a>
                ))}
              </p>
            )}
          </li>
        ))}
      </ol>
      {next !== null && (
        <button type="button" onClick={() => void more()}>
          {t('timeline.more')}
        </button>
      )}
    </div>
  );
}

function Contacts({ profile }: { profile: Profile | undefined }) {
  const { t } = useI18n();
  if (!profile) return null;
  return (
    <div className="card contacts">
      <h2>{t('account.contacts')}</h2>
      {profile.contacts.length === 0 && !profile.email && !profile.phone && (
        <p className="muted">{t('account.noContact')}</p>
      )}
      <ul>
        {(profile.email || profile.phone) && (
          <li>
            <strong>—</strong>
            {profile.email && <a href={`mailto:${profile.email}`}>{profile.email}</a>}
            {profile.phone && <a href={`tel:${profile.phone}`}>{profile.phone}</a>}
          </li>
        )}
        {profile.contacts.map((c) => (
          <li key={`${c.name}-${c.role}`}>
            <strong>{c.name}</strong> <span className="muted">{c.role}</span>
            {c.email && (
              <a href={`mailto:${c.email}`} className={c.emailInvalid ? 'invalid' : undefined}>
                {c.email}
                {c.emailInvalid ? ` (${t('account.invalid')})` : ''}
              </a>
            )}
            {c.phone && (
              <a href={`tel:${c.phone}`} className={c.phoneInvalid ? 'invalid' : undefined}>
                {c.phone}
                {c.phoneInvalid ? ` (${t('account.invalid')})` : ''}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
