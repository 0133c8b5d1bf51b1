import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Issues } from './issues.tsx';

/** Submits, shows the server's issues next to the form, then calls onDone. */
export function useSubmit(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (work: () => Promise<unknown>) => async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit, problems: <Issues error={error} /> };
}

export function FormButtons({ busy }: { busy: boolean }) {
  const { t } = useI18n();
  return (
    <div className="form-buttons">
      <button type="submit" className="primary" disabled={busy}>
        {t('actions.save')}
      </button>
    </div>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A button that calls the API at once (no form), with the server's issues under it. */
export function QuickAction({
  label,
  run,
  onDone,
}: {
  label: string;
  run: () => Promise<unknown>;
  onDone: () => void;
}) {
  const { busy, submit, problems } = useSubmit(onDone);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void submit(run)()}>
        {label}
      </button>
      {problems}
    </>
  );
}
