import type { JobProgress } from '../api/jobs.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';

/** A job's phase and how far it is, as a bar (indeterminate while the size is unknown). */
export function JobProgressBar({ progress }: { progress: JobProgress }) {
  const { t, number } = useI18n();
  const phase = `job.phase.${progress.phase}` as MessageKey;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <div className="job-progress-text">
        <strong>{t(phase)}</strong>
        {progress.total !== null && (
          <span className="muted">
            {' '}
            {number(progress.done)} / {number(progress.total)}
            {progress.percent !== null && ` · ${progress.percent} %`}
          </span>
        )}
      </div>
      <progress max={100} value={progress.percent ?? undefined} aria-label={t(phase)} />
    </div>
  );
}
