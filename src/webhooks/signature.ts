import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Every delivery carries
 *
 *     Relance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * keyed with the endpoint's secret (its UTF-8 bytes). Receivers recompute it over the raw
 * body bytes, compare in constant time and refuse a timestamp too far from their clock
 * (replays). `verifySignature` does exactly that and is meant to be copied or imported by
 * receivers written in TypeScript; docs/tasks-and-webhooks.md shows the same in a few lines.
 */

export const SIGNATURE_HEADER = 'Relance-Signature';
export const EVENT_ID_HEADER = 'Relance-Event-Id';
/** Default tolerance between the signature's timestamp and the receiver's clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `t.body` with the secret. */
export function signatureOf(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The Relance-Signature header value for a body sent at `now`. */
export function signatureHeader(secret: string, body: string | Buffer, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

/**
 * True when `header` (the Relance-Signature value) signs `body` (the raw request body,
 * exactly as received) with `secret`, and its timestamp is within `toleranceSeconds` of
 * `now`. Several `v1=` entries are accepted (any may match), unknown entries are ignored.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string | Buffer,
  now: Date = new Date(),
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!header || secret === '') return false;
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}
