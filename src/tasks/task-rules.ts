import type { InternalRole, StepAction } from '../core/scenario/types.ts';
import type { TaskKind } from '../store/schema.ts';

/** The action kinds that become tasks for people (a `reply` task comes from inbound mail). */
export const TASK_KINDS: readonly TaskKind[] = ['call_task', 'handover', 'notify_internal'];

export function isTaskKind(kind: string): kind is TaskKind {
  return (TASK_KINDS as readonly string[]).includes(kind);
}

/** Who does a task when the step's action names no role. */
const DEFAULT_ROLE: Readonly<Record<TaskKind, InternalRole>> = {
  call_task: 'collector',
  handover: 'credit_manager',
  notify_internal: 'sales_owner',
  reply: 'collector',
};

/** The role of a task: the sales owner for a sales check, else the step's, else the default. */
export function taskRole(
  kind: TaskKind,
  actionType: 'step' | 'sales_check',
  stepAction: StepAction | undefined,
): InternalRole {
  if (actionType === 'sales_check') return 'sales_owner';
  return stepAction?.role ?? DEFAULT_ROLE[kind];
}

/** The person's name when the customer record has it; the credit manager is not recorded there. */
export function assigneeName(
  role: InternalRole,
  customer: { readonly collector: string | null; readonly sales_owner: string | null },
): string | null {
  if (role === 'collector') return customer.collector;
  if (role === 'sales_owner') return customer.sales_owner;
  return null;
}

export function taskTitle(
  kind: TaskKind,
  actionType: 'step' | 'sales_check',
  role: InternalRole,
  customerName: string,
  stepName: string,
): string {
  if (kind === 'call_task') return `Call ${customerName}: ${stepName}`;
  if (kind === 'handover') return `Hand ${customerName} over to collection: ${stepName}`;
  if (actionType === 'sales_check') {
    return `Sales check for ${customerName} before "${stepName}": any reason to wait?`;
  }
  return `Inform the ${roleLabel(role)} about ${customerName}: ${stepName}`;
}

export function brokenPromiseTitle(customerName: string, detail: string): string {
  return `Call ${customerName}: promise to pay broken (${detail})`;
}

export function roleLabel(role: InternalRole): string {
  return role.replace('_', ' ');
}

export function kindLabel(kind: TaskKind): string {
  if (kind === 'reply') return 'reply to read';
  return kind === 'call_task' ? 'call task' : kind === 'handover' ? 'hand-over task' : 'notice';
}

/** One line for the timeline: what was created, for whom, by when. */
export function createdDetail(t: {
  readonly id: number;
  readonly kind: TaskKind;
  readonly assignee_role: InternalRole;
  readonly assignee: string | null;
  readonly due_date: string;
  readonly template_code: string | null;
  readonly title: string;
  readonly attempt?: number | undefined;
}): string {
  const who = `${roleLabel(t.assignee_role)}${t.assignee ? ` ${t.assignee}` : ''}`;
  const attempt = t.attempt && t.attempt > 1 ? `, attempt ${t.attempt}` : '';
  const script = t.template_code ? `, script ${t.template_code}` : '';
  return `${kindLabel(t.kind)} #${t.id} for the ${who}, due ${t.due_date}${attempt}${script}: ${t.title}`;
}

/** The contact to call: the first with a valid phone among the step's recipient roles. */
export function chooseContact<
  C extends { readonly id: number; readonly role: string; readonly customer_id: number },
>(contacts: readonly C[], customerId: number, roles: readonly string[]): C | undefined {
  const wanted = new Set(roles.length > 0 ? roles : ['accounts_payable']);
  return contacts.find((k) => k.customer_id === customerId && wanted.has(k.role));
}
