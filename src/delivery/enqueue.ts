import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, OutboxChannel, OutboxTable } from '../store/schema.ts';
import { isEmailAddress } from '../core/delivery/email-message.ts';
import { DEFAULT_SCENARIOS } from '../core/scenario/default-scenarios.ts';
import type { ScenarioStep } from '../core/scenario/types.ts';
import { findScenario } from '../store/scenarios.ts';

/** Rows created in one call from which table statistics are refreshed. */
const ANALYZE_AFTER = 500;

/** Where each action kind is delivered; `hold_account` is carried out by the run itself. */
const CHANNEL_OF: Readonly<Record<string, OutboxChannel>> = {
  email: 'email',
  letter: 'letter',
  sms: 'sms',
  call_task: 'task',
  notify_internal: 'task',
  handover: 'task',
};

/** Who receives a task when the step does not say. */
const DEFAULT_TASK_ROLE: Readonly<Record<string, string>> = {
  call_task: 'collector',
  notify_internal: 'collector',
  handover: 'credit_manager',
};

export interface EnqueueOptions {
  /** Domain of the Message-IDs (the company's From address's domain). */
  readonly domain: string;
  /** Now: the first attempt is due at once. */
  readonly now: Date;
  /** Actions per transaction (default 500). */
  readonly chunk?: number | undefined;
  /**
   * The channels to queue (default: e-mail, letter and SMS; tasks are made from the actions
   * by the tasks module).
   */
  readonly channels?: readonly OutboxChannel[] | undefined;
}

export interface EnqueueReport {
  /** Actions that got their outbox rows now. */
  readonly actions: number;
  /** Outbox rows created now. */
  readonly rows: number;
}

/** `<relance.action-123.email@domain>`: stable per action and channel (and task kind). */
export function messageIdFor(actionId: number, channel: string, domain: string, kind?: string) {
  const suffix = channel === 'task' && kind ? `.${kind}` : '';
  return `<relance.action-${actionId}.${channel}${suffix}@${domain}>`;
}

/**
 * Turns the company's executable dunning actions — planned in auto mode, or approved — into
 * outbox rows of the channels asked for: one e-mail per action (to every contact having one
 * of the step's recipient roles and a valid address; else to the customer's own address; ''
 * when there is none — the worker then fails it and falls back to a letter), and, when asked,
 * one letter, one SMS, one task per task kind. An action gets its rows in one transaction or
 * none, and an action with rows of those channels is never looked at again: running it twice,
 * or in two workers at once, creates nothing twice (the unique keys of `outbox` settle races).
 */
export async function enqueueActions(
  db: Kysely<DB>,
  companyId: number,
  options: EnqueueOptions,
): Promise<EnqueueReport> {
  const chunk = options.chunk ?? 500;
  const channels = new Set<OutboxChannel>(options.channels ?? ['email', 'letter', 'sms']);
  const kinds = Object.keys(CHANNEL_OF).filter((k) => channels.has(CHANNEL_OF[k]!));
  const steps = new StepCache(companyId);
  let afterId = 0;
  let actions = 0;
  let rows = 0;
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const pending = await trx
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['a.id', 'a.customer_id', 'a.kinds', 'a.type', 'a.step_id'])
        .select(['a.scenario_code', 'a.scenario_version'])
        .select(['c.name', 'c.email', 'c.phone', 'c.country'])
        .select(['c.address_line1', 'c.address_line2', 'c.postal_code', 'c.city'])
        .where('a.company_id', '=', companyId)
        .where('a.id', '>', afterId)
        .where((eb) =>
          eb.or([
            eb.and([eb('a.state', '=', 'planned'), eb('a.mode', '=', 'auto')]),
            eb('a.state', '=', 'approved'),
          ]),
        )
        .where(sql<boolean>`a.kinds && ${kinds}::text[]`)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('outbox as o')
                .select('o.id')
                .whereRef('o.action_id', '=', 'a.id')
                .where('o.channel', 'in', [...channels]),
            ),
          ),
        )
        .orderBy('a.id')
        .limit(chunk)
        .execute();
      if (pending.length === 0) return 0;
      afterId = pending[pending.length - 1]!.id;
      const contacts = await trx
        .selectFrom('contacts')
        .select(['customer_id', 'role', 'email', 'phone'])
        .where('customer_id', 'in', [...new Set(pending.map((a) => a.customer_id))])
        .where('email_invalid_at', 'is', null)
        .orderBy('id')
        .execute();
      const values: Insertable<OutboxTable>[] = [];
      for (const a of pending) {
        const step = await steps.get(trx, a.scenario_code, a.scenario_version, a.step_id);
        const roles = new Set(step?.recipients.length ? step.recipients : ['accounts_payable']);
        const mine = contacts.filter((k) => k.customer_id === a.customer_id && roles.has(k.role));
        const before = values.length;
        for (const kind of new Set(a.kinds)) {
          const channel = CHANNEL_OF[kind];
          if (!channel || !channels.has(channel)) continue;
          const role =
            a.type === 'sales_check'
              ? 'sales_owner'
              : (step?.actions.find((s) => s.kind === kind)?.role ?? DEFAULT_TASK_ROLE[kind]);
          values.push({
            company_id: companyId,
            customer_id: a.customer_id,
            action_id: a.id,
            channel,
            kind,
            recipient:
              channel === 'email'
                ? list(
                    mine.map((k) => k.email),
                    a.email,
                    isEmailAddress,
                  )
                : channel === 'sms'
                  ? list(
                      mine.map((k) => k.phone),
                      a.phone,
                      (p) => p.trim() !== '',
                    )
                  : channel === 'letter'
                    ? postalAddress(a)
                    : `${kind}:${role ?? 'collector'}`,
            message_id: messageIdFor(a.id, channel, options.domain, kind),
            next_attempt_at: options.now,
          });
        }
        if (values.length > before) actions += 1;
      }
      if (values.length > 0) {
        const inserted = await trx
          .insertInto('outbox')
          .values(values)
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .execute();
        rows += inserted.length;
      }
      return pending.length;
    });
    if (found < chunk) break;
  }
  // Many new rows at once: fresh statistics, so that workers claim by reading the due index
  // in order (and the re-check finds actions by id) instead of sorting every due row at each
  // claim. PostgreSQL's autovacuum would get there later; embedded PGlite has none.
  if (rows >= ANALYZE_AFTER) await sql`analyze outbox, dunning_actions`.execute(db);
  return { actions, rows };
}

