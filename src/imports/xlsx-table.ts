import ExcelJS from 'exceljs';
import { AppError } from '../core/errors.ts';
import type { RawTable } from './table.ts';
import { emptyFile } from './csv-table.ts';

/** Reads the first worksheet of an XLSX workbook (exceljs) as text cells. */
export async function parseXlsxTable(data: Buffer, fileName: string): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; Node's Buffer is what it reads.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new AppError('INVALID_FILE', `${fileName} is not a readable XLSX workbook`, [
      { field: 'file', value: fileName, expected: `an .xlsx file (${String(error)})` },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw emptyFile(fileName);
  const width = sheet.columnCount;
  const out: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((v) => v !== '')) {
      out.push(cells);
      numbers.push(row.number);
    }
  });
  const [header, ...rows] = out;
  if (!header) throw emptyFile(fileName);
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  return { header, rows, rowNumbers: numbers.slice(1) };
}

/** Turns an exceljs cell value into the text the CSV path would have seen. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** Spreadsheet numbers are doubles: 15 significant digits give back what was typed. */
function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}
