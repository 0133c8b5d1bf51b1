import { STEP_KINDS, STEP_MODES, type ScenarioStep, type StepKind } from './types.ts';
import { readAction } from './validate-action.ts';
import { readConditions } from './validate-conditions.ts';
import {
  at,
  code,
  days,
  fields,
  knownKeys,
  oneOf,
  text,
  textList,
  type Problems,
} from './scenario-fields.ts';

const STEP_FIELDS = [
  'id',
  'name',
  'kind',
  'offsetDays',
  'mode',
  'minDaysSincePrevious',
  'actions',
  'recipients',
  'salesCheckDays',
  'deadlineDays',
  'repeatEveryDays',
  'conditions',
] as const;

export const DEFAULT_RECIPIENTS: readonly string[] = ['accounts_payable'];
const MAX_ACTIONS = 10;

/** What the scenario-wide rules need from a step, even when the step itself has problems. */
export interface ReadStep {
  readonly id?: string | undefined;
  readonly kind?: StepKind | undefined;
  readonly offsetDays?: number | undefined;
  readonly repeatEveryDays?: number | undefined;
  /** The whole step, when it has no problem of its own. */
  readonly step?: ScenarioStep | undefined;
}

export function readStep(
  p: Problems,
  path: string,
  value: unknown,
  knownTemplates: ReadonlySet<string> | null,
): ReadStep {
  const input = fields(p, path, value, 'a step');
  if (!input) return {};
  const before = p.size;
  knownKeys(p, path, input, STEP_FIELDS);
  const id = code(p, at(path, 'id'), input.id, 'a step id');
  const name = text(p, at(path, 'name'), input.name, 'a step name');
  const kind = oneOf(p, at(path, 'kind'), input.kind, STEP_KINDS);
  const offsetDays = days(p, at(path, 'offsetDays'), input.offsetDays, {
    min: -365,
    max: 3650,
    what: 'a whole number of days from the due date (negative: before it)',
  });
  const mode = oneOf(p, at(path, 'mode'), input.mode, STEP_MODES, 'auto');
  const minDaysSincePrevious = days(
    p,
    at(path, 'minDaysSincePrevious'),
    input.minDaysSincePrevious,
    {
      min: 0,
      max: 3650,
      fallback: 0,
    },
  );
  const actions = readActions(p, at(path, 'actions'), input.actions, knownTemplates);
  const recipients =
    input.recipients === undefined
      ? DEFAULT_RECIPIENTS
      : readRecipients(p, at(path, 'recipients'), input.recipients);
  const optionalDays = (key: 'salesCheckDays' | 'deadlineDays' | 'repeatEveryDays', min: number) =>
    input[key] === undefined ? undefined : days(p, at(path, key), input[key], { min, max: 3650 });
  const salesCheckDays = optionalDays('salesCheckDays', 0);
  const deadlineDays = optionalDays('deadlineDays', 0);
  const repeatEveryDays = optionalDays('repeatEveryDays', 1);
  const conditions = readConditions(p, at(path, 'conditions'), input.conditions);

  const partial = { id, kind, offsetDays, repeatEveryDays };
  if (p.size > before) return partial;
  const step: ScenarioStep = {
    id: id!,
    name: name!,
    kind: kind!,
    offsetDays: offsetDays!,
    mode: mode!,
    minDaysSincePrevious: minDaysSincePrevious!,
    actions: actions!,
    recipients: recipients!,
    ...(salesCheckDays !== undefined ? { salesCheckDays } : {}),
    ...(deadlineDays !== undefined ? { deadlineDays } : {}),
    ...(repeatEveryDays !== undefined ? { repeatEveryDays } : {}),
    ...(conditions !== undefined ? { conditions } : {}),
  };
  return { ...partial, step };
}

function readActions(
  p: Problems,
  path: string,
  value: unknown,
  knownTemplates: ReadonlySet<string> | null,
) {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ACTIONS) {
    p.add(
      path,
      value,
      `a list of 1 to ${MAX_ACTIONS} actions, like [{ kind: email, template: reminder_email }]`,
    );
    return undefined;
  }
  const actions = value.map((action: unknown, i) =>
    readAction(p, at(path, i), action, knownTemplates),
  );
  return actions.every((a) => a !== undefined) ? actions : undefined;
}

function readRecipients(p: Problems, path: string, value: unknown) {
  const roles = textList(p, path, value, 'contact roles such as accounts_payable, cfo', (role) =>
    /^[a-z][a-z_]{1,39}$/.test(role)
      ? undefined
      : 'a contact role: lower-case letters and _ (like accounts_payable)',
  );
  if (roles?.length === 0) {
    p.add(path, value, 'at least one contact role (leave the field out for accounts_payable)');
    return undefined;
  }
  return roles;
}
