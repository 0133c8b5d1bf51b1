import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, getCsrfToken } from '../api/client.ts';
import type { ScenarioSummary, Template } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Issues } from '../components/issues.tsx';
import { ErrorNote, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation } from '../router.tsx';
import { can, useSession } from '../session.tsx';

/** Scenarios (JSON definitions) and templates (subject + body) with the server's checks. */
export function EditorsPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const tab = search.get('tab') === 'templates' ? 'templates' : 'scenarios';
  return (
    <section>
      <div className="page-head">
        <h1>{t('editor.title')}</h1>
        <div className="tabs" role="tablist">
          {(['scenarios', 'templates'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'active' : undefined}
              onClick={() => navigate(`/scenarios?tab=${name}`, { replace: true })}
            >
              {t(`editor.${name}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === 'scenarios' ? <Scenarios /> : <Templates />}
    </section>
  );
}

function useSave() {
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { error, notice, busy, run };
}

function Scenarios() {
  const { t, dateTime } = useI18n();
  const { role } = useSession();
  const writable = can(role, 'approve');
  const list = useApi<{ scenarios: ScenarioSummary[] }>('/api/scenarios');
  const [code, setCode] = useState<string | null>(null);
  const selected = code ?? list.data?.scenarios[0]?.code ?? null;
  const one = useApi<{ version: number; definition: unknown }>(
    selected ? `/api/scenarios/${encodeURIComponent(selected)}` : null,
  );
  const [text, setText] = useState('');
  useEffect(() => {
    if (one.data) setText(JSON.stringify(one.data.definition, null, 2));
  }, [one.data]);
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: JSON.parse(text) as unknown };
    } catch (e) {
      return { ok: false as const, message: e instanceof Error ? e.message : String(e) };
    }
  }, [text]);
  const save = useSave();
  if (list.error) return <ErrorNote error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="editor">
      <ul className="editor-list">
        {list.data.scenarios.map((s) => (
          <li key={s.code}>
            <button
              type="button"
              className={s.code === selected ? 'active' : undefined}
              onClick={() => setCode(s.code)}
            >
              <strong>{s.name}</strong>
              <span className="sub">
                <span className="mono">{s.code}</span> ·{' '}
                {s.version === 0
                  ? t('editor.builtIn')
                  : t('editor.version', { version: s.version })}{' '}
                · {t('editor.steps', { count: s.steps })}
                {s.savedAt ? ` · ${dateTime(s.savedAt)}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="card editor-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!parsed.ok || !selected) return;
          void save.run(async () => {
            const r = await api<{ version: number; created: boolean }>(
              'PUT',
              `/api/scenarios/${encodeURIComponent(selected)}`,
              parsed.value,
            );
            list.reload();
            return t(r.created ? 'editor.saved' : 'editor.unchanged', { version: r.version });
          });
        }}
      >
        <label className="field">
          <span>{t('editor.definition')}</span>
          <textarea
            className="code"
            rows={28}
            spellCheck={false}
            value={text}
            readOnly={!writable}
            aria-invalid={!parsed.ok}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {!parsed.ok && (
          <p className="error-note" role="alert">
            {t('editor.badJson', { message: parsed.message })}
          </p>
        )}
        <Issues error={save.error} />
        {save.notice && (
          <p className="ok-note" role="status">
            {save.notice}
          </p>
        )}
        {writable ? (
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={!parsed.ok || save.busy}>
              {t('actions.save')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('editor.readOnly')}</p>
        )}
      </form>
    </div>
  );
}

function Templates() {
  const { t } = useI18n();
  const { role } = useSession();
  const writable = can(role, 'approve');
  const list = useApi<{ templates: Template[] }>('/api/templates');
  const [key, setKey] = useState<string | null>(null);
  const templates = list.data?.templates ?? [];
  const current = templates.find((x) => `${x.code}|${x.language}` === key) ?? templates[0] ?? null;
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  useEffect(() => {
    setSubject(current?.subject ?? '');
    setBody(current?.body ?? '');
  }, [current]);
  const save = useSave();
  const [customer, setCustomer] = useState('C000001');
  const [step, setStep] = useState('reminder');
  const scenario = useApi<{ definition: { steps?: { id: string; name: string }[] } }>(
    '/api/scenarios/default',
  );
  const steps = useMemo(() => scenario.data?.definition.steps ?? [], [scenario.data]);
  // Preview the step of the default scenario that uses the template being edited.
  useEffect(() => {
    const using = current && steps.find((s) => JSON.stringify(s).includes(`"${current.code}"`));
    if (using) setStep(using.id);
  }, [current, steps]);
  // What the editor holds: the preview renders it, unsaved, as the server would save it.
  const draft = useMemo(
    () =>
      current && {
        code: current.code,
        kind: current.kind,
        language: current.language,
        ...(current.name ? { name: current.name } : {}),
        ...(current.subject !== null ? { subject } : {}),
        body,
      },
    [current, subject, body],
  );
  const preview = useDraftPreview(customer.trim(), step, draft);

  if (list.error) return <ErrorNote error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="editor">
      <ul className="editor-list">
        {templates.map((x) => (
          <li key={`${x.code}|${x.language}`}>
            <button
              type="button"
              className={x === current ? 'active' : undefined}
              onClick={() => setKey(`${x.code}|${x.language}`)}
            >
              <strong className="mono">{x.code}</strong>
              <span className="sub">
                {x.language} · {x.kind} ·{' '}
                {x.version === 0
                  ? t('editor.builtIn')
                  : t('editor.version', { version: x.version })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {current && (
        <div className="editor-main">
          <form
            className="card editor-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save.run(async () => {
                const r = await api<{ templates: { version: number; created: boolean }[] }>(
                  'PUT',
                  `/api/templates/${encodeURIComponent(current.code)}`,
                  {
                    kind: current.kind,
                    language: current.language,
                    ...(current.name ? { name: current.name } : {}),
                    ...(current.subject !== null ? { subject } : {}),
                    body,
                  },
                );
                list.reload();
                const saved = r.templates[0]!;
                return t(saved.created ? 'editor.saved' : 'editor.unchanged', {
                  version: saved.version,
                });
              });
            }}
          >
            {current.subject !== null && (
              <label className="field">
                <span>{t('editor.subject')}</span>
                <input
                  value={subject}
                  readOnly={!writable}
                  onChange={(e) => setSubject(e.target.value)}
                />
              </label>
            )}
            <label className="field">
              <span>{t('editor.body')}</span>
              <textarea
                className="code"
                rows={18}
                spellCheck={false}
                value={body}
                readOnly={!writable}
                onChange={(e) => setBody(e.target.value)}
              />
            </label>
            <Issues error={save.error} />
            {save.notice && (
              <p className="ok-note" role="status">
                {save.notice}
              </p>
            )}
            {writable && (
              <div className="form-buttons">
                <button type="submit" className="primary" disabled={save.busy}>
                  {t('actions.save')}
                </button>
              </div>
            )}
          </form>
          <div className="card">
            <div className="toolbar">
              <label className="select">
                <span>{t('editor.previewFor')}</span>
                <input value={customer} size={10} onChange={(e) => setCustomer(e.target.value)} />
              </label>
              <label className="select">
                <span>{t('editor.previewStep')}</span>
                <select value={step} onChange={(e) => setStep(e.target.value)}>
                  {steps.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={preview.refresh}>
                {t('editor.preview')}
              </button>
            </div>
            <p className="muted">
              {preview.busy ? t('editor.previewUpdating') : t('editor.previewHelp')}
            </p>
            {customer.trim() === '' && <p className="muted">{t('editor.previewNoCustomer')}</p>}
            <Issues error={preview.error ?? null} />
            {preview.html !== undefined && (
              <iframe
                className="preview"
                title={t('editor.preview')}
                sandbox=""
                srcDoc={preview.html}
              />
            )}
            {preview.pdf !== undefined && (
              <iframe className="preview" title={t('editor.preview')} src={preview.pdf} />
            )}
            {preview.text !== undefined && <pre className="preview">{preview.text}</pre>}
          </div>
        </div>
      )}
    </div>
  );
}

interface PreviewState {
  readonly html?: string;
  /** An object URL of the letter's PDF. */
  readonly pdf?: string;
  readonly text?: string;
  readonly error?: ApiError;
}

/** How each template kind is previewed: an e-mail as sent (HTML), a letter as its PDF. */
const FORMAT_OF: Record<string, 'html' | 'pdf' | 'md'> = { email: 'html', letter: 'pdf' };
const PREVIEW_DELAY_MS = 500;

/**
 * The live preview of unsaved edits: POST /api/templates/preview with the template as it
 * stands in the editor, half a second after the last keystroke; an older answer never
 * replaces a newer one.
 */
function useDraftPreview(customer: string, step: string, draft: Record<string, unknown> | null) {
  const [state, setState] = useState<PreviewState>({});
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const payload = useMemo(() => {
    if (!draft || customer === '') return null;
    const format = FORMAT_OF[String(draft.kind)] ?? 'md';
    return JSON.stringify({ customer, step, scenario: 'default', format, template: draft });
  }, [customer, step, draft]);
  // The object URL of the PDF shown: revoked when another replaces it and with the editor.
  const pdfUrl = useRef<string | undefined>(undefined);
  useEffect(() => () => revoke(pdfUrl.current), []);
  useEffect(() => {
    if (payload === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      void renderPreview(payload, controller.signal).then((next) => {
        if (controller.signal.aborted) return revoke(next.pdf);
        setBusy(false);
        revoke(pdfUrl.current);
        pdfUrl.current = next.pdf;
        setState(next);
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
      setBusy(false);
    };
  }, [payload, tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, busy, refresh };
}

function revoke(url: string | undefined): void {
  if (url) URL.revokeObjectURL(url);
}

async function renderPreview(payload: string, signal: AbortSignal): Promise<PreviewState> {
  try {
    const response = await fetch('/api/templates/preview', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
      body: payload,
      signal,
    });
    if (!response.ok) {
      const e = ((await response.json()) as { error: ApiError }).error;
      return { error: new ApiError(response.status, e.code, e.message, e.issues) };
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('application/pdf'))
      return { pdf: URL.createObjectURL(await response.blob()) };
    if (type.startsWith('text/html')) return { html: await response.text() };
    return { text: await response.text() };
  } catch (e) {
    return signal.aborted ? {} : { error: new ApiError(0, 'NETWORK', String(e)) };
  }
}

/** The session's CSRF token, as the API client holds it. */
function csrf(): string {
  return getCsrfToken() ?? '';
}
