import {
  isRedirect,
  mayStartAsPdf,
  networkProblem,
  notPdfProblem,
  startsAsPdf,
  statusProblem,
  tooLargeProblem,
  type InvoicePdfProblem,
} from '../core/documents/invoice-pdf.ts';

export interface FetchPdfOptions {
  /** For the whole exchange, redirects and body included. */
  readonly timeoutMs: number;
  /** The largest body read; reading stops beyond it. */
  readonly maxBytes: number;
  readonly fetch?: typeof fetch | undefined;
}

export type FetchedPdf =
  | { readonly ok: true; readonly content: Buffer; readonly mediaType: string }
  | ({ readonly ok: false } & InvoicePdfProblem);

const MAX_REDIRECTS = 5;

/**
 * GETs a PDF from an http(s) address: redirects followed by hand (at most 5, to http or https
 * only), the body streamed and abandoned as soon as it is not a PDF or grows beyond
 * `maxBytes`. Never throws: a timeout, a network error, 408/429/5xx are temporary problems,
 * anything else wrong with the answer is permanent.
 */
export async function fetchInvoicePdf(
  address: string,
  options: FetchPdfOptions,
): Promise<FetchedPdf> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = address;
  try {
    for (let hop = 0; ; hop += 1) {
      const scheme = schemeOf(url);
      if (scheme !== 'http:' && scheme !== 'https:') {
        return problem(
          'permanent',
          `${hop === 0 ? 'the address' : 'a redirect'} is not http(s): ${scheme || url}`,
        );
      }
      const response = await doFetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'application/pdf' },
      });
      if (isRedirect(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location)
          return problem('permanent', `a redirect (${response.status}) without Location`);
        if (hop >= MAX_REDIRECTS)
          return problem('permanent', `more than ${MAX_REDIRECTS} redirects`);
        const next = resolve(location, url);
        if (next === undefined) return problem('permanent', `a redirect to ${location}`);
        url = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, ...statusProblem(response.status, response.statusText) };
      }
      const contentType = response.headers.get('content-type');
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        await response.body?.cancel();
        return { ok: false, ...tooLargeProblem(options.maxBytes, declared) };
      }
      return await readPdf(response, contentType, options.maxBytes);
    }
  } catch (error) {
    if (signal.aborted) {
      return problem('temporary', `no complete answer within ${options.timeoutMs / 1000} s`);
    }
    return { ok: false, ...networkProblem(describe(error), hostOf(url)) };
  }
}

async function readPdf(
  response: Response,
  contentType: string | null,
  maxBytes: number,
): Promise<FetchedPdf> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let head = new Uint8Array(0);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, ...tooLargeProblem(maxBytes) };
      }
      chunks.push(value);
      if (head.length < 5) {
        head = Buffer.concat([head, value]).subarray(0, 5);
        if (!mayStartAsPdf(head)) {
          await reader.cancel();
          return { ok: false, ...notPdfProblem(contentType) };
        }
      }
    }
  }
  const content = Buffer.concat(chunks);
  if (!startsAsPdf(content)) return { ok: false, ...notPdfProblem(contentType) };
  return { ok: true, content, mediaType: 'application/pdf' };
}

function resolve(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function schemeOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

function problem(kind: InvoicePdfProblem['kind'], reason: string): FetchedPdf {
  return { ok: false, kind, reason };
}

/** A fetch error names its cause (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
