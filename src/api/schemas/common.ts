import { z } from 'zod';

/** The error body of every failed request (docs/api.md). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          'stable: INVALID_INPUT, NOT_FOUND, CONFLICT, UNAUTHENTICATED, FORBIDDEN, CSRF, RATE_LIMITED, BUSY, …',
        ),
      message: z.string(),
      issues: z.array(
        z.object({
          row: z.number().optional(),
          field: z.string(),
          value: z.string().optional(),
          expected: z.string(),
        }),
      ),
      problems: z.array(z.unknown()).describe('the same list as issues (earlier name)'),
    }),
  })
  .meta({ id: 'Error' });

/** The error responses every authenticated route may give. */
export const ERRORS = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

export const LocalDateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .describe('a business date, YYYY-MM-DD');

export const CompanyQuery = z.object({
  company: z.string().max(64).optional().describe('company code (default: the only one)'),
});

export const CustomerParams = z.object({
  code: z.string().min(1).max(64).describe('the customer code'),
});

/** A query-string boolean: true/false/1/0. */
export const QueryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
