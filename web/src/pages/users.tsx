import { useState, type FormEvent } from 'react';
import { api, ApiError, post } from '../api/client.ts';
import type { UserAccount } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Issues } from '../components/issues.tsx';
import { Badge, ErrorNote, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { can, useSession } from '../session.tsx';

const ROLES = ['admin', 'credit_manager', 'collector', 'sales', 'viewer'] as const;
/** Roles whose portfolio is a name in the customers' collector or sales_owner column. */
const PORTFOLIO_ROLES: readonly string[] = ['collector', 'sales'];

const roleLabel = (role: string): MessageKey =>
  (ROLES as readonly string[]).includes(role) ? (`role.${role}` as MessageKey) : 'role.viewer';

/** Users (admins only): who may sign in, with which role; add, change, disable, enable. */
export function UsersPage() {
  const { t } = useI18n();
  const { role } = useSession();
  const list = useApi<{ users: UserAccount[] }>(can(role, 'users') ? '/api/users' : null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!can(role, 'users')) return <p className="muted">{t('users.adminsOnly')}</p>;
  const changed = (message: string) => {
    setNotice(message);
    list.reload();
  };
  return (
    <section>
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <button
          type="button"
          className={adding ? undefined : 'primary'}
          onClick={() => {
            setNotice(null);
            setAdding(!adding);
          }}
        >
          {adding ? t('actions.cancel') : t('users.add')}
        </button>
      </div>
      {adding && (
        <AddUser
          onAdded={(email) => {
            setAdding(false);
            changed(t('users.added', { email }));
          }}
        />
      )}
      {notice && (
        <p className="ok-note" role="status">
          {notice}
        </p>
      )}
      {list.error && <ErrorNote error={list.error} retry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && <UserTable users={list.data.users} onChanged={changed} />}
    </section>
  );
}

function UserTable({
  users,
  onChanged,
}: {
  users: UserAccount[];
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <div className="table-wrap">
      <table className="data users">
        <thead>
          <tr>
            <th>{t('users.user')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.portfolio')}</th>
            <th>{t('users.state')}</th>
            <th>{t('users.lastSignIn')}</th>
            <th>
              <span className="sr-only">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) =>
            editing === user.id ? (
              <EditRow
                key={user.id}
                user={user}
                onCancel={() => setEditing(null)}
                onSaved={() => {
                  setEditing(null);
                  onChanged(t('users.changed', { email: user.email }));
                }}
              />
            ) : (
              <UserRow
                key={user.id}
                user={user}
                onEdit={() => setEditing(user.id)}
                onChanged={onChanged}
              />
            ),
          )}
          {users.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                {t('users.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function UserRow({
  user,
  onEdit,
  onChanged,
}: {
  user: UserAccount;
  onEdit: () => void;
  onChanged: (message: string) => void;
}) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const disabled = user.disabledAt !== null;
  const toggle = async () => {
    const self = session.user?.id === user.id;
    if (
      !disabled &&
      !window.confirm(
        t(self ? 'users.confirmDisableSelf' : 'users.confirmDisable', { email: user.email }),
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await patchUser(user.id, { disabled: !disabled });
      onChanged(t(disabled ? 'users.enabled' : 'users.disabled', { email: user.email }));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className={disabled ? 'muted' : undefined}>
      <td>
        <span className="strong">{user.name}</span>
        <span className="sub">{user.email}</span>
      </td>
      <td>{t(roleLabel(user.role))}</td>
      <td>{user.portfolioName ?? '—'}</td>
      <td>
        {disabled ? (
          <Badge tone="warn">
            {t('users.disabledSince', { date: dateTime(user.disabledAt!) })}
          </Badge>
        ) : (
          <Badge tone="status-active">{t('users.active')}</Badge>
        )}
      </td>
      <td>{user.lastSignInAt ? dateTime(user.lastSignInAt) : t('users.never')}</td>
      <td className="nowrap">
        <div className="action-buttons">
          <button type="button" onClick={onEdit} disabled={busy}>
            {t('users.edit')}
          </button>
          <button type="button" onClick={() => void toggle()} disabled={busy}>
            {disabled ? t('users.enable') : t('users.disable')}
          </button>
        </div>
        <Issues error={error} />
      </td>
    </tr>
  );
}

function EditRow({
  user,
  onCancel,
  onSaved,
}: {
  user: UserAccount;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState(user.role);
  const [portfolio, setPortfolio] = useState(user.portfolioName ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const needsPortfolio = PORTFOLIO_ROLES.includes(role);
  const self = session.user?.id === user.id;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (name.trim() !== user.name) body.name = name;
    if (role !== user.role) body.role = role;
    const nextPortfolio = needsPortfolio ? portfolio.trim() || null : null;
    if (nextPortfolio !== user.portfolioName && (needsPortfolio || role !== user.role))
      body.portfolioName = nextPortfolio;
    if (Object.keys(body).length === 0) return onCancel();
    if (self && body.role !== undefined && !window.confirm(t('users.confirmOwnRole'))) return;
    setBusy(true);
    setError(null);
    try {
      await patchUser(user.id, body);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className="selected">
      <td colSpan={6}>
        <form className="form-grid" onSubmit={(e) => void save(e)}>
          <label className="field">
            <span>{t('users.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          <RoleSelect value={role} onChange={setRole} />
          {needsPortfolio && (
            <PortfolioField role={role} value={portfolio} onChange={setPortfolio} />
          )}
          <div className="form-actions action-buttons">
            <button type="button" onClick={onCancel} disabled={busy}>
              {t('actions.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('actions.save')}
            </button>
          </div>
        </form>
        <p className="muted">{t('users.sessionsEnd', { email: user.email })}</p>
        <Issues error={error} />
      </td>
    </tr>
  );
}

function AddUser({ onAdded }: { onAdded: (email: string) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('collector');
  const [portfolio, setPortfolio] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const needsPortfolio = PORTFOLIO_ROLES.includes(role);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await post<UserAccount>('/api/users', {
        email,
        role,
        password,
        ...(name.trim() ? { name } : {}),
        ...(needsPortfolio && portfolio.trim() ? { portfolioName: portfolio } : {}),
      });
      setPassword('');
      onAdded(user.email);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('users.add')}>
      <div className="form-grid">
        <label className="field">
          <span>{t('users.email')}</span>
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('users.nameOptional')}</span>
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <RoleSelect value={role} onChange={setRole} />
        {needsPortfolio && <PortfolioField role={role} value={portfolio} onChange={setPortfolio} />}
        <label className="field">
          <span>{t('users.password')}</span>
          <input
            type="password"
            required
            minLength={12}
            maxLength={1024}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('users.create')}
          </button>
        </div>
      </div>
      <p className="muted">{t('users.passwordHelp')}</p>
      <Issues error={error} />
    </form>
  );
}

function RoleSelect({ value, onChange }: { value: string; onChange: (role: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('users.role')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(roleLabel(r))}
          </option>
        ))}
      </select>
    </label>
  );
}

function PortfolioField({
  role,
  value,
  onChange,
}: {
  role: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t(role === 'sales' ? 'users.portfolioSales' : 'users.portfolioCollector')}</span>
      <input value={value} required maxLength={100} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function patchUser(id: number, body: Record<string, unknown>): Promise<UserAccount> {
  return api<UserAccount>('PATCH', `/api/users/${id}`, body);
}
