import { AppError, type Problem } from '../core/errors.ts';

/**
 * A provider-agnostic SMS adapter: one HTTP POST with a JSON body written from a template.
 * Most SMS gateways take `{ "to": "+33…", "text": "…" }`-like bodies with an API key in a
 * header; the template says where the number and the text go:
 *
 *     { "url": "https://sms.example/v1/messages",
 *       "authHeaderName": "Authorization", "authHeaderValue": "Bearer KEY",
 *       "bodyTemplate": "{\"from\":\"ACME\",\"to\":\"{{to}}\",\"text\":\"{{text}}\"}" }
 *
 * `{{to}}` and `{{text}}` must stand inside JSON strings: their values are JSON-escaped, so
 * no text can change the body's structure. See docs/tasks-and-webhooks.md.
 */
export interface SmsHttpConfig {
  readonly url: string;
  readonly authHeaderName?: string | undefined;
  readonly authHeaderValue?: string | undefined;
  /** JSON with {{to}} and {{text}} placeholders inside strings. */
  readonly bodyTemplate: string;
  /** Per request, response included (default 10 s). */
  readonly timeoutMs?: number | undefined;
}

export type SmsResult =
  | { readonly ok: true; readonly status: number; readonly response: string }
  | {
      readonly ok: false;
      /** temporary: try again later (network, timeout, 429, 5xx, our credentials); permanent: this message will never go. */
      readonly kind: 'temporary' | 'permanent';
      readonly status: number | null;
      readonly error: string;
    };

/** Longest text accepted: 10 concatenated GSM segments. */
export const MAX_SMS_LENGTH = 1530;

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The number in E.164 form (`+` and 7 to 15 digits, no leading 0 in the country code), or
 * null. Spaces, dots, dashes, slashes and parentheses are dropped, so is a `(0)` after the
 * country code, and a leading `00` becomes `+`; a national number without its country code is refused (the country is not
 * guessed).
 */
export function toE164(raw: string): string | null {
  // "+33 (0)6 …": the national trunk 0 written after the country code is not dialled.
  let n = raw
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s.\-/()]/g, '');
  if (n.startsWith('00')) n = `+${n.slice(2)}`;
  return /^\+[1-9]\d{6,14}$/.test(n) ? n : null;
}

/** The body for one message: the template with both values JSON-escaped in place. */
export function renderSmsBody(template: string, to: string, text: string): string {
  const values: Record<string, string> = { to, text };
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}

/** Checks the configuration, every problem at once (CONFIG). */
export function checkSmsConfig(config: SmsHttpConfig): void {
  const problems: Problem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(config.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push({ field: 'sms.url', value: config.url, expected: 'an http:// or https:// URL' });
  }
  const name = config.authHeaderName;
  const value = config.authHeaderValue;
  if ((name === undefined) !== (value === undefined)) {
    problems.push({
      field: name === undefined ? 'sms.authHeaderName' : 'sms.authHeaderValue',
      value: '',
      expected: 'both the header name and its value, or neither',
    });
  }
  if (name !== undefined && !TOKEN.test(name)) {
    problems.push({ field: 'sms.authHeaderName', value: name, expected: 'an HTTP header name' });
  }
  if (value !== undefined && /[\r\n\0]/.test(value)) {
    problems.push({
      field: 'sms.authHeaderValue',
      value: '(hidden)',
      expected: 'a header value without line breaks',
    });
  }
  const template = config.bodyTemplate;
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  for (const n of names.filter((x) => x !== 'to' && x !== 'text')) {
    problems.push({
      field: 'sms.bodyTemplate',
      value: `{{${n}}}`,
      expected: 'only the placeholders {{to}} and {{text}}',
    });
  }
  for (const needed of ['to', 'text']) {
    if (!names.includes(needed)) {
      problems.push({
        field: 'sms.bodyTemplate',
        value: template.slice(0, 80),
        expected: `a JSON template containing {{${needed}}}`,
      });
    }
  }
  if (problems.length === 0) {
    // Values with quotes and line breaks must still give valid JSON.
    try {
      JSON.parse(renderSmsBody(template, '+33612345678', 'a "quoted"\nline \\ end'));
    } catch {
      problems.push({
        field: 'sms.bodyTemplate',
        value: template.slice(0, 80),
        expected:
          'valid JSON with {{to}} and {{text}} inside strings, e.g. {"to":"{{to}}","text":"{{text}}"}',
      });
    }
  }
  if (problems.length > 0) throw new AppError('CONFIG', 'invalid SMS provider settings', problems);
}

