import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { AppError } from '../core/errors.ts';
import { parseCsvTable, emptyFile } from './csv-table.ts';
import type { RawTable, TableFormat } from './table.ts';

export interface ReadOptions {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  readonly delimiter?: string | undefined;
}

export interface ReadResult {
  readonly table: RawTable;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
}

export const DEFAULT_MAX_IMPORT_MB = 32;

/** Reads a CSV (UTF-8) or XLSX file, refusing what is too big, empty or not UTF-8. */
export async function readTableFile(path: string, options: ReadOptions): Promise<ReadResult> {
  const fileName = basename(path);
  const info = await stat(path).catch(() => {
    throw new AppError('NOT_FOUND', `file ${path} does not exist or cannot be read`, [
      { field: 'file', value: path, expected: 'a readable file' },
    ]);
  });
  if (!info.isFile()) {
    throw new AppError('INVALID_FILE', `${path} is not a file`, [
      { field: 'file', value: path, expected: 'a CSV or XLSX file' },
    ]);
  }
  checkSize(fileName, info.size, options.maxBytes);
  return readTableData(await readFile(path), fileName, options);
}

/**
 * Parses an uploaded file's bytes (the API's imports) like a file on disk: CSV (UTF-8) or
 * XLSX, found by its content or its name; too big, empty or not UTF-8 is refused.
 */
export async function readTableData(
  data: Buffer,
  fileName: string,
  options: ReadOptions,
): Promise<ReadResult> {
  checkSize(fileName, data.length, options.maxBytes);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const table =
    detectFormat(fileName, data) === 'xlsx'
      ? // exceljs takes a second to load: only XLSX imports pay for it.
        await (await import('./xlsx-table.ts')).parseXlsxTable(data, fileName)
      : parseCsvTable(decodeUtf8(data, fileName), fileName, options.delimiter);
  if (table.rows.length === 0) {
    throw new AppError('INVALID_FILE', `${fileName} has a header but no data rows`, [
      { row: 2, field: 'file', value: '', expected: 'at least one data row after the header' },
    ]);
  }
  return { table, fileName, sha256, bytes: data.length };
}

function checkSize(fileName: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    const mb = (n: number) =>
      n >= 100_000 ? (n / 1_000_000).toFixed(1) : (n / 1_000_000).toPrecision(2);
    throw new AppError(
      'INVALID_FILE',
      `${fileName} is ${mb(size)} MB, over the import limit of ${mb(maxBytes)} MB; ` +
        'split the file, or raise the limit with --max-size or RELANCE_IMPORT_MAX_MB',
      [
        {
          field: 'file',
          value: `${size} bytes`,
          expected: `at most ${maxBytes} bytes`,
        },
      ],
    );
  }
  if (size === 0) throw emptyFile(fileName);
}

function detectFormat(path: string, data: Buffer): TableFormat {
  const zip = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  return zip || extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
}

function decodeUtf8(data: Buffer, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    const offset = firstInvalidUtf8(data);
    const line = data.subarray(0, offset).toString('latin1').split('\n').length;
    throw new AppError(
      'INVALID_FILE',
      `${fileName} is not UTF-8 text (invalid byte 0x${(data[offset] ?? 0).toString(16)} at line ${line}); ` +
        'save it as "CSV UTF-8" or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8',
      [{ field: 'file', value: `line ${line}`, expected: 'UTF-8 encoded text' }],
    );
  }
}

function firstInvalidUtf8(data: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = data.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(data.subarray(0, mid), { stream: true });
      decoder.decode();
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
