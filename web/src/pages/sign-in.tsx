import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { LanguageSwitch } from '../components/layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function SignInPage({
  onSignedIn,
  ended,
}: {
  onSignedIn: (user: User, csrfToken: string) => void;
  ended: boolean;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ user: User; csrfToken: string }>('POST', '/api/session', {
        email,
        password,
      });
      onSignedIn(r.user, r.csrfToken);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('signIn.wrong'));
      else if (e instanceof ApiError && e.status === 429)
        setError(t('signIn.rateLimited', { minutes: 15 }));
      else setError(t('app.error', { message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} noValidate>
        <div className="sign-in-head">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1>{t('signIn.title')}</h1>
            <p className="muted">{t('signIn.subtitle')}</p>
          </div>
        </div>
        {ended && !error && <p className="info-note">{t('signIn.ended')}</p>}
        <label>
          {t('signIn.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error-note" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !email || !password}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <div className="sign-in-foot">
          <LanguageSwitch />
        </div>
      </form>
    </div>
  );
}
