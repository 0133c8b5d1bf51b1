import { AppError } from '../errors.ts';
import { STEP_KINDS, type Scenario, type ScenarioStep } from './types.ts';
import { readStep, type ReadStep } from './validate-step.ts';
import { Problems, at, bool, code, fields, knownKeys, text } from './scenario-fields.ts';

const SCENARIO_FIELDS = ['code', 'name', 'catchUp', 'steps'] as const;
export const MAX_STEPS = 30;

/**
 * Checks a scenario parsed from JSON or YAML (or received over HTTP) and returns it with
 * every default filled in; throws `AppError('INVALID_INPUT')` listing every problem, each
 * named by its path (`steps[2].offsetDays`). `knownTemplates` is the set of template codes
 * actions may use; null skips that check (definitions already checked when stored).
 */
export function validateScenario(
  input: unknown,
  knownTemplates: ReadonlySet<string> | null,
): Scenario {
  const p = new Problems();
  const scenario = readScenario(p, input, knownTemplates);
  if (scenario === undefined || p.size > 0) {
    const named =
      typeof (input as { code?: unknown } | null)?.code === 'string'
        ? ` ${(input as { code: string }).code}`
        : '';
    const count = p.size === 1 ? '1 problem' : `${p.size} problems`;
    throw new AppError('INVALID_INPUT', `invalid scenario${named}: ${count}`, p.items);
  }
  return scenario;
}

function readScenario(
  p: Problems,
  value: unknown,
  knownTemplates: ReadonlySet<string> | null,
): Scenario | undefined {
  const input = fields(p, 'scenario', value, 'a scenario');
  if (!input) return undefined;
  knownKeys(p, '', input, SCENARIO_FIELDS);
  const scenarioCode = code(p, 'code', input.code, 'a scenario code');
  const name = text(p, 'name', input.name, 'a scenario name');
  const catchUp = bool(p, 'catchUp', input.catchUp, false);
  if (!Array.isArray(input.steps) || input.steps.length === 0 || input.steps.length > MAX_STEPS) {
    p.add('steps', input.steps, `a list of 1 to ${MAX_STEPS} steps, in the order they happen`);
    return undefined;
  }
  const read = input.steps.map((step: unknown, i) =>
    readStep(p, at('steps', i), step, knownTemplates),
  );
  checkOrder(p, read);
  if (p.size > 0) return undefined;
  return {
    code: scenarioCode!,
    name: name!,
    catchUp: catchUp!,
    steps: read.map((r) => r.step as ScenarioStep),
  };
}

const label = (i: number, id: string | undefined) =>
  id === undefined ? `steps[${i}]` : `steps[${i}] "${id}"`;

/** Rules across steps: unique ids, offsets strictly increasing, kinds never softer, repeat last. */
function checkOrder(p: Problems, steps: readonly ReadStep[]): void {
  const ids = new Map<string, number>();
  let latest: { index: number; offset: number } | undefined;
  let firmest: { index: number; rank: number } | undefined;
  steps.forEach((s, i) => {
    if (s.id !== undefined) {
      const first = ids.get(s.id);
      if (first !== undefined) {
        p.add(
          at(at('steps', i), 'id'),
          s.id,
          `an id used once in the scenario (steps[${first}] has it too)`,
        );
      } else ids.set(s.id, i);
    }
    if (s.offsetDays !== undefined) {
      if (latest !== undefined && s.offsetDays <= latest.offset) {
        const other = label(latest.index, steps[latest.index]?.id);
        const expected =
          s.offsetDays === latest.offset
            ? `an offset different from ${other}, which is also ${latest.offset}: two steps cannot fall on the same day`
            : `an offset greater than ${latest.offset}, the offset of ${other}: steps are listed in the order they happen, offsets strictly increasing`;
        p.add(at(at('steps', i), 'offsetDays'), s.offsetDays, expected);
      }
      if (latest === undefined || s.offsetDays > latest.offset)
        latest = { index: i, offset: s.offsetDays };
    }
    if (s.kind !== undefined) {
      const rank = STEP_KINDS.indexOf(s.kind);
      if (firmest !== undefined && rank < firmest.rank) {
        const other = label(firmest.index, steps[firmest.index]?.id);
        p.add(
          at(at('steps', i), 'kind'),
          s.kind,
          `${STEP_KINDS[firmest.rank]} or firmer, as ${other} before it is ${STEP_KINDS[firmest.rank]}: kinds go ${STEP_KINDS.join(' → ')}`,
        );
      }
      if (firmest === undefined || rank > firmest.rank) firmest = { index: i, rank };
    }
    if (s.repeatEveryDays !== undefined && i < steps.length - 1) {
      p.add(
        at(at('steps', i), 'repeatEveryDays'),
        s.repeatEveryDays,
        `no repeatEveryDays here: only the last step (${label(steps.length - 1, steps[steps.length - 1]?.id)}) can repeat`,
      );
    }
  });
}
