import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's built-in scrypt (docs/adr/0007-passwords-and-sessions.md).
 * The stored string describes itself, PHC style:
 *
 *   $scrypt$ln=15,r=8,p=3$<salt, base64>$<hash, base64>
 *
 * so that the parameters can be raised later: old hashes still verify, and
 * `needsRehash` tells the caller to store a new one at the next successful sign-in.
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly ln: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

/** OWASP's equivalent of N=2^17,r=8,p=1 with 32 MiB of memory instead of 128 MiB. */
export const PASSWORD_PARAMS: ScryptParams = { ln: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = '$scrypt$';

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes; Node refuses more than maxmem (32 MiB by default).
    maxmem: 128 * N * params.r + 16 * 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(
  password: string,
  params: ScryptParams = PASSWORD_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `${PREFIX}ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const FORMAT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parseHash(stored: string): ParsedHash | undefined {
  const m = FORMAT.exec(stored);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds keep a tampered row from asking for gigabytes.
  if (params.ln < 1 || params.ln > 20 || params.r < 1 || params.p < 1 || params.p > 16)
    return undefined;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { params, salt, key };
}

/** True when the password matches; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with other parameters than `params` (store a new one). */
export function needsRehash(stored: string, params: ScryptParams = PASSWORD_PARAMS): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed ||
    parsed.params.ln !== params.ln ||
    parsed.params.r !== params.r ||
    parsed.params.p !== params.p ||
    parsed.key.length !== KEY_BYTES
  );
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification: sign-in with an unknown e-mail costs as much as
 * with a known one, so timing does not tell which addresses have accounts.
 */
export async function verifyAgainstDummy(
  password: string,
  params: ScryptParams = PASSWORD_PARAMS,
): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'), params);
  await verifyPassword(password, await dummy);
  return false;
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '');
}