/**
 * Sends one SMS through the configured HTTP provider. Bad settings throw CONFIG, a bad
 * number or text INVALID_INPUT (nothing is sent); what the provider answers is returned:
 * 2xx is sent; 429, 5xx, 401/403/407 (our credentials), 408/425, network errors and
 * timeouts are temporary; other answers permanent.
 */
export async function sendSms(
  config: SmsHttpConfig,
  to: string,
  text: string,
  fetchFn: typeof fetch = fetch,
): Promise<SmsResult> {
  checkSmsConfig(config);
  const problems: Problem[] = [];
  const number = toE164(to);
  if (!number) {
    problems.push({
      field: 'to',
      value: to,
      expected: 'a phone number in E.164 form with its country code, e.g. +33612345678',
    });
  }
  if (text.trim() === '' || text.length > MAX_SMS_LENGTH) {
    problems.push({
      field: 'text',
      value: text.length > 40 ? `${text.slice(0, 40)}… (${text.length} characters)` : text,
      expected: `a non-empty text of at most ${MAX_SMS_LENGTH} characters`,
    });
  }
  if (problems.length > 0 || !number)
    throw new AppError('INVALID_INPUT', 'cannot send the SMS', problems);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.authHeaderName && config.authHeaderValue !== undefined) {
    headers[config.authHeaderName] = config.authHeaderValue;
  }
  try {
    const response = await fetchFn(config.url, {
      method: 'POST',
      headers,
      body: renderSmsBody(config.bodyTemplate, number, text),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.text()).slice(0, 1000);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, status: response.status, response: body };
    }
    return {
      ok: false,
      kind: classifyStatus(response.status),
      status: response.status,
      error: `HTTP ${response.status}${body ? `: ${body.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`,
    };
  } catch (error) {
    const timedOut =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause =
      error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return {
      ok: false,
      kind: 'temporary',
      status: null,
      error: timedOut
        ? `timeout after ${timeoutMs} ms`
        : `${error instanceof Error ? error.message : String(error)}${cause?.code ? ` (${cause.code})` : ''}`,
    };
  }
}

const TEMPORARY_STATUSES = new Set([401, 403, 407, 408, 425, 429]);

export function classifyStatus(status: number): 'temporary' | 'permanent' {
  if (status >= 500 || TEMPORARY_STATUSES.has(status)) return 'temporary';
  if (status >= 300 && status < 400) return 'temporary'; // a moved endpoint: our settings
  return 'permanent';
}

/**
 * SMS settings from the environment, or undefined when RELANCE_SMS_URL is not set:
 * RELANCE_SMS_URL, RELANCE_SMS_AUTH_HEADER ("Name: value"), RELANCE_SMS_BODY (the JSON
 * template), RELANCE_SMS_TIMEOUT_MS. Checked (CONFIG) when set.
 */
export function smsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmsHttpConfig | undefined {
  if (!env.RELANCE_SMS_URL) return undefined;
  const auth = env.RELANCE_SMS_AUTH_HEADER;
  const colon = auth?.indexOf(':') ?? -1;
  const timeout = env.RELANCE_SMS_TIMEOUT_MS ? Number(env.RELANCE_SMS_TIMEOUT_MS) : undefined;
  if (timeout !== undefined && !(Number.isSafeInteger(timeout) && timeout > 0)) {
    throw new AppError('CONFIG', 'RELANCE_SMS_TIMEOUT_MS must be a whole number of milliseconds', [
      {
        field: 'RELANCE_SMS_TIMEOUT_MS',
        value: env.RELANCE_SMS_TIMEOUT_MS,
        expected: 'a whole number ≥ 1',
      },
    ]);
  }
  if (auth !== undefined && colon <= 0) {
    throw new AppError('CONFIG', 'RELANCE_SMS_AUTH_HEADER must read "Name: value"', [
      {
        field: 'RELANCE_SMS_AUTH_HEADER',
        value: '(hidden)',
        expected: 'Name: value, e.g. Authorization: Bearer KEY',
      },
    ]);
  }
  const config: SmsHttpConfig = {
    url: env.RELANCE_SMS_URL,
    authHeaderName: auth === undefined ? undefined : auth.slice(0, colon).trim(),
    authHeaderValue: auth === undefined ? undefined : auth.slice(colon + 1).trim(),
    bodyTemplate: env.RELANCE_SMS_BODY ?? '{"to":"{{to}}","text":"{{text}}"}',
    timeoutMs: timeout,
  };
  checkSmsConfig(config);
  return config;
}
