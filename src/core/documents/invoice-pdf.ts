/**
 * Rules for attaching invoices' own PDFs to dunning e-mails (docs/delivery.md, "Invoice
 * PDFs"): which HTTP answers are worth another try, what counts as a PDF, and how many
 * attachments an e-mail may carry. The fetching itself is in src/documents/.
 */

/** Why an invoice's PDF could not be had: `temporary` may work later, `permanent` will not. */
export interface InvoicePdfProblem {
  readonly kind: 'temporary' | 'permanent';
  readonly reason: string;
}

export interface AttachmentLimits {
  /** Attachments per e-mail, the statement included. */
  readonly maxAttachments: number;
  /** Bytes of all attachments of an e-mail together. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxAttachments: 10,
  maxTotalBytes: 15_000_000,
};

/**
 * An HTTP status that is not a success: 408 (timeout), 425, 429 (too many requests) and
 * 5xx are the server's passing trouble; any other is an answer about the document
 * (404 gone, 401/403 not for us, 410…) that asking again will not change.
 */
export function statusProblem(status: number, statusText = ''): InvoicePdfProblem {
  const temporary = status === 408 || status === 425 || status === 429 || status >= 500;
  return {
    kind: temporary ? 'temporary' : 'permanent',
    reason: `the server answered ${status}${statusText ? ` ${statusText}` : ''}`,
  };
}

/**
 * A request that got no answer: the host name does not exist (ENOTFOUND, e.g. the demo's
 * `docs.example`) is permanent; a time-out, a refused or reset connection, a DNS server not
 * answering (EAI_AGAIN), TLS trouble may all pass.
 */
export function networkProblem(code: string, host: string): InvoicePdfProblem {
  return code === 'ENOTFOUND'
    ? { kind: 'permanent', reason: `no such host: ${host}` }
    : { kind: 'temporary', reason: `could not fetch: ${code}` };
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

const MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Whether the bytes begin as a PDF file does (`%PDF-`), whatever the declared media type. */
export function startsAsPdf(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** Whether the bytes seen so far can still be the start of a PDF (fewer than 5 bytes read). */
export function mayStartAsPdf(bytes: Uint8Array): boolean {
  return MAGIC.slice(0, Math.min(bytes.length, MAGIC.length)).every((b, i) => bytes[i] === b);
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The refusal of a body that is not a PDF, naming what it declared itself to be. */
export function notPdfProblem(contentType: string | null): InvoicePdfProblem {
  const declared = mediaTypeOf(contentType);
  return {
    kind: 'permanent',
    reason:
      declared === 'application/pdf'
        ? 'not a PDF: declared application/pdf, but the content does not start with %PDF-'
        : `not a PDF: ${declared || 'no content type'}, content not starting with %PDF-`,
  };
}

export function tooLargeProblem(maxBytes: number, size?: number): InvoicePdfProblem {
  return {
    kind: 'permanent',
    reason: `larger than the limit of ${formatMb(maxBytes)}${size === undefined ? '' : ` (${formatMb(size)})`}`,
  };
}

/** Whether one more attachment of `size` bytes fits an e-mail that has `used` already. */
export function attachmentRoom(
  used: { readonly count: number; readonly bytes: number },
  size: number,
  limits: AttachmentLimits,
): InvoicePdfProblem | undefined {
  if (used.count >= limits.maxAttachments) {
    return {
      kind: 'permanent',
      reason: `not attached: at most ${limits.maxAttachments} attachments per e-mail`,
    };
  }
  if (used.bytes + size > limits.maxTotalBytes) {
    return {
      kind: 'permanent',
      reason: `not attached: the attachments would exceed ${formatMb(limits.maxTotalBytes)} in all`,
    };
  }
  return undefined;
}

/** `5 MB`, `1.25 MB`, `2.4 kB` (1 MB = 1,000,000 bytes, 1 kB = 1,000). */
export function formatMb(bytes: number): string {
  return bytes < 1_000_000
    ? `${Number((bytes / 1000).toFixed(1))} kB`
    : `${Number((bytes / 1_000_000).toFixed(2))} MB`;
}

/** `invoice-F-2026-001.pdf`: the item number with anything but letters, digits, `.`, `-` as `_`. */
export function invoiceFileName(number: string): string {
  return `invoice-${number}.pdf`.replace(/[^\w.-]+/g, '_');
}
