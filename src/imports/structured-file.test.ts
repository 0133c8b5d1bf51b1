import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.ts';
import { tempDir, writeFile } from '../../test/helpers/files.ts';
import { parseStructuredText, readStructuredFile, toStructuredText } from './structured-file.ts';

function fileError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  return assert.fail('should have been refused');
}

describe('parseStructuredText', () => {
  it('reads JSON and YAML (with a BOM) to the same value', () => {
    const value = { code: 'x', steps: [{ offsetDays: -5, actions: [{ kind: 'email' }] }] };
    assert.deepEqual(parseStructuredText(JSON.stringify(value), 'json', 'a.json'), value);
    const yaml = toStructuredText(value, 'yaml', 'a comment\nover two lines');
    assert.match(yaml, /^# a comment\n# over two lines\ncode: x\n/);
    assert.deepEqual(parseStructuredText('\uFEFF' + yaml, 'yaml', 'a.yaml'), value);
  });

  const errors: [string, string, 'json' | 'yaml', RegExp][] = [
    [
      'a JSON trailing comma',
      '{\n  "code": "x",\n}\n',
      'json',
      /line 3, column 1: .*trailing comma/,
    ],
    ['a JSON bare word', '{\n  "a": 1,\n  "b": x\n}', 'json', /line 3, column 8/],
    [
      'a YAML duplicate key',
      'code: a\nname: b\ncode: c\n',
      'yaml',
      /line 3, column 1: Map keys must be unique$/,
    ],
    ['a YAML bad indent', 'steps:\n  - id: a\n - id: b\n', 'yaml', /not valid YAML: line 3/],
    [
      'a YAML unterminated quote',
      'name: "abc\n',
      'yaml',
      /line 2, column 1: Missing closing "quote/,
    ],
    ['a YAML unknown alias', 'a: *nope\n', 'yaml', /Unresolved alias/],
    ['an empty file', '  \n', 'yaml', /is empty/],
  ];
  for (const [what, text, format, message] of errors) {
    it(`refuses ${what} as INVALID_FILE naming the line`, () => {
      const error = fileError(() => parseStructuredText(text, format, 'f'));
      assert.equal(error.code, 'INVALID_FILE');
      assert.match(error.message, message);
      assert.equal(error.problems[0]?.field, 'file');
    });
  }
});

describe('readStructuredFile', () => {
  const dir = tempDir();

  it('picks the format from the extension', async () => {
    const read = await readStructuredFile(writeFile(dir, 's.YML', 'a: 1\n'));
    assert.deepEqual(read, { value: { a: 1 }, format: 'yaml', fileName: 's.YML' });
    assert.deepEqual((await readStructuredFile(writeFile(dir, 's.json', '[1]'))).value, [1]);
  });

  it('refuses other extensions, missing files, big files and non-UTF-8 text', async () => {
    const refused = async (path: string, code: string, message: RegExp) => {
      const error = await readStructuredFile(path, 100).then(
        () => assert.fail('should have been refused'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof AppError);
      assert.equal(error.code, code);
      assert.match(error.message, message);
    };
    await refused(writeFile(dir, 's.txt', 'a: 1'), 'INVALID_FILE', /unknown file type/);
    await refused(`${dir}/missing.yaml`, 'NOT_FOUND', /does not exist/);
    await refused(writeFile(dir, 'big.yaml', 'a: 1\n'.repeat(100)), 'INVALID_FILE', /at most 100/);
    await refused(
      writeFile(dir, 'latin.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9])),
      'INVALID_FILE',
      /UTF-8/,
    );
  });
});
