import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../core/errors.ts';
import { address, classifyInbound, type InboundClass } from '../core/inbound/classify-inbound.ts';
import type { DB, InboundKind, OutboxTable } from '../store/schema.ts';
import { todayIn } from '../store/companies.ts';
import { recordEvents, type LedgerEvent } from '../ledger/ledger-context.ts';
import { insertTasks } from '../tasks/create-tasks.ts';
import { fallBackToLetter } from '../delivery/outbox-rows.ts';
import { parseMail } from './parse-mail.ts';

/** Largest inbound message read (bounces quote the original; 10 MB is plenty). */
export const MAX_INBOUND_BYTES = 10 * 1024 * 1024;

export type InboundSource = 'cli' | 'http' | 'imap';

export interface InboundReport {
  /** The inbound_messages row (the earlier one for a duplicate). */
  readonly id: number;
  /** The same message was recorded before: nothing done again. */
  readonly duplicate: boolean;
  readonly kind: InboundKind;
  readonly customer: string | null;
  readonly outboxId: number | null;
  readonly detail: string;
  /** Contacts whose e-mail address was marked invalid (hard bounce). */
  readonly invalidated: number;
  /** The letter row created instead of the bounced e-mail. */
  readonly letterId: number | null;
  /** The task created for a reply. */
  readonly taskId: number | null;
}

export interface RecordOptions {
  readonly source: InboundSource;
  readonly now?: Date | undefined;
  readonly maxBytes?: number | undefined;
}

type OutboxRow = Selectable<OutboxTable>;

/**
 * Records one inbound e-mail to the collection address, once (by the SHA-256 of its bytes:
 * the same message read again by the IMAP poller or posted twice changes nothing), and acts
 * on it:
 * - a permanent bounce of one of our e-mails marks the bounced addresses invalid on the
 *   customer's contacts (they are not written to again), flags the outbox row `bounced_at`,
 *   records EMAIL_BOUNCED and falls back to a letter when the customer has a postal address;
 *   a temporary one (4.x.x) is only recorded (EMAIL_DELAYED);
 * - a person's reply lands in the customer's timeline (REPLY_RECEIVED, webhook
 *   `reply.received`) and makes a `reply` task for the collector;
 * - an automatic reply (out of office) is recorded in the timeline, no task.
 * The customer is found by the Message-ID the message answers or returns, else by the
 * sender's (or bounced) address when exactly one customer has it.
 */
