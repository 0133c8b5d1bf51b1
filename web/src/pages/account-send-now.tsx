import { useEffect, useState } from 'react';
import { ApiError, post } from '../api/client.ts';
import type { Plan } from '../api/types.ts';
import { useSubmit } from '../components/action-form.tsx';
import { Issues } from '../components/issues.tsx';
import { Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * "Send a step now": what the customer's next step would be (a dry run of
 * POST /api/customers/:code/send-now), or why nothing can go; then sending it.
 */
export function SendNowForm({ code, onDone }: { code: string; onDone: () => void }) {
  const { t, money } = useI18n();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { busy, submit, problems } = useSubmit(onDone);
  useEffect(() => {
    let live = true;
    post<Plan>(`/api/customers/${code}/send-now`, { dryRun: true }).then(
      (p) => live && setPlan(p),
      (e: unknown) =>
        live && setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e))),
    );
    return () => {
      live = false;
    };
  }, [code]);
  if (error) return <Issues error={error} />;
  if (!plan) return <Loading />;
  return (
    <form
      className="action-form"
      onSubmit={submit(() => post(`/api/customers/${code}/send-now`, {}))}
    >
      {plan.actions.length > 0 ? (
        <ul className="send-now">
          {plan.actions.map((a) => (
            <li key={`${a.currency}|${a.step}`}>
              <strong>{a.stepName}</strong> · {a.kinds.join(', ')} ·{' '}
              {money(a.overdueMinor, a.currency)}
              {a.mode === 'confirm' && <span className="badge warn">{t('sendNow.confirm')}</span>}
              <span className="sub mono">{a.reasons.join(', ')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="info-note">{t('sendNow.nothing')}</p>
      )}
      {plan.skips.length > 0 && (
        <ul className="send-now-skips">
          {plan.skips.map((s, n) => (
            <li key={n}>
              <span className="mono">{s.code}</span> — {s.detail}
            </li>
          ))}
        </ul>
      )}
      {problems}
      {plan.actions.length > 0 && (
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t('sendNow.send')}
          </button>
        </div>
      )}
    </form>
  );
}
