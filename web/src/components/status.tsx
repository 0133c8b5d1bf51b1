import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

export function ErrorNote({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-note" role="alert">
      {t('app.error', { message: error.message })}
      {retry && (
        <button type="button" className="link" onClick={retry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

const STATUS_KEYS: Record<string, MessageKey> = {
  active: 'status.active',
  on_hold: 'status.on_hold',
  blocked: 'status.blocked',
  litigation: 'status.litigation',
  excluded: 'status.excluded',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const key = STATUS_KEYS[status];
  return <span className={`badge status-${status}`}>{key ? t(key) : status}</span>;
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}
