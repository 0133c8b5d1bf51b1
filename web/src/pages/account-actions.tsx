import { useState } from 'react';
import { get, post } from '../api/client.ts';
import type { Account, Profile, TaskPage } from '../api/types.ts';
import { Field, FormButtons, QuickAction, useSubmit } from '../components/action-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { can, useSession } from '../session.tsx';
import { AssignForm, STATUS_ACTIONS, StatusForm, type StatusPanel } from './account-settings.tsx';
import { SendNowForm } from './account-send-now.tsx';

type Panel = 'note' | 'call' | 'dispute' | 'hold' | 'assign' | 'sendNow' | StatusPanel;
const OUTCOMES = ['promise', 'no_answer', 'paid_already', 'wrong_contact', 'dispute'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** The collector's moves on an account, each wired to its collections route. */
export function AccountActions({
  account,
  profile,
  onChanged,
}: {
  account: Account;
  profile: Profile | undefined;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { role } = useSession();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const code = encodeURIComponent(account.customer.code);
  const mayCollect = can(role, 'collections');
  const done = () => {
    setPanel(null);
    setNotice(t('actions.saved'));
    onChanged();
  };
  const sent = () => {
    setPanel(null);
    setNotice(t('sendNow.sent'));
    onChanged();
  };
  const open = (p: Panel) => {
    setNotice(null);
    setPanel(panel === p ? null : p);
  };
  const buttons: [Panel, MessageKey, boolean][] = [
    ['note', 'actions.note', can(role, 'notes')],
    ['call', 'actions.call', mayCollect],
    ['dispute', 'actions.dispute', mayCollect],
    ['hold', 'actions.hold', mayCollect],
    ['assign', 'actions.assign', mayCollect],
    ['sendNow', 'actions.sendNow', mayCollect && account.customer.status !== 'excluded'],
    // Block, hand over or release by hand: every move but to the status it has (not excluded).
    ...STATUS_ACTIONS.map(([p, label, from]): [Panel, MessageKey, boolean] => [
      p,
      label,
      mayCollect && from.includes(account.customer.status),
    ]),
  ];
  const excluded = account.customer.status === 'excluded';
  return (
    <div className="card actions">
      <h2>{t('actions.title')}</h2>
      <div className="action-buttons">
        {buttons
          .filter(([, , allowed]) => allowed)
          .map(([p, label]) => (
            <button
              key={p}
              type="button"
              className={panel === p ? 'active' : undefined}
              aria-expanded={panel === p}
              onClick={() => open(p)}
            >
              {t(label)}
            </button>
          ))}
        {mayCollect && profile?.holdUntil && (
          <QuickAction
            label={t('actions.releaseHold')}
            run={() => post(`/api/customers/${code}/holds/release`, {})}
            onDone={done}
          />
        )}
        {mayCollect && (excluded || account.customer.status === 'active') && (
          <QuickAction
            label={t(excluded ? 'actions.releaseAccount' : 'actions.holdAccount')}
            run={() =>
              post(`/api/customers/${code}/${excluded ? 'include' : 'exclude'}`, {
                reason: excluded ? 'released from the web UI' : 'held from the web UI',
              })
            }
            onDone={done}
          />
        )}
      </div>
      {notice && (
        <p className="ok-note" role="status">
          {notice}
        </p>
      )}
      {panel === 'note' && <NoteForm code={code} onDone={done} />}
      {panel === 'call' && <CallForm account={account} onDone={done} />}
      {panel === 'dispute' && <DisputeForm account={account} onDone={done} />}
      {panel === 'hold' && <HoldForm code={code} onDone={done} />}
      {panel === 'assign' && <AssignForm account={account} profile={profile} onDone={done} />}
      {panel === 'sendNow' && <SendNowForm code={code} onDone={sent} />}
      {STATUS_ACTIONS.map(
        ([p]) => panel === p && <StatusForm key={p} code={code} status={p} onDone={done} />,
      )}
      <ResolveDisputes account={account} onDone={done} enabled={mayCollect} />
    </div>
  );
}

function NoteForm({ code, onDone }: { code: string; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const { busy, submit, problems } = useSubmit(onDone);
  return (
    <form
      className="action-form"
      onSubmit={submit(() => post(`/api/customers/${code}/notes`, { text }))}
    >
      <Field label={t('form.note')}>
        <textarea name="note" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      {problems}
      <FormButtons busy={busy} />
    </form>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A call's outcome. An open call task of the customer is completed with it (the server
 * records the promise or dispute and plans the next call); without one, the promise,
 * dispute or note is recorded directly.
 */
function CallForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useI18n();
  const code = encodeURIComponent(account.customer.code);
  const currencies = account.balances.map((b) => b.currency);
  const [outcome, setOutcome] = useState<Outcome>('promise');
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(currencies[0] ?? account.customer.currency);
  const [item, setItem] = useState('');
  const [note, setNote] = useState('');
  const { busy, submit, problems } = useSubmit(onDone);
  const invoices = account.items.filter((i) => i.type === 'invoice' && !i.disputed);

  const save = async () => {
    const tasks = await get<TaskPage>('/api/tasks?kind=call_task&state=open&pageSize=500');
    const task = tasks.rows.find((r) => r.customer === account.customer.code);
    const text = note.trim() || undefined;
    if (task) {
      return post(`/api/tasks/${task.id}/complete`, {
        outcome,
        ...(outcome === 'promise' ? { date, amount, currency } : {}),
        ...(outcome === 'dispute' ? { item, reason: text } : {}),
        ...(outcome !== 'dispute' && text ? { note: text } : {}),
      });
    }
    if (outcome === 'promise')
      return post(`/api/customers/${code}/promises`, { date, amount, currency, note: text });
    if (outcome === 'dispute')
      return post(`/api/customers/${code}/disputes`, { item, reason: note });
    const said = t(`form.outcome.${outcome}`);
    return post(`/api/customers/${code}/notes`, {
      text: `${t('actions.call')} — ${said}${text ? `: ${text}` : ''}`,
    });
  };

  return (
    <form className="action-form" onSubmit={submit(save)}>
      <Field label={t('form.outcome')}>
        <select
          name="outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
        >
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`form.outcome.${o}`)}
            </option>
          ))}
        </select>
      </Field>
      {outcome === 'promise' && (
        <div className="row">
          <Field label={t('form.promiseDate')}>
            <input
              type="date"
              name="date"
              min={today()}
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </Field>
          <Field label={t('form.promiseAmount')}>
            <input
              name="amount"
              inputMode="decimal"
              placeholder="1234.56"
              value={amount}
              onChange={(e) => setAmount(e.target.value.replace(',', '.'))}
            />
          </Field>
          <Field label={t('form.currency')}>
            <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {[...new Set([...currencies, account.customer.currency])].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
        </div>
      )}
      {outcome === 'dispute' && (
        <Field label={t('form.item')}>
          <select name="item" value={item} onChange={(e) => setItem(e.target.value)}>
            <option value="" />
            {invoices.map((i) => (
              <option key={i.number}>{i.number}</option>
            ))}
          </select>
        </Field>
      )}
      <Field label={outcome === 'dispute' ? t('form.reason') : t('form.note')}>
        <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      {problems}
      <FormButtons busy={busy} />
    </form>
  );
}

function DisputeForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useI18n();
  const code = encodeURIComponent(account.customer.code);
  const invoices = account.items.filter((i) => i.type === 'invoice' && !i.disputed);
  const [item, setItem] = useState(invoices[0]?.number ?? '');
  const [reason, setReason] = useState('');
  const { busy, submit, problems } = useSubmit(onDone);
  return (
    <form
      className="action-form"
      onSubmit={submit(() => post(`/api/customers/${code}/disputes`, { item, reason }))}
    >
      <Field label={t('form.item')}>
        <select name="item" value={item} onChange={(e) => setItem(e.target.value)}>
          {invoices.map((i) => (
            <option key={i.number}>{i.number}</option>
          ))}
        </select>
      </Field>
      <Field label={t('form.reason')}>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {problems}
      <FormButtons busy={busy} />
    </form>
  );
}

function HoldForm({ code, onDone }: { code: string; onDone: () => void }) {
  const { t } = useI18n();
  const [until, setUntil] = useState(today());
  const [reason, setReason] = useState('');
  const { busy, submit, problems } = useSubmit(onDone);
  return (
    <form
      className="action-form"
      onSubmit={submit(() => post(`/api/customers/${code}/holds`, { until, reason }))}
    >
      <div className="row">
        <Field label={t('form.until')}>
          <input
            type="date"
            name="until"
            min={today()}
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
        </Field>
        <Field label={t('form.reason')}>
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
      {problems}
      <FormButtons busy={busy} />
    </form>
  );
}

/** A "Resolve" button for each disputed invoice. */
function ResolveDisputes({
  account,
  onDone,
  enabled,
}: {
  account: Account;
  onDone: () => void;
  enabled: boolean;
}) {
  const { t, money } = useI18n();
  const code = encodeURIComponent(account.customer.code);
  const disputed = account.items.filter((i) => i.disputed);
  if (!enabled || disputed.length === 0) return null;
  return (
    <div className="disputes">
      <h3>{t('account.disputed')}</h3>
      <ul>
        {disputed.map((i) => (
          <li key={i.number}>
            <span className="mono">{i.number}</span> {money(i.openMinor, i.currency)}
            <QuickAction
              label={t('items.resolveDispute')}
              run={() =>
                post(`/api/customers/${code}/disputes/${encodeURIComponent(i.number)}/resolve`, {})
              }
              onDone={onDone}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
