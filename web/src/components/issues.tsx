import type { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** An API error with every problem it lists, field by field (shown next to the form). */
export function Issues({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      {error.status === 404 && error.code.startsWith('HTTP_')
        ? t('actions.unavailable')
        : error.message}
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((i, n) => (
            <li key={n}>
              <code>{i.field}</code>: {i.expected}
              {i.value !== undefined ? ` («${i.value}»)` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
