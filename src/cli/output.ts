import { AppError, describeProblem } from '../core/errors.ts';

/** Prints an error for a person (stderr), every problem on its own line. */
export function printError(error: unknown, json: boolean): void {
  if (json) {
    const body =
      error instanceof AppError
        ? { error: { code: error.code, message: error.message, problems: error.problems } }
        : { error: { code: 'INTERNAL', message: String(error) } };
    process.stderr.write(JSON.stringify(body, null, 2) + '\n');
    return;
  }
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    for (const p of error.problems) process.stderr.write(`  - ${describeProblem(p)}\n`);
  } else {
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
