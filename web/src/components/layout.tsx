import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LANGUAGES, useI18n, type Language } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link, useLocation } from '../router.tsx';
import { can, useSession } from '../session.tsx';

const NAV: readonly { to: string; label: MessageKey; only?: 'approve' | 'users' }[] = [
  { to: '/', label: 'nav.worklist' },
  { to: '/customers', label: 'nav.customers' },
  { to: '/run', label: 'nav.run' },
  { to: '/imports', label: 'nav.imports', only: 'approve' },
  { to: '/dashboard', label: 'nav.dashboard' },
  { to: '/scenarios', label: 'nav.scenarios' },
  { to: '/users', label: 'nav.users', only: 'users' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const { role } = useSession();
  const active = (to: string) => (to === '/' ? path === '/' : path.startsWith(to));
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')}>
          {NAV.filter((n) => !n.only || can(role, n.only)).map((n) => (
            <Link
              key={n.to}
              to={n.to}
              className={active(n.to) ? 'active' : undefined}
              aria-current={active(n.to) ? 'page' : undefined}
            >
              {t(n.label)}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="language">
      <span className="sr-only">{t('app.language')}</span>
      <select
        value={language}
        aria-label={t('app.language')}
        onChange={(e) => setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu() {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const name = session.user?.name || session.user?.email || session.role;
  const initials = name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <div className="user-menu" ref={box}>
      <button
        type="button"
        className="avatar"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('user.menu')}
        onClick={() => setOpen(!open)}
      >
        {initials}
      </button>
      {open && (
        <div className="menu" role="menu">
          <div className="menu-head">
            <strong>{name}</strong>
            {session.user && <span className="muted">{session.user.email}</span>}
            <span className="muted">{t('user.role', { role: session.role })}</span>
          </div>
          <button type="button" role="menuitem" onClick={session.signOut}>
            {t('user.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
