import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import { assignScenario } from '../core/scenario/assign-scenario.ts';
import { DEFAULT_SCENARIOS, FALLBACK_SCENARIO } from '../core/scenario/default-scenarios.ts';
import type { Scenario, ScenarioStep } from '../core/scenario/types.ts';
import { didYouMean } from '../core/text/closest.ts';
import { findScenario, getAssignmentRules, listScenarios } from '../store/scenarios.ts';
import type { DB } from '../store/schema.ts';
import type { CustomerRow } from './build-context.ts';

/** The step an action was planned with: its scenario version as stored (0: the built-in one). */
export async function stepOfAction(
  db: Kysely<DB>,
  companyId: number,
  action: { scenario_code: string; scenario_version: number; step_id: string },
): Promise<ScenarioStep> {
  const scenario =
    action.scenario_version > 0
      ? await findScenario(db, companyId, action.scenario_code, action.scenario_version)
      : DEFAULT_SCENARIOS.find((s) => s.code === action.scenario_code);
  const step = scenario?.steps.find((s) => s.id === action.step_id);
  if (!step) {
    throw new AppError(
      'NOT_FOUND',
      `step ${action.step_id} of scenario ${action.scenario_code} version ${action.scenario_version} does not exist`,
    );
  }
  return step;
}

/**
 * A step of the scenario a customer is assigned to now (its override, the company's rules,
 * else `default`; the company's saved version, else the built-in one), or of the scenario
 * named. NOT_FOUND lists the steps that exist.
 */
export async function stepForCustomer(
  db: Kysely<DB>,
  companyId: number,
  customer: CustomerRow,
  stepId: string,
  exposureMinorByCurrency: Readonly<Record<string, number>>,
  scenarioCode?: string,
): Promise<{ scenario: Scenario; step: ScenarioStep }> {
  const scenarios = new Map<string, Scenario>(DEFAULT_SCENARIOS.map((s) => [s.code, s]));
  for (const s of await listScenarios(db, companyId)) scenarios.set(s.code, s);
  const code =
    scenarioCode ??
    assignScenario(
      { scenario: customer.scenario, segment: customer.segment, country: customer.country },
      exposureMinorByCurrency,
      await getAssignmentRules(db, companyId),
      FALLBACK_SCENARIO,
    ).scenario;
  const scenario = scenarios.get(code);
  if (!scenario) {
    throw new AppError('NOT_FOUND', `no scenario ${code}`, [
      {
        field: 'scenario',
        value: code,
        expected: `an existing scenario${didYouMean(code, [...scenarios.keys()])}`,
      },
    ]);
  }
  const step = scenario.steps.find((s) => s.id === stepId);
  if (!step) {
    const ids = scenario.steps.map((s) => s.id);
    throw new AppError('NOT_FOUND', `scenario ${scenario.code} has no step ${stepId}`, [
      {
        field: 'step',
        value: stepId,
        expected: `a step of scenario ${scenario.code}${didYouMean(stepId, ids)}: ${ids.join(', ')}`,
      },
    ]);
  }
  return { scenario, step };
}
