import { didYouMean } from '../text/closest.ts';
import {
  ACTION_KINDS,
  INTERNAL_ROLES,
  type ActionKind,
  type InternalRole,
  type StepAction,
} from './types.ts';
import { at, bool, fields, knownKeys, oneOf, type Problems } from './scenario-fields.ts';

/** Actions that produce a document or a message, so need a template. */
export const TEMPLATE_REQUIRED: readonly ActionKind[] = [
  'email',
  'letter',
  'sms',
  'call_task',
  'notify_internal',
];
/** Actions addressed to someone inside the company, who can be named by role. */
const ROLE_ALLOWED: readonly ActionKind[] = ['notify_internal', 'call_task', 'handover'];
const ACTION_FIELDS = ['kind', 'template', 'registered', 'role'] as const;

/**
 * Reads one action. `knownTemplates` null skips the template-code check (for definitions
 * already checked when they were stored).
 */
export function readAction(
  p: Problems,
  path: string,
  value: unknown,
  knownTemplates: ReadonlySet<string> | null,
): StepAction | undefined {
  const input = fields(
    p,
    path,
    value,
    'an action such as { kind: email, template: reminder_email }',
  );
  if (!input) return undefined;
  const before = p.size;
  knownKeys(p, path, input, ACTION_FIELDS);
  const kind = oneOf(p, at(path, 'kind'), input.kind, ACTION_KINDS);
  const template = readTemplate(p, at(path, 'template'), input.template, kind, knownTemplates);

  let registered: boolean | undefined;
  if (input.registered !== undefined) {
    if (kind !== undefined && kind !== 'letter') {
      p.add(
        at(path, 'registered'),
        input.registered,
        'no "registered" here: only letters are sent registered',
      );
    } else registered = bool(p, at(path, 'registered'), input.registered, false);
  }

  let role: InternalRole | undefined;
  if (input.role !== undefined && kind !== undefined && !ROLE_ALLOWED.includes(kind)) {
    p.add(
      at(path, 'role'),
      input.role,
      `no role here: roles name colleagues, for ${ROLE_ALLOWED.join(', ')} actions`,
    );
  } else {
    const fallback = kind === 'notify_internal' ? 'sales_owner' : undefined;
    if (input.role !== undefined || fallback !== undefined)
      role = oneOf(p, at(path, 'role'), input.role, INTERNAL_ROLES, fallback);
  }

  if (p.size > before || kind === undefined) return undefined;
  return {
    kind,
    ...(template !== undefined ? { template } : {}),
    ...(registered === true ? { registered } : {}),
    ...(role !== undefined ? { role } : {}),
  };
}

function readTemplate(
  p: Problems,
  field: string,
  value: unknown,
  kind: ActionKind | undefined,
  knownTemplates: ReadonlySet<string> | null,
): string | undefined {
  if (value === undefined) {
    if (kind !== undefined && TEMPLATE_REQUIRED.includes(kind))
      p.add(field, undefined, `a template code: ${kind} actions need one`);
    return undefined;
  }
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value)) {
    p.add(field, value, 'a template code: letters, digits, _ . - (at most 64)');
    return undefined;
  }
  if (knownTemplates !== null && !knownTemplates.has(value)) {
    const known = [...knownTemplates].sort();
    const list = known.length <= 20 ? `: ${known.join(', ')}` : ` (${known.length} exist)`;
    p.add(field, value, `a known template code${didYouMean(value, known)}${list}`);
    return undefined;
  }
  return value;
}
