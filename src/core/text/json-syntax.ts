/**
 * Where JSON text first goes wrong, for error messages that name a line: V8's
 * `JSON.parse` messages do not always give a position. Follows RFC 8259 strictly.
 */
export interface JsonSyntaxError {
  /** 1-based line and column of the offending character (or of the end of the text). */
  readonly line: number;
  readonly column: number;
  readonly expected: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {}
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.slice(i, i + word.length) !== word || /\w/.test(text[i + word.length] ?? '')) {
      fail(`the literal ${word}`);
    }
    i += word.length;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail('a closing " for the string');
      if (ch === '"') break;
      if (ch! < ' ') fail('no line break or control character inside a string (write \\n)');
      if (ch === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('\\u and 4 hex digits');
          i += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
      }
      i++;
    }
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('a number (no leading zeros, no leading + or .)');
    i += match![0].length;
    if (i < text.length && /[0-9.eE]/.test(text[i]!)) fail('a number without leading zeros');
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch !== undefined && /[-0-9]/.test(ch)) return number();
    fail(
      ch === undefined
        ? 'a value, not the end of the text'
        : 'a value (strings in "double quotes")',
    );
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] !== '"') fail('a property name in "double quotes" (no trailing comma)');
      string();
      space();
      if (text[i] !== ':') fail('a colon after the property name');
      i++;
      value();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return void i++;
      else fail('a comma or a closing }');
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      space();
      if (text[i] === ',') {
        i++;
        space();
        if (text[i] === ']') fail('a value after the comma (no trailing comma)');
      } else if (text[i] === ']') return void i++;
      else fail('a comma or a closing ]');
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('nothing after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    const column = error.at - before.lastIndexOf('\n');
    return { line, column, expected: error.expected };
  }
}
