import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, onSessionEnded, setCsrfToken } from './api/client.ts';
import type { SessionInfo, User } from './api/types.ts';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/status.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { AccountPage } from './pages/account.tsx';
import { CustomersPage } from './pages/customers.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { EditorsPage } from './pages/editors.tsx';
import { ImportsPage } from './pages/imports.tsx';
import { RunPage } from './pages/run.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { UsersPage } from './pages/users.tsx';
import { WorklistPage } from './pages/worklist.tsx';
import { match, navigate, useLocation } from './router.tsx';
import { SessionContext, type Session } from './session.tsx';

type Auth =
  | { state: 'checking' }
  | { state: 'signed-out'; ended?: boolean }
  | { state: 'signed-in'; user: User | null; role: string };

export function App() {
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  const { path } = useLocation();

  useEffect(() => {
    onSessionEnded(() => setAuth({ state: 'signed-out', ended: true }));
    api<SessionInfo>('GET', '/api/session').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setAuth({ state: 'signed-in', user: s.user, role: s.role });
      },
      (error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
        setAuth({ state: 'signed-out' });
      },
    );
  }, []);

  const signedIn = useCallback((user: User, csrfToken: string) => {
    setCsrfToken(csrfToken);
    setAuth({ state: 'signed-in', user, role: user.role });
    if (location.pathname === '/sign-in') navigate('/', { replace: true });
  }, []);

  const signOut = useCallback(() => {
    void api('DELETE', '/api/session')
      .catch(() => undefined)
      .finally(() => {
        setCsrfToken(null);
        setAuth({ state: 'signed-out' });
      });
  }, []);

  const session = useMemo<Session | null>(
    () => (auth.state === 'signed-in' ? { user: auth.user, role: auth.role, signOut } : null),
    [auth, signOut],
  );

  if (auth.state === 'checking') return <Loading />;
  if (auth.state === 'signed-out' || !session)
    return <SignInPage onSignedIn={signedIn} ended={auth.state === 'signed-out' && !!auth.ended} />;
  return (
    <SessionContext.Provider value={session}>
      <Layout>
        <Page path={path} />
      </Layout>
    </SessionContext.Provider>
  );
}

function Page({ path }: { path: string }) {
  const { t } = useI18n();
  if (match('/', path) || match('/sign-in', path)) return <WorklistPage />;
  if (match('/customers', path)) return <CustomersPage />;
  const account = match('/customers/:code', path);
  if (account) return <AccountPage code={account.code!} key={account.code} />;
  if (match('/run', path)) return <RunPage />;
  if (match('/imports', path)) return <ImportsPage />;
  if (match('/dashboard', path)) return <DashboardPage />;
  if (match('/scenarios', path)) return <EditorsPage />;
  if (match('/users', path)) return <UsersPage />;
  return <p className="muted">{t('app.notFound')}</p>;
}
