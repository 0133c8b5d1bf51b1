import { AppError, type ErrorCode } from '../core/errors.ts';

/** CLI exit codes (documented in the README). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  busy: 5,
  config: 6,
  denied: 7,
} as const;

const BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: EXIT.invalidInput,
  INVALID_FILE: EXIT.invalidInput,
  NOT_FOUND: EXIT.notFound,
  CONFLICT: EXIT.busy,
  BUSY: EXIT.busy,
  CONFIG: EXIT.config,
  INTERNAL: EXIT.internal,
  UNAUTHENTICATED: EXIT.denied,
  FORBIDDEN: EXIT.denied,
  CSRF: EXIT.denied,
  RATE_LIMITED: EXIT.busy,
};

export function exitCodeFor(error: unknown): number {
  return error instanceof AppError ? BY_CODE[error.code] : EXIT.internal;
}