/** Distinct valid values (first spelling kept, compared case-insensitively), else the fallback. */
function list(
  values: readonly (string | null)[],
  fallback: string | null,
  valid: (v: string) => boolean,
): string {
  const seen = new Map<string, string>();
  for (const v of values) {
    const t = v?.trim() ?? '';
    if (valid(t) && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  if (seen.size === 0 && fallback && valid(fallback.trim())) return fallback.trim();
  return [...seen.values()].join(', ');
}

function postalAddress(c: {
  name: string;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
}): string {
  const place = [c.postal_code, c.city].filter(Boolean).join(' ');
  return [c.name, c.address_line1, c.address_line2, place, c.country].filter(Boolean).join(', ');
}

/** The steps of the scenario versions actions were planned with (version 0: the built-in one). */
class StepCache {
  private readonly scenarios = new Map<string, Promise<readonly ScenarioStep[]>>();
  constructor(private readonly companyId: number) {}

  async get(
    db: Kysely<DB>,
    code: string,
    version: number,
    stepId: string,
  ): Promise<ScenarioStep | undefined> {
    const key = `${code}|${version}`;
    let steps = this.scenarios.get(key);
    if (!steps) {
      steps = (async () => {
        const stored =
          version > 0 ? await findScenario(db, this.companyId, code, version) : undefined;
        return (stored ?? DEFAULT_SCENARIOS.find((s) => s.code === code))?.steps ?? [];
      })();
      this.scenarios.set(key, steps);
    }
    return (await steps).find((s) => s.id === stepId);
  }
}

/**
 * Queues the written confirmation of each promise to pay taken on the phone (a pending
 * `promise_confirmations` row): one e-mail per promise, to the customer's accounts-payable
 * contacts (or its own address). A promise gets one row whatever happens (unique key).
 * Returns the rows created.
 */
export async function enqueuePromiseConfirmations(
  db: Kysely<DB>,
  companyId: number,
  options: { readonly domain: string; readonly now: Date },
): Promise<number> {
  const due = await db
    .selectFrom('promise_confirmations as pc')
    .innerJoin('customers as c', 'c.id', 'pc.customer_id')
    .select(['pc.promise_id', 'pc.customer_id', 'c.email'])
    .where('pc.company_id', '=', companyId)
    .where('pc.state', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as o').select('o.id').whereRef('o.promise_id', '=', 'pc.promise_id'),
        ),
      ),
    )
    .orderBy('pc.id')
    .execute();
  if (due.length === 0) return 0;
  const contacts = await db
    .selectFrom('contacts')
    .select(['customer_id', 'email'])
    .where('customer_id', 'in', [...new Set(due.map((d) => d.customer_id))])
    .where('role', '=', 'accounts_payable')
    .where('email_invalid_at', 'is', null)
    .orderBy('id')
    .execute();
  const inserted = await db
    .insertInto('outbox')
    .values(
      due.map((d) => ({
        company_id: companyId,
        customer_id: d.customer_id,
        action_id: null,
        promise_id: d.promise_id,
        channel: 'email' as const,
        kind: 'promise_confirmation',
        recipient: list(
          contacts.filter((k) => k.customer_id === d.customer_id).map((k) => k.email),
          d.email,
          isEmailAddress,
        ),
        message_id: `<relance.promise-${d.promise_id}.email@${options.domain}>`,
        next_attempt_at: options.now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
