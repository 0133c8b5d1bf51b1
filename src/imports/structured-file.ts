import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { AppError } from '../core/errors.ts';
import { findJsonSyntaxError } from '../core/text/json-syntax.ts';

/**
 * JSON and YAML documents (scenarios, assignment rules): read by extension, strict UTF-8,
 * size-limited, with errors that name the line.
 */
export type StructuredFormat = 'json' | 'yaml';

export const MAX_STRUCTURED_BYTES = 1_000_000;

export function formatOfPath(path: string): StructuredFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}

/** Reads a .json, .yaml or .yml file and returns the value it holds. */
export async function readStructuredFile(
  path: string,
  maxBytes = MAX_STRUCTURED_BYTES,
): Promise<{ value: unknown; format: StructuredFormat; fileName: string }> {
  const fileName = basename(path);
  const format = formatOfPath(path);
  if (format === undefined) {
    throw new AppError('INVALID_FILE', `${fileName}: unknown file type`, [
      { field: 'file', value: fileName, expected: 'a .json, .yaml or .yml file' },
    ]);
  }
  const info = await stat(path).catch(() => {
    throw new AppError('NOT_FOUND', `file ${path} does not exist or cannot be read`, [
      { field: 'file', value: path, expected: 'a readable file' },
    ]);
  });
  if (!info.isFile() || info.size > maxBytes) {
    throw new AppError('INVALID_FILE', `${fileName} is not a file of at most ${maxBytes} bytes`, [
      {
        field: 'file',
        value: `${info.size} bytes`,
        expected: `a file of at most ${maxBytes} bytes`,
      },
    ]);
  }
  const data = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError('INVALID_FILE', `${fileName} is not UTF-8 text`, [
      { field: 'file', value: fileName, expected: 'UTF-8 encoded text' },
    ]);
  }
  return { value: parseStructuredText(text, format, fileName), format, fileName };
}

/** Parses JSON or YAML text; a syntax error is INVALID_FILE naming the line and column. */
export function parseStructuredText(
  text: string,
  format: StructuredFormat,
  fileName: string,
): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new AppError('INVALID_FILE', `${fileName} is empty`, [
      { field: 'file', value: fileName, expected: `a ${format.toUpperCase()} document` },
    ]);
  }
  return format === 'json' ? parseJson(body, fileName) : parseYaml(body, fileName);
}

function syntaxError(fileName: string, format: string, line: number, column: number, what: string) {
  return new AppError(
    'INVALID_FILE',
    `${fileName} is not valid ${format}: line ${line}, column ${column}: ${what}`,
    [
      {
        field: 'file',
        value: `line ${line}, column ${column}`,
        expected: `valid ${format}: ${what}`,
      },
    ],
  );
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found) throw syntaxError(fileName, 'JSON', found.line, found.column, found.expected);
    throw new AppError('INVALID_FILE', `${fileName} is not valid JSON: ${String(error)}`, [
      { field: 'file', value: fileName, expected: 'valid JSON' },
    ]);
  }
}

function parseYaml(text: string, fileName: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const what = (error.message.split('\n')[0] ?? error.code).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    const at = error.linePos?.[0];
    throw syntaxError(fileName, 'YAML', at?.line ?? 1, at?.col ?? 1, what);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new AppError('INVALID_FILE', `${fileName} is not valid YAML: ${(e as Error).message}`, [
      {
        field: 'file',
        value: fileName,
        expected: 'valid YAML (anchors defined before their aliases)',
      },
    ]);
  }
}

/** JSON (2-space indented) or YAML text for a value; `comment` heads a YAML document. */
export function toStructuredText(
  value: unknown,
  format: StructuredFormat,
  comment?: string,
): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  const head = comment
    ? comment
        .split('\n')
        .map((l) => `# ${l}`.trimEnd())
        .join('\n') + '\n'
    : '';
  return head + stringify(value, { lineWidth: 0 });
}
