import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Account, Facets, Profile, ScenarioSummary } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Field, FormButtons, useSubmit } from '../components/action-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';

/** The account statuses set by hand (PUT /api/customers/:code/account-status). */
export type StatusPanel = 'blocked' | 'litigation' | 'active';

/** Each move: its panel (the status it sets), its button, the statuses it starts from. */
export const STATUS_ACTIONS: readonly [StatusPanel, MessageKey, readonly string[]][] = [
  ['blocked', 'actions.block', ['active', 'on_hold', 'litigation']],
  ['litigation', 'actions.litigation', ['active', 'on_hold', 'blocked']],
  ['active', 'actions.release', ['on_hold', 'blocked', 'litigation']],
];

const HELP: Record<StatusPanel, MessageKey> = {
  blocked: 'actions.blockHelp',
  litigation: 'actions.litigationHelp',
  active: 'actions.releaseHelp',
};

/** Block the account for new orders, hand it over to litigation, or release it. */
export function StatusForm({
  code,
  status,
  onDone,
}: {
  code: string;
  status: StatusPanel;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { busy, submit, problems } = useSubmit(onDone);
  return (
    <form
      className="action-form"
      onSubmit={submit(() =>
        api('PUT', `/api/customers/${code}/account-status`, {
          status,
          reason: reason.trim() || undefined,
        }),
      )}
    >
      <p className="muted">{t(HELP[status])}</p>
      <Field label={t(status === 'active' ? 'form.reasonOptional' : 'form.reason')}>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {problems}
      <FormButtons busy={busy} />
    </form>
  );
}

/**
 * The customer's scenario override (empty: chosen by the rules) and collector (one of the
 * company's collectors, or a new name; empty: none), saved with PATCH /api/customers/:code.
 */
export function AssignForm({
  account,
  profile,
  onDone,
}: {
  account: Account;
  profile: Profile | undefined;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const scenarios = useApi<{ scenarios: ScenarioSummary[] }>('/api/scenarios');
  const facets = useApi<Facets>('/api/customers/facets');
  const [scenario, setScenario] = useState(profile?.scenario ?? '');
  const [collector, setCollector] = useState(account.customer.collector ?? '');
  const { busy, submit, problems } = useSubmit(onDone);
  const codes = scenarios.data?.scenarios ?? [];
  const listed = scenario === '' || codes.some((s) => s.code === scenario);
  return (
    <form
      className="action-form"
      onSubmit={submit(() =>
        api('PATCH', `/api/customers/${encodeURIComponent(account.customer.code)}`, {
          scenario: scenario || null,
          collector: collector.trim() || null,
        }),
      )}
    >
      <Field label={t('account.scenario')}>
        <select name="scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
          <option value="">{t('form.scenarioByRules')}</option>
          {!listed && <option value={scenario}>{scenario}</option>}
          {codes.map((s) => (
            <option key={s.code} value={s.code}>
              {s.code} — {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('account.collector')}>
        <input
          name="collector"
          list="relance-collectors"
          autoComplete="off"
          value={collector}
          onChange={(e) => setCollector(e.target.value)}
        />
        <datalist id="relance-collectors">
          {(facets.data?.collectors ?? []).map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </Field>
      {problems}
      <FormButtons busy={busy} />
    </form>
  );
}
