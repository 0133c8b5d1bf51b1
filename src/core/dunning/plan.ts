import { addDays, compareDates, diffDays } from '../calendar/local-date.ts';
import type { ScenarioStep } from '../scenario/types.ts';
import type {
  ActionReason,
  DunningItem,
  HistoryEntry,
  PlanEvent,
  PlanInput,
  Plan,
  PlannedAction,
  Skip,
} from './plan-types.ts';
import { nextStep } from './next-step.ts';
import { hasCommunication, reachableKinds } from './reach.ts';

/**
 * Decides today's collection action for one customer: at most one per currency,
 * covering that currency's whole account (two-in-one), one step firmer than the
 * last, never on paid, disputed or paused items, and every decision explained.
 */
export function planCustomer(input: PlanInput): Plan {
  const { customer, asOf, settings } = input;
  const actions: PlannedAction[] = [];
  const skips: Skip[] = [];
  const events: PlanEvent[] = [];
  const skip = (s: Omit<Skip, 'customer'>) => skips.push({ customer: customer.code, ...s });

  const open = input.items.filter((i) => i.openMinor !== 0);
  if (!open.some((i) => i.type === 'invoice')) return { actions, skips, events };
  if (!settings.ledgerFresh) {
    skip({
      code: 'STALE_LEDGER',
      detail: 'the ledger is older than allowed: import it before dunning',
    });
    return { actions, skips, events };
  }
  if (!settings.businessDay && !input.sendNow) {
    skip({ code: 'NON_BUSINESS_DAY', detail: `${asOf} is not a business day of the company` });
    return { actions, skips, events };
  }
  if (customer.status === 'excluded') {
    skip({ code: 'EXCLUDED', detail: 'the customer is excluded from dunning' });
    return { actions, skips, events };
  }
  if (customer.status === 'litigation') {
    skip({
      code: 'LITIGATION',
      detail: 'the account is handed over to litigation: no more reminders from the scenario',
    });
    return { actions, skips, events };
  }
  if (customer.holdUntil && compareDates(asOf, customer.holdUntil) <= 0) {
    skip({
      code: 'ON_HOLD_UNTIL',
      detail: `paused until ${customer.holdUntil}: ${customer.holdReason ?? 'no reason given'}`,
    });
    return { actions, skips, events };
  }
  const steps = input.scenario.steps.filter((s) => applies(s, input));
  for (const currency of [...new Set(open.map((i) => i.currency))].sort()) {
    const items = open.filter((i) => i.currency === currency);
    const history = input.history.filter((h) => h.currency === currency);
    planCurrency({ input, currency, items, history, steps, actions, skip, events });
  }
  return { actions, skips, events };
}

interface CurrencyContext {
  readonly input: PlanInput;
  readonly currency: string;
  readonly items: readonly DunningItem[];
  readonly history: readonly HistoryEntry[];
  readonly steps: readonly ScenarioStep[];
  readonly actions: PlannedAction[];
  readonly skip: (s: Omit<Skip, 'customer'>) => void;
  readonly events: PlanEvent[];
}

function planCurrency(c: CurrencyContext): void {
  const { input, currency, items } = c;
  const { asOf, customer } = input;
  const invoices = items.filter((i) => i.type === 'invoice');
  const eligible = invoices.filter((i) => {
    if (i.disputed) {
      c.skip({
        currency,
        item: i.number,
        code: 'DISPUTED',
        detail: `disputed: ${i.disputeReason ?? 'no reason given'}`,
      });
      return false;
    }
    if (i.holdUntil && compareDates(asOf, i.holdUntil) <= 0) {
      c.skip({
        currency,
        item: i.number,
        code: 'ON_HOLD_UNTIL',
        detail: `paused until ${i.holdUntil}: ${i.holdReason ?? 'no reason given'}`,
      });
      return false;
    }
    return true;
  });
  if (eligible.length === 0) return;

  // Where the customer stands: the last step still about open items (a full payment resets).
  const openNumbers = new Set(items.map((i) => i.number));
  const steps = c.history.filter((h) => h.type === 'step');
  const lastStep = steps[steps.length - 1];
  const last = lastStep && lastStep.items.some((n) => openNumbers.has(n)) ? lastStep : undefined;
  if (lastStep && !last) {
    c.events.push({
      kind: 'reset',
      customer: customer.code,
      currency,
      detail: `everything covered by ${lastStep.stepId} on ${lastStep.date} was paid: the scenario starts over`,
    });
  }
  if (c.history.some((h) => h.date === asOf && h.type === 'step')) {
    c.skip({ currency, code: 'ALREADY_DONE', detail: `a step was already done on ${asOf}` });
    return;
  }

  // Promises pause escalation until their date plus grace days; a broken one resumes it.
  let broken = false;
  for (const p of input.promises.filter((x) => x.currency === currency && x.status === 'open')) {
    const covered =
      p.items.length === 0
        ? eligible.some((i) => diffDays(asOf, i.dueDate) > 0)
        : p.items.some((n) => openNumbers.has(n));
    const deadline = addDays(p.promisedDate, input.settings.promiseGraceDays);
    if (!covered) {
      c.events.push({
        kind: 'promise_kept',
        customer: customer.code,
        currency,
        promiseId: p.id,
        detail: `promise of ${p.promisedDate} kept`,
      });
    } else if (compareDates(asOf, deadline) <= 0) {
      c.skip({
        currency,
        code: 'PROMISE_PENDING',
        detail: `promise to pay by ${p.promisedDate} (grace until ${deadline})`,
      });
      return;
    } else {
      broken = true;
      c.events.push({
        kind: 'promise_broken',
        customer: customer.code,
        currency,
        promiseId: p.id,
        detail: `promised for ${p.promisedDate}, still open after ${deadline}`,
      });
    }
  }

  const trigger = eligible.reduce((a, b) => (compareDates(b.dueDate, a.dueDate) < 0 ? b : a));
  const age = diffDays(asOf, trigger.dueDate);
  const decision = nextStep(c.steps, input.scenario, last, age, asOf, broken);
  if (!decision) return;
  if (decision.kind === 'done') {
    c.skip({
      currency,
      step: decision.step.id,
      code: 'LAST_STEP_DONE',
      detail: `the last step (${decision.step.name}) was done on ${last?.date}`,
    });
    return;
  }
  if (decision.kind === 'wait' && input.sendNow) {
    takeStep(c, decision.step, ['SENT_NOW'], eligible, last);
    return;
  }
  if (decision.kind === 'wait') {
    const code = decision.why === 'offset' ? 'NOT_YET_DUE' : 'WAITING_INTERVAL';
    c.skip({
      currency,
      step: decision.step.id,
      code,
      detail: `${decision.step.name} in ${decision.until} day(s) (${trigger.number} due ${trigger.dueDate})`,
    });
    return;
  }
  takeStep(c, decision.step, decision.reasons, eligible, last);
}

