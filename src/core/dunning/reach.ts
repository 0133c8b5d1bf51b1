import type { ActionKind, ScenarioStep } from '../scenario/types.ts';
import type { ActionReason, Reachability } from './plan-types.ts';

const COMMUNICATIONS: ReadonlySet<ActionKind> = new Set(['email', 'letter', 'sms']);

/**
 * The action kinds a step can really carry out for this customer: an e-mail
 * nobody can receive falls back to a letter (when there is a postal address);
 * an SMS without a phone is dropped. Internal actions always stay.
 */
export function reachableKinds(
  step: ScenarioStep,
  reach: Reachability,
): { kinds: ActionKind[]; reasons: ActionReason[]; unreachable: string[] } {
  const recipients = new Set(step.recipients.length > 0 ? step.recipients : ['accounts_payable']);
  const email = reach.emailRoles.some((r) => recipients.has(r));
  const phone = reach.phoneRoles.some((r) => recipients.has(r));
  const kinds: ActionKind[] = [];
  const reasons: ActionReason[] = [];
  const unreachable: string[] = [];
  const add = (k: ActionKind) => {
    if (!kinds.includes(k)) kinds.push(k);
  };
  for (const action of step.actions) {
    if (action.kind === 'email' && !email) {
      if (reach.postal) {
        add('letter');
        reasons.push('FALLBACK_TO_LETTER');
        unreachable.push(`no e-mail address for ${[...recipients].join(', ')}: a letter instead`);
      } else
        unreachable.push(
          `no e-mail address for ${[...recipients].join(', ')} and no postal address`,
        );
    } else if (action.kind === 'letter' && !reach.postal) {
      unreachable.push('no postal address for the letter');
    } else if ((action.kind === 'sms' || action.kind === 'call_task') && !phone) {
      unreachable.push(`no phone number for ${[...recipients].join(', ')} (${action.kind})`);
    } else add(action.kind);
  }
  return { kinds, reasons, unreachable };
}

export function hasCommunication(kinds: readonly ActionKind[]): boolean {
  return kinds.some((k) => COMMUNICATIONS.has(k) || k === 'call_task');
}
