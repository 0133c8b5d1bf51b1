import type { FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type Problem } from '../core/errors.ts';
import { RateLimitedError } from '../auth/login.ts';

/** HTTP status of each stable error code (docs/api.md). */
export const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_FILE: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BUSY: 503,
  CONFIG: 500,
  INTERNAL: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  RATE_LIMITED: 429,
};

/**
 * Every error answers `{ "error": { "code", "message", "issues", "problems" } }`: `code` is
 * stable, `issues` lists every problem of the input (field, value received, what was
 * expected); `problems` is the same list under its earlier name.
 */
export function addErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RateLimitedError) {
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
    if (error instanceof AppError) {
      return reply.status(STATUS[error.code]).send(body(error.code, error.message, error.problems));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'input';
      const issues: Problem[] = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        // What was received at that path of the request's part (querystring, body, params).
        const part = (request as unknown as Record<string, unknown>)[
          where === 'querystring' ? 'query' : where
        ];
        const input = path
          .split('.')
          .reduce<unknown>(
            (value, key) =>
              value !== null && typeof value === 'object'
                ? (value as Record<string, unknown>)[key]
                : undefined,
            part,
          );
        return {
          field: `${where}${path ? `.${path}` : ''}`,
          ...(input !== undefined ? { value: shown(input) } : {}),
          expected: v.message ?? 'a valid value',
        };
      });
      return reply
        .status(400)
        .send(
          body(
            'INVALID_INPUT',
            `invalid ${where} for ${request.method} ${request.routeOptions.url ?? request.url}`,
            issues,
          ),
        );
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) app.log.error(error);
    return reply
      .status(status)
      .send(
        body(
          status >= 500 ? 'INTERNAL' : 'INVALID_INPUT',
          status >= 500 ? 'internal error' : (error as Error).message,
          [],
        ),
      );
  });

  // Unknown routes: src/api/web-ui.ts answers them (index.html outside /api, 404 inside).
}

export function body(code: string, message: string, problems: readonly Problem[]) {
  return { error: { code, message, issues: problems, problems } };
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
