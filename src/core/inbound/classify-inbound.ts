/**
 * What an inbound e-mail to the collection address is: a delivery status notification
 * (bounce, RFC 3464), an automatic reply (out of office, RFC 3834), or a person's reply —
 * and which of our messages it is about. Pure: the shell parses the MIME message and passes
 * the parts that matter.
 */

/** The parts of a parsed message that classification reads. */
export interface InboundMail {
  readonly messageId?: string | undefined;
  readonly from?: string | undefined;
  readonly subject?: string | undefined;
  readonly inReplyTo?: string | undefined;
  readonly references?: readonly string[] | undefined;
  /** The top-level Content-Type with its parameters ("multipart/report; report-type=…"). */
  readonly contentType?: string | undefined;
  /** Header lines that mark automatic mail, lower-cased names: auto-submitted, x-autoreply… */
  readonly autoHeaders?: Readonly<Record<string, string>> | undefined;
  /** The text of the message/delivery-status part, when there is one. */
  readonly deliveryStatus?: string | undefined;
  /** The headers of the returned message (message/rfc822 or text/rfc822-headers part). */
  readonly returnedHeaders?: string | undefined;
  /** The plain text body (a reply's words; a bounce's human-readable part). */
  readonly text?: string | undefined;
}

export type InboundClass =
  | {
      readonly kind: 'bounce';
      /** A permanent failure (5.x.x or Action: failed): the address does not work. */
      readonly permanent: boolean;
      readonly status: string | undefined;
      readonly recipients: readonly string[];
      readonly diagnostic: string | undefined;
      /** Message-IDs of the message that bounced. */
      readonly relatedIds: readonly string[];
    }
  | { readonly kind: 'auto_reply'; readonly relatedIds: readonly string[] }
  | { readonly kind: 'reply'; readonly relatedIds: readonly string[]; readonly excerpt: string };

const AUTO_SUBJECT =
  /^(auto(matic)?[ -]?(reply|response)|out of (the )?office|absence|abwesenheit|r[ée]ponse automatique|automatische antwort|respuesta autom[aá]tica|fuera de la oficina|absent)\b/i;
const BOUNCE_SUBJECT =
  /^(undeliver(ed|able)|delivery (status notification|failure|has failed)|mail delivery failed|returned mail|failure notice|non[- ]?remis|unzustellbar)/i;
const BOUNCE_FROM = /^(mailer-daemon|postmaster)@/i;

export function classifyInbound(mail: InboundMail): InboundClass {
  const ownIds = [mail.inReplyTo, ...(mail.references ?? [])].flatMap((v) =>
    v ? messageIds(v) : [],
  );
  const report = /^multipart\/report\b/i.test(mail.contentType ?? '');
  const dsn =
    mail.deliveryStatus !== undefined ? parseDeliveryStatus(mail.deliveryStatus) : undefined;
  if (
    (report && dsn !== undefined) ||
    (dsn !== undefined && dsn.recipients.length > 0) ||
    (BOUNCE_FROM.test(address(mail.from ?? '')) && BOUNCE_SUBJECT.test((mail.subject ?? '').trim()))
  ) {
    const returned = mail.returnedHeaders
      ? headerValue(mail.returnedHeaders, 'message-id')
      : undefined;
    const relatedIds = unique([...(returned ? messageIds(returned) : []), ...ownIds]);
    const status = dsn?.status ?? statusInText(mail.text ?? '');
    const failed = dsn?.action === 'failed';
    return {
      kind: 'bounce',
      permanent: status !== undefined ? status.startsWith('5') : failed || dsn === undefined,
      status,
      recipients: dsn?.recipients.length ? dsn.recipients : recipientsInText(mail.text ?? ''),
      diagnostic: dsn?.diagnostic,
      relatedIds,
    };
  }
  const auto = mail.autoHeaders ?? {};
  const autoSubmitted = (auto['auto-submitted'] ?? 'no').trim().toLowerCase();
  if (
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    auto['x-autoreply'] !== undefined ||
    auto['x-autorespond'] !== undefined ||
    /^(auto_reply|bulk|junk|list)$/i.test((auto.precedence ?? '').trim()) ||
    AUTO_SUBJECT.test((mail.subject ?? '').replace(/^(re|aw|tr|fw|fwd):\s*/i, '').trim())
  ) {
    return { kind: 'auto_reply', relatedIds: unique(ownIds) };
  }
  return { kind: 'reply', relatedIds: unique(ownIds), excerpt: excerpt(mail.text ?? '') };
}

/**
 * The fields of a message/delivery-status part that matter. Each recipient has its own block
 * (Final-Recipient, Action, Status, Diagnostic-Code): the failed ones are reported (a report
 * may say one address failed and another was delivered); when none failed, every one is.
 */
export function parseDeliveryStatus(text: string): {
  readonly action: string | undefined;
  readonly status: string | undefined;
  readonly recipients: readonly string[];
  readonly diagnostic: string | undefined;
} {
  // Unfold continuation lines; blocks are separated by blank lines.
  const blocks = text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+(?=\S)/g, ' ')
    .split(/\n\s*\n/)
    .map(readBlock)
    .filter((b) => b.recipient !== undefined);
  const failed = blocks.filter((b) => b.action === 'failed' || b.status?.startsWith('5'));
  const chosen = failed.length > 0 ? failed : blocks;
  const first = chosen[0];
  return {
    action: first?.action,
    status: first?.status,
    recipients: [...new Set(chosen.map((b) => b.recipient!))],
    diagnostic: first?.diagnostic,
  };
}

interface StatusBlock {
  recipient?: string;
  action?: string;
  status?: string;
  diagnostic?: string;
}

function readBlock(block: string): StatusBlock {
  const out: StatusBlock = {};
  for (const line of block.split('\n')) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (name === 'final-recipient' || (name === 'original-recipient' && !out.recipient)) {
      const a = value
        .replace(/^rfc822\s*;\s*/i, '')
        .trim()
        .toLowerCase();
      if (a.includes('@')) out.recipient = a;
    } else if (name === 'action') out.action = value.toLowerCase();
    else if (name === 'status') out.status = /^\d\.\d{1,3}\.\d{1,3}/.exec(value)?.[0];
    else if (name === 'diagnostic-code') {
      out.diagnostic = value.replace(/^smtp\s*;\s*/i, '').slice(0, 300);
    }
  }
  return out;
}

/** Every `<id@host>` in a header value (References lists several). */
export function messageIds(value: string): string[] {
  return [...value.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

/** The value of one header in a block of header lines (unfolded), or undefined. */
export function headerValue(headers: string, name: string): string | undefined {
  const unfolded = headers.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return m?.[1]?.trim();
}

/** The bare address of "Name <a@b>" or "a@b", lower-cased. */
export function address(from: string): string {
  const m = /<([^<>]+)>/.exec(from);
  return (m ? m[1]! : from).trim().toLowerCase();
}

function statusInText(text: string): string | undefined {
  return /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
}

function recipientsInText(text: string): string[] {
  const found = /<?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?/.exec(text);
  return found ? [found[1]!.toLowerCase()] : [];
}

/** The reply's own words: quoted lines and what follows an "On … wrote:" line dropped. */
function excerpt(text: string): string {
  const own: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*>/.test(line)) continue;
    if (/^(on .* wrote|le .* a écrit|am .* schrieb|el .* escribió)\s*:\s*$/i.test(line.trim()))
      break;
    if (/^-{2,}\s*(original message|message d'origine|ursprüngliche nachricht)/i.test(line.trim()))
      break;
    own.push(line);
  }
  return own
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, 500);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
