import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Field } from './action-form.tsx';
import { Issues } from './issues.tsx';
import { ErrorNote } from './status.tsx';

interface Batch {
  readonly id: number;
  readonly letters: number;
  readonly registered: number;
  readonly pages: number;
  readonly createdAt: string;
  readonly postedOn: string | null;
  readonly url: string;
}

interface BatchLetter {
  readonly customer: string;
  readonly reference: string;
  readonly registered: boolean;
  readonly state: string;
}

/**
 * The print batches: each one's PDF, and "Mark posted" once it went to the post office —
 * with the tracking number of every registered letter (POST /api/letters/batches/:id/posted).
 */
export function LetterBatches({ version }: { version: number }) {
  const { t, number, date } = useI18n();
  const list = useApi<{ batches: Batch[] }>('/api/letters/batches');
  const [posting, setPosting] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { reload } = list;
  // A new batch printed from the page: read the list again.
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  return (
    <div className="card">
      <div className="card-head">
        <h2>{t('letters.title')}</h2>
      </div>
      {list.error && <ErrorNote error={list.error} />}
      {notice && (
        <p className="ok-note" role="status">
          {notice}
        </p>
      )}
      <table className="data compact letter-batches">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('letters.printedOn')}</th>
            <th className="num">{t('letters.letters')}</th>
            <th className="num">{t('letters.registered')}</th>
            <th className="num">{t('letters.pages')}</th>
            <th>{t('letters.posted')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.batches.map((b) => (
            <tr key={b.id} className={posting === b.id ? 'selected' : undefined}>
              <td>{b.id}</td>
              <td>{new Date(b.createdAt).toLocaleString()}</td>
              <td className="num">{number(b.letters)}</td>
              <td className="num">{number(b.registered)}</td>
              <td className="num">{number(b.pages)}</td>
              <td>
                {b.postedOn ? (
                  date(b.postedOn)
                ) : (
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setNotice(null);
                      setPosting(posting === b.id ? null : b.id);
                    }}
                  >
                    {t('letters.markPosted')}
                  </button>
                )}
              </td>
              <td>
                <a href={b.url} target="_blank" rel="noreferrer">
                  {t('run.openPdf')}
                </a>
              </td>
            </tr>
          ))}
          {list.data?.batches.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">
                {t('letters.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {posting !== null && (
        <PostForm
          id={posting}
          onPosted={(sent) => {
            setPosting(null);
            setNotice(t('letters.postedNote', { id: posting, sent }));
            reload();
          }}
        />
      )}
    </div>
  );
}

function PostForm({ id, onPosted }: { id: number; onPosted: (sent: number) => void }) {
  const { t } = useI18n();
  const [letters, setLetters] = useState<BatchLetter[] | null>(null);
  const [postedOn, setPostedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [tracking, setTracking] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    get<{ letters: BatchLetter[] }>(`/api/letters/batches/${id}`).then(
      (b) => live && setLetters(b.letters),
      (e: unknown) =>
        live && setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e))),
    );
    return () => {
      live = false;
    };
  }, [id]);
  const registered = (letters ?? []).filter((l) => l.registered && l.state === 'printed');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const numbers = Object.fromEntries(
        Object.entries(tracking).filter(([, v]) => v.trim() !== ''),
      );
      const report = await post<{ sent: number }>(`/api/letters/batches/${id}/posted`, {
        postedOn,
        ...(Object.keys(numbers).length > 0 ? { tracking: numbers } : {}),
      });
      onPosted(report.sent);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="action-form"
      aria-label={t('letters.postForm', { id })}
      onSubmit={(e) => void submit(e)}
    >
      <Field label={t('letters.postedOnField')}>
        <input type="date" value={postedOn} onChange={(e) => setPostedOn(e.target.value)} />
      </Field>
      {registered.length > 0 && <p className="muted">{t('letters.trackingHelp')}</p>}
      {registered.map((l) => (
        <Field key={l.reference} label={`${l.customer} · ${l.reference}`}>
          <input
            value={tracking[l.reference] ?? ''}
            onChange={(e) => setTracking({ ...tracking, [l.reference]: e.target.value })}
          />
        </Field>
      ))}
      <Issues error={error} />
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy || letters === null}>
          {t('letters.confirmPosted')}
        </button>
      </div>
    </form>
  );
}
