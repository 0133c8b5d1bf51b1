import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import {
  checkText,
  findCustomer,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type Scope,
} from './ledger-context.ts';

export interface AddNoteInput extends Scope {
  readonly customer: string;
  /** Who writes it (an e-mail, `token:NAME`…): the detail starts with it. */
  readonly author: string;
  /** 1 to 5000 characters once trimmed. */
  readonly text: string | undefined;
}

export interface NoteView {
  /** The timeline entry's id. */
  readonly id: number;
  readonly customer: string;
  readonly asOf: string;
  readonly at: string;
  readonly code: 'NOTE_ADDED';
  /** `<author>: <text>`. */
  readonly detail: string;
}

export const NOTE_MAX_LENGTH = 5000;

/** A note in the customer's timeline (event NOTE_ADDED, detail "<author>: <text>"). */
export async function addNote(db: Kysely<DB>, input: AddNoteInput): Promise<NoteView> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, ctx.company, input.customer);
    const problems: Problem[] = [];
    const text = checkText(problems, 'text', input.text, true, NOTE_MAX_LENGTH);
    if (problems.length > 0 || text === null) {
      throw invalid(`invalid note for customer ${customer.code}`, problems);
    }
    const detail = `${input.author}: ${text}`;
    await recordEvents(trx, [
      {
        companyId: ctx.company.id,
        customerId: customer.id,
        asOf: ctx.today,
        code: 'NOTE_ADDED',
        detail,
      },
    ]);
    const row = await trx
      .selectFrom('timeline')
      .select(['id', 'as_of', 'at'])
      .where('customer_id', '=', customer.id)
      .where('code', '=', 'NOTE_ADDED')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      customer: customer.code,
      asOf: row.as_of,
      at: new Date(row.at).toISOString(),
      code: 'NOTE_ADDED',
      detail,
    };
  });
}
