import { AGING_BUCKETS, type AgingBucket } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The aging buckets of one currency as one stacked bar, with a legend. */
export function AgingBar({
  aging,
  currency,
}: {
  aging: Record<AgingBucket, number>;
  currency: string;
}) {
  const { t, money } = useI18n();
  const total = AGING_BUCKETS.reduce((sum, b) => sum + Math.max(0, aging[b]), 0);
  if (total === 0) return null;
  return (
    <div className="aging">
      <div className="aging-bar" role="img" aria-label={t('account.aging')}>
        {AGING_BUCKETS.map((b) =>
          aging[b] > 0 ? (
            <span
              key={b}
              className={`bucket-${b.replace('+', 'plus')}`}
              style={{ width: `${(100 * aging[b]) / total}%` }}
              title={`${t(`bucket.${b}`)}: ${money(aging[b], currency)}`}
            />
          ) : null,
        )}
      </div>
      <ul className="aging-legend">
        {AGING_BUCKETS.filter((b) => aging[b] > 0).map((b) => (
          <li key={b}>
            <i className={`bucket-${b.replace('+', 'plus')}`} />
            {t(`bucket.${b}`)} <strong>{money(aging[b], currency)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