function takeStep(
  c: CurrencyContext,
  step: ScenarioStep,
  reasons: ActionReason[],
  eligible: readonly DunningItem[],
  last: HistoryEntry | undefined,
): void {
  const { input, currency, items } = c;
  const { asOf, customer } = input;
  let overdueMinor = 0;
  let notDueMinor = 0;
  for (const i of eligible) {
    if (diffDays(asOf, i.dueDate) > 0) overdueMinor += i.openMinor;
    else notDueMinor += i.openMinor;
  }
  const min = step.conditions?.minOverdueMinor?.[currency];
  if (min !== undefined && step.offsetDays > 0 && overdueMinor < min) {
    c.skip({
      currency,
      step: step.id,
      code: 'BELOW_MINIMUM',
      detail: `overdue ${overdueMinor} is below the step minimum ${min} (minor units)`,
    });
    return;
  }
  if (step.mode === 'manual' && !input.sendNow) {
    c.skip({
      currency,
      step: step.id,
      code: 'MANUAL_MODE',
      detail: `${step.name} is due and waits for a collector to start it`,
    });
    return;
  }
  const covered = items.filter((i) => i.type === 'invoice' || input.settings.netCredits);
  const balanceMinor = covered.reduce((sum, i) => sum + i.openMinor, 0);
  const base = {
    customer: customer.code,
    currency,
    step: step.id,
    stepKind: step.kind,
    stepName: step.name,
    overdueMinor,
    notDueMinor,
    balanceMinor,
    items: covered.map((i) => i.number),
  };
  if (step.salesCheckDays !== undefined && step.salesCheckDays > 0) {
    const asked = c.history.find(
      (h) =>
        h.type === 'sales_check' &&
        h.stepId === step.id &&
        (!last || compareDates(h.date, last.date) >= 0),
    );
    if (!asked) {
      c.actions.push({
        ...base,
        type: 'sales_check',
        kinds: ['notify_internal'],
        mode: 'auto',
        reasons: ['SALES_CHECK'],
        idempotencyKey: key(customer.code, currency, `${step.id}:sales_check`, asOf),
      });
      return;
    }
    const waited = diffDays(asOf, asked.date);
    if (waited < step.salesCheckDays) {
      c.skip({
        currency,
        step: step.id,
        code: 'SALES_CHECK_PENDING',
        detail: `the sales owner has until ${addDays(asked.date, step.salesCheckDays)} to object`,
      });
      return;
    }
    reasons = [...reasons, 'AFTER_SALES_CHECK'];
  }
  const reach = reachableKinds(step, customer.reach);
  for (const detail of reach.unreachable)
    c.skip({ currency, step: step.id, code: 'NO_CONTACT', detail });
  const needsContact = step.actions.some(
    (a) => a.kind === 'email' || a.kind === 'letter' || a.kind === 'sms' || a.kind === 'call_task',
  );
  if (needsContact && !hasCommunication(reach.kinds)) return;
  // A broken promise puts the customer back on the collector's call list.
  const kinds =
    reasons.includes('BROKEN_PROMISE') && !reach.kinds.includes('call_task')
      ? [...reach.kinds, 'call_task' as const]
      : reach.kinds;
  c.actions.push({
    ...base,
    type: 'step',
    kinds,
    // A manual step asked for now has been started by the person who asked.
    mode: step.mode === 'manual' ? 'auto' : step.mode,
    reasons:
      input.sendNow && !reasons.includes('SENT_NOW')
        ? [...reasons, 'SENT_NOW', ...reach.reasons]
        : [...reasons, ...reach.reasons],
    idempotencyKey: key(customer.code, currency, step.id, asOf),
  });
}

function applies(step: ScenarioStep, input: PlanInput): boolean {
  const c = step.conditions;
  if (!c) return true;
  const { segment, country, riskClass } = input.customer;
  if (c.segments && c.segments.length > 0 && !(segment && c.segments.includes(segment)))
    return false;
  if (c.countries && c.countries.length > 0 && !c.countries.includes(country)) return false;
  if (
    c.riskClasses &&
    c.riskClasses.length > 0 &&
    !(riskClass && c.riskClasses.includes(riskClass))
  )
    return false;
  return true;
}

function key(customer: string, currency: string, step: string, asOf: string): string {
  return `${customer}|${currency}|${step}|${asOf}`;
}
