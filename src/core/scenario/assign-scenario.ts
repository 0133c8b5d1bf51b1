import { AppError } from '../errors.ts';
import { isCountryCode } from '../geo/countries.ts';
import { didYouMean } from '../text/closest.ts';
import type { AssignmentRule } from './types.ts';
import { FALLBACK_SCENARIO } from './default-scenarios.ts';
import { readAmountsByCurrency } from './validate-conditions.ts';
import { Problems, at, code, fields, knownKeys, textList } from './scenario-fields.ts';

/** What assignment looks at in a customer. */
export interface AssignableCustomer {
  /** Per-customer override (a scenario code), null or empty when none. */
  readonly scenario?: string | null | undefined;
  readonly segment?: string | null | undefined;
  readonly country: string;
}

export type AssignmentSource = 'CUSTOMER_OVERRIDE' | 'RULE' | 'FALLBACK';

export interface Assignment {
  readonly scenario: string;
  readonly source: AssignmentSource;
  /** Index (0-based) of the rule that matched, when source is RULE. */
  readonly rule?: number | undefined;
}

/**
 * Picks a customer's scenario: its own override wins; then the first rule that matches;
 * then the fallback. A rule matches when every criterion it sets holds: segment in
 * `segments`, country in `countries`, and — for `minExposureMinor` — an exposure of at
 * least the minimum in at least one of the currencies listed.
 */
export function assignScenario(
  customer: AssignableCustomer,
  exposureMinorByCurrency: Readonly<Record<string, number>>,
  rules: readonly AssignmentRule[],
  fallback: string = FALLBACK_SCENARIO,
): Assignment {
  const override = customer.scenario?.trim();
  if (override) return { scenario: override, source: 'CUSTOMER_OVERRIDE' };
  const index = rules.findIndex((rule) => ruleMatches(rule, customer, exposureMinorByCurrency));
  const rule = rules[index];
  if (rule) return { scenario: rule.scenario, source: 'RULE', rule: index };
  return { scenario: fallback, source: 'FALLBACK' };
}

export function ruleMatches(
  rule: AssignmentRule,
  customer: AssignableCustomer,
  exposureMinorByCurrency: Readonly<Record<string, number>>,
): boolean {
  if (rule.segments?.length && !(customer.segment && rule.segments.includes(customer.segment)))
    return false;
  if (rule.countries?.length && !rule.countries.includes(customer.country)) return false;
  const minimums = Object.entries(rule.minExposureMinor ?? {});
  if (
    minimums.length > 0 &&
    !minimums.some(([currency, min]) => (exposureMinorByCurrency[currency] ?? -Infinity) >= min)
  )
    return false;
  return true;
}

const RULE_FIELDS = ['scenario', 'segments', 'countries', 'minExposureMinor', 'minExposure'];
export const MAX_RULES = 200;

/**
 * Checks assignment rules (a list, first match wins) read from JSON or YAML; exposures may
 * be written in minor units (`minExposureMinor: { EUR: 5000000 }`) or as decimal text
 * (`minExposure: { EUR: "50000.00" }`). `knownScenarios` null skips the scenario-code check.
 */
export function validateAssignmentRules(
  input: unknown,
  knownScenarios: ReadonlySet<string> | null,
): AssignmentRule[] {
  const p = new Problems();
  const rules: AssignmentRule[] = [];
  if (!Array.isArray(input) || input.length > MAX_RULES) {
    p.add(
      'rules',
      input,
      `a list of at most ${MAX_RULES} rules, like [{ scenario: key_accounts, segments: [key] }]`,
    );
  } else {
    input.forEach((value: unknown, i) => {
      const path = at('rules', i);
      const rule = fields(p, path, value, 'a rule');
      if (!rule) return;
      const before = p.size;
      knownKeys(p, path, rule, RULE_FIELDS);
      const scenario = code(p, at(path, 'scenario'), rule.scenario, 'a scenario code');
      if (scenario !== undefined && knownScenarios !== null && !knownScenarios.has(scenario)) {
        const known = [...knownScenarios].sort();
        p.add(
          at(path, 'scenario'),
          scenario,
          `an existing scenario${didYouMean(scenario, known)}: ${known.join(', ')}`,
        );
      }
      const list = (key: 'segments' | 'countries') =>
        rule[key] === undefined
          ? undefined
          : textList(
              p,
              at(path, key),
              rule[key],
              key === 'countries' ? 'ISO 3166 country codes' : 'segment names',
              (v) =>
                key === 'countries'
                  ? isCountryCode(v)
                    ? undefined
                    : 'an ISO 3166 two-letter country code such as FR'
                  : v.trim() !== '' && v.length <= 50
                    ? undefined
                    : 'a name of 1 to 50 characters',
            );
      const segments = list('segments');
      const countries = list('countries');
      const minExposureMinor = readAmountsByCurrency(
        p,
        path,
        rule,
        'minExposureMinor',
        'minExposure',
      );
      if (p.size > before) return;
      rules.push({
        scenario: scenario!,
        ...(segments?.length ? { segments } : {}),
        ...(countries?.length ? { countries } : {}),
        ...(minExposureMinor ? { minExposureMinor } : {}),
      });
    });
  }
  if (p.size > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `invalid assignment rules: ${p.size === 1 ? '1 problem' : `${p.size} problems`}`,
      p.items,
    );
  }
  return rules;
}
