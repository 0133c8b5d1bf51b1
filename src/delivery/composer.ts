import type { Kysely, Selectable } from 'kysely';
import type { DB, OutboxTable } from '../store/schema.ts';
import type { ComposedEmail } from '../core/delivery/email-message.ts';

export type {
  ComposedEmail,
  MailAddress,
  EmailAttachment,
} from '../core/delivery/email-message.ts';

/** An outbox row as read from the database. */
export type OutboxRow = Selectable<OutboxTable>;

/**
 * Builds the e-mail of one outbox row (channel 'email'): From, Reply-To, recipients,
 * subject, both parts and the attachments. The worker adds Message-ID and Auto-Submitted,
 * checks every header value, and sends it. A composer that throws fails the row
 * permanently (the message cannot be produced as the data stands).
 *
 * `basic-composer.ts` is the built-in one; the template-based composer
 * (src/documents/compose-action.ts) replaces it when present.
 */
export type Composer = (db: Kysely<DB>, row: OutboxRow) => Promise<ComposedEmail>;