export async function recordInbound(
  db: Kysely<DB>,
  raw: Buffer,
  options: RecordOptions,
): Promise<InboundReport> {
  const max = options.maxBytes ?? MAX_INBOUND_BYTES;
  if (raw.length === 0 || raw.length > max) {
    throw new AppError('INVALID_INPUT', 'the inbound message cannot be read', [
      {
        field: 'message',
        value: `${raw.length} bytes`,
        expected: `a raw RFC 822 e-mail of 1 byte to ${max} bytes`,
      },
    ]);
  }
  const now = options.now ?? new Date();
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const seen = await findRecorded(db, sha256);
  if (seen) return seen;
  const mail = await parseMail(raw);
  const c = classifyInbound(mail);
  const row = await findOutboxRow(db, c.relatedIds);
  const customerId =
    row?.customer_id ??
    (await customerByAddress(
      db,
      c.kind === 'bounce' ? c.recipients : mail.from ? [address(mail.from)] : [],
    ));
  const customer =
    customerId === undefined
      ? undefined
      : await db
          .selectFrom('customers as c')
          .innerJoin('companies as co', 'co.id', 'c.company_id')
          .select(['c.id', 'c.code', 'c.name', 'c.collector', 'c.company_id', 'co.timezone'])
          .select(['co.email as company_email'])
          .where('c.id', '=', customerId)
          .executeTakeFirst();
  const kind: InboundKind = customer ? c.kind : 'unmatched';
  const detail = describe(c, mail.from, mail.subject, row);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('inbound_messages')
      .values({
        sha256,
        kind,
        company_id: customer?.company_id ?? null,
        customer_id: customer?.id ?? null,
        outbox_id: row?.id ?? null,
        message_id: mail.messageId?.slice(0, 500) ?? null,
        from_address: mail.from?.slice(0, 500) ?? null,
        subject: mail.subject?.slice(0, 500) ?? null,
        status: c.kind === 'bounce' ? (c.status ?? null) : null,
        detail,
        source: options.source,
        size_bytes: raw.length,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return (await findRecorded(trx, sha256))!;
    const report = {
      id: inserted.id,
      duplicate: false,
      kind,
      customer: customer?.code ?? null,
      outboxId: row?.id ?? null,
      detail,
      invalidated: 0,
      letterId: null as number | null,
      taskId: null as number | null,
    };
    if (!customer) return report;
    const today = todayIn(customer.timezone, now);
    const events: LedgerEvent[] = [];
    const event = (code: string, text: string) =>
      events.push({
        companyId: customer.company_id,
        customerId: customer.id,
        asOf: today,
        code,
        actionId: row?.action_id ?? null,
        detail: text,
      });
    if (c.kind === 'bounce' && c.permanent) {
      const invalid = await trx
        .updateTable('contacts')
        .set({ email_invalid_at: now })
        .where('customer_id', '=', customer.id)
        .where((eb) =>
          eb(eb.fn('lower', ['email']), 'in', c.recipients.length ? c.recipients : ['']),
        )
        .where('email_invalid_at', 'is', null)
        .returning('id')
        .execute();
      report.invalidated = invalid.length;
      if (row) {
        await trx
          .updateTable('outbox')
          .set({
            bounced_at: now,
            last_error:
              `bounced: ${c.status ?? 'permanent failure'}${c.diagnostic ? ` ${c.diagnostic}` : ''}`.slice(
                0,
                2000,
              ),
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
      }
      event('EMAIL_BOUNCED', `${detail}; ${invalid.length} contact address(es) marked invalid`);
      if (row && row.action_id !== null && row.channel === 'email') {
        const fallback = await fallBackToLetter(
          trx,
          { ...row, action_id: row.action_id },
          { now, domain: domainOf(customer.company_email) },
        );
        report.letterId = fallback.letter ?? null;
        event(
          'FALLBACK_TO_LETTER',
          fallback.letter === undefined
            ? `no letter instead of the bounced e-mail #${row.id}: ${fallback.why}`
            : `letter #${fallback.letter} instead of the bounced e-mail #${row.id}, in the next print batch`,
        );
      }
    } else if (c.kind === 'bounce') {
      event('EMAIL_DELAYED', detail);
    } else if (c.kind === 'auto_reply') {
      event('AUTO_REPLY_RECEIVED', detail);
    } else {
      event('REPLY_RECEIVED', detail);
      const [taskId] = await insertTasks(
        trx,
        [
          {
            company_id: customer.company_id,
            customer_id: customer.id,
            action_id: row?.action_id ?? null,
            inbound_message_id: inserted.id,
            kind: 'reply',
            title: `Read the reply of ${customer.name}: ${(mail.subject ?? '(no subject)').slice(0, 200)}`,
            due_date: today,
            assignee_role: 'collector',
            assignee: customer.collector,
            template_code: null,
          },
        ],
        today,
      );
      report.taskId = taskId ?? null;
    }
    await recordEvents(trx, events);
    return report;
  });
}

async function findRecorded(db: Kysely<DB>, sha256: string): Promise<InboundReport | undefined> {
  const r = await db
    .selectFrom('inbound_messages as m')
    .leftJoin('customers as c', 'c.id', 'm.customer_id')
    .select(['m.id', 'm.kind', 'm.outbox_id', 'm.detail', 'c.code'])
    .where('m.sha256', '=', sha256)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    duplicate: true,
    kind: r.kind,
    customer: r.code,
    outboxId: r.outbox_id,
    detail: r.detail,
    invalidated: 0,
    letterId: null,
    taskId: null,
  };
}

/** Our outbox row with one of these Message-IDs (the newest first). */
async function findOutboxRow(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<OutboxRow | undefined> {
  if (ids.length === 0) return undefined;
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('message_id', 'in', [...ids])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The one customer having one of these addresses (contact or customer record), if exactly one. */
async function customerByAddress(
  db: Kysely<DB>,
  addresses: readonly string[],
): Promise<number | undefined> {
  const wanted = addresses.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@'));
  if (wanted.length === 0) return undefined;
  const rows = await db
    .selectFrom('contacts')
    .select('customer_id')
    .where((eb) => eb(eb.fn('lower', ['email']), 'in', wanted))
    .union(
      db
        .selectFrom('customers')
        .select('id as customer_id')
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', wanted)),
    )
    .execute();
  const ids = [...new Set(rows.map((r) => r.customer_id))];
  return ids.length === 1 ? ids[0] : undefined;
}

function describe(
  c: InboundClass,
  from: string | undefined,
  subject: string | undefined,
  row: OutboxRow | undefined,
): string {
  const about = row ? ` to e-mail #${row.id}` : '';
  const what = `"${(subject ?? '').slice(0, 120)}"${from ? ` from ${from.slice(0, 120)}` : ''}`;
  if (c.kind === 'bounce') {
    const to = c.recipients.length ? ` for ${c.recipients.join(', ')}` : '';
    return `${c.permanent ? 'bounce' : 'delivery delayed'}${about}${to}: ${c.status ?? 'no status'}${
      c.diagnostic ? ` ${c.diagnostic}` : ''
    }`.slice(0, 1000);
  }
  if (c.kind === 'auto_reply') return `automatic reply${about}: ${what}`;
  return `reply${about}: ${what}${c.excerpt ? ` — ${c.excerpt.slice(0, 300)}` : ''}`;
}

function domainOf(email: string | null): string {
  const at = email?.lastIndexOf('@') ?? -1;
  return at > 0 ? email!.slice(at + 1) : 'relance.invalid';
}
