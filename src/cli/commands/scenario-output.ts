import type { AssignmentRule, Scenario } from '../../core/scenario/types.ts';
import { formatMoney } from '../../core/money/format-money.ts';
import { FALLBACK_SCENARIO } from '../../core/scenario/default-scenarios.ts';
import type { StoredScenario } from '../../store/scenarios.ts';

/** The editable part of a stored scenario (what export writes and import reads). */
export function definitionOf(s: Scenario): Scenario {
  return { code: s.code, name: s.name, catchUp: s.catchUp, steps: s.steps };
}

export function renderScenarioList(scenarios: readonly StoredScenario[]): string {
  if (scenarios.length === 0) {
    return 'no scenarios yet: relance scenario defaults creates the standard ones\n';
  }
  const width = Math.max(4, ...scenarios.map((s) => s.code.length));
  const lines = [`${'code'.padEnd(width)}  version  steps  saved (UTC)       name`];
  for (const s of scenarios) {
    const saved = s.savedAt.toISOString().slice(0, 16).replace('T', ' ');
    lines.push(
      `${s.code.padEnd(width)}  ${String(s.version).padStart(7)}  ${String(s.steps.length).padStart(5)}  ${saved}  ${s.name}`,
    );
    const steps = s.steps.map((st) => `${st.offsetDays > 0 ? '+' : ''}${st.offsetDays} ${st.id}`);
    lines.push(`${' '.repeat(width)}  ${steps.join(' · ')}`);
  }
  return lines.join('\n') + '\n';
}

export function renderRules(rules: readonly AssignmentRule[]): string {
  const lines = rules.map((rule, i) => {
    const criteria = [
      rule.segments ? `segment in ${rule.segments.join(', ')}` : undefined,
      rule.countries ? `country in ${rule.countries.join(', ')}` : undefined,
      rule.minExposureMinor
        ? `exposure ≥ ${Object.entries(rule.minExposureMinor)
            .map(([currency, minor]) => formatMoney(minor, currency, 'en-GB'))
            .join(' or ≥ ')}`
        : undefined,
    ].filter((c) => c !== undefined);
    return `${i + 1}. ${criteria.length > 0 ? criteria.join(' and ') : 'every customer'} → ${rule.scenario}`;
  });
  lines.push(
    `${rules.length === 0 ? 'no rules: ' : 'otherwise: '}${FALLBACK_SCENARIO} (a customer's own scenario, when set, always wins)`,
  );
  return lines.join('\n') + '\n';
}
