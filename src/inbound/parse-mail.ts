import { simpleParser, type ParsedMail } from 'mailparser';
import type { InboundMail } from '../core/inbound/classify-inbound.ts';

/** Headers that mark automatic mail (RFC 3834 and common vendor ones). */
const AUTO_HEADERS = ['auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence'];

/** Longest part of a returned message kept for finding its Message-ID. */
const RETURNED_LIMIT = 64 * 1024;

/**
 * Parses a raw RFC 822 message (mailparser) into what classification reads: the envelope
 * headers, the automatic-mail markers, the delivery-status report and the headers of the
 * returned message of a bounce, the plain text.
 */
export async function parseMail(raw: Buffer): Promise<InboundMail & { readonly date?: Date }> {
  const m: ParsedMail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  const type = m.headers.get('content-type') as
    { value: string; params?: Record<string, string> } | undefined;
  const contentType = type
    ? `${type.value}${Object.entries(type.params ?? {})
        .filter(([k]) => k !== 'boundary')
        .map(([k, v]) => `; ${k}=${v}`)
        .join('')}`
    : undefined;
  const autoHeaders: Record<string, string> = {};
  for (const name of AUTO_HEADERS) {
    const v = m.headers.get(name);
    if (v !== undefined) autoHeaders[name] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const statusPart = m.attachments.find((a) =>
    /^message\/(global-)?delivery-status$/i.test(a.contentType),
  );
  // mailparser folds a report's message/delivery-status part into the text.
  const isReport =
    type?.value.toLowerCase() === 'multipart/report' &&
    (type.params?.['report-type'] ?? '').toLowerCase() === 'delivery-status';
  const deliveryStatus = statusPart
    ? statusPart.content.toString('utf8')
    : isReport
      ? (m.text ?? '')
      : undefined;
  const returned = m.attachments.find((a) =>
    /^(message\/(global|rfc822)|text\/rfc822-headers|message\/global-headers)$/i.test(
      a.contentType,
    ),
  );
  const references = m.references === undefined ? [] : [m.references].flat();
  return {
    messageId: m.messageId,
    from: m.from?.value[0]?.address
      ? `${m.from.value[0].name ?? ''} <${m.from.value[0].address}>`.trim()
      : undefined,
    subject: m.subject,
    inReplyTo: m.inReplyTo,
    references,
    contentType,
    autoHeaders,
    deliveryStatus,
    returnedHeaders: returned
      ? returned.content.subarray(0, RETURNED_LIMIT).toString('utf8')
      : undefined,
    text: m.text ?? undefined,
    ...(m.date ? { date: m.date } : {}),
  };
}
