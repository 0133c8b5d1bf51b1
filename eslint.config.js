// ESLint flat config: typescript-eslint recommended rules, zero warnings in CI,
// and the architecture's import boundaries (src/core stays pure: no I/O, no clock).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'child_process',
  'os',
  'path',
  'stream',
  'worker_threads',
  'pg',
  'pg-copy-streams',
  'kysely',
  'kysely-pglite-dialect',
  '@electric-sql/pglite',
  'nodemailer',
  'fastify',
  'exceljs',
  'csv-parse',
  'pdfkit',
  'commander',
];

const leaveCoreMessage = 'src/core is the pure domain: it imports nothing outside src/core.';

/** One block per folder depth: a relative import climbing out of src/core is refused. */
const coreDepths = ['src/core/*.ts', 'src/core/*/*.ts', 'src/core/*/*/*.ts'].map(
  (files, depth) => ({
    files: [files],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.flatMap((name) => [
            { name, message: 'src/core does no I/O: move this to the shell.' },
            { name: `node:${name}`, message: 'src/core does no I/O: move this to the shell.' },
          ]),
          patterns: [
            { group: ['node:*'], message: 'src/core does no I/O.' },
            { group: [`${'../'.repeat(depth + 1)}*`, 'src/*'], message: leaveCoreMessage },
          ],
        },
      ],
    },
  }),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench/out/**', '.tmp/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        Blob: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core reads no environment: pass settings in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/core never reads the clock: take asOf as an argument.',
        },
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
          message: 'src/core never reads the clock: take asOf as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'src/core is deterministic: take a seeded generator as an argument.',
        },
      ],
    },
  },
  ...coreDepths,
);
