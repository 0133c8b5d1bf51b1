/**
 * One error type for everything the user can get wrong or the system can refuse.
 * `code` is stable (documented, mapped to HTTP status and CLI exit code);
 * `problems` lists every problem of an input at once.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_FILE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BUSY'
  | 'CONFIG'
  | 'INTERNAL'
  /** No valid session or API token (or a wrong e-mail/password at sign-in). */
  | 'UNAUTHENTICATED'
  /** Signed in, but the role may not do this. */
  | 'FORBIDDEN'
  /** A state-changing request with a session cookie but without its CSRF token. */
  | 'CSRF'
  /** Too many attempts (sign-in): wait and try again. */
  | 'RATE_LIMITED';

export interface Problem {
  /**
   * Row of the input, counted as the header = row 1 and each non-empty record after it
   * (blank lines and empty spreadsheet rows are not counted), when known.
   */
  readonly row?: number;
  /** The field or column the problem is about. */
  readonly field: string;
  /** The value received, as text ('' when empty). */
  readonly value?: string;
  /** What was expected instead, in plain words. */
  readonly expected: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.problems = problems;
  }
}

/** Renders one problem as a sentence: `row 3, amount: got "12.345", expected …`. */
export function describeProblem(p: Problem): string {
  const where = [p.row !== undefined ? `row ${p.row}` : undefined, `${p.field}`]
    .filter((x) => x !== undefined)
    .join(', ');
  const got = p.value === undefined ? '' : ` got ${JSON.stringify(p.value)},`;
  return `${where}:${got} expected ${p.expected}`;
}
