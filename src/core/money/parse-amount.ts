import { currencyExponent } from './currencies.ts';
import { minorToDecimalString } from './format-money.ts';

/** Which character separates the decimals: 'dot' (1,234.56) or 'comma' (1 234,56). */
export type DecimalFormat = 'dot' | 'comma';

export type ParseAmountResult = { ok: true; minor: number } | { ok: false; expected: string };

interface FormatRules {
  readonly decimal: string;
  /** Characters allowed to group thousands (one of them, used consistently). */
  readonly groups: string;
  readonly label: string;
  readonly example: (exp: number) => string;
}

const RULES: Readonly<Record<DecimalFormat, FormatRules>> = {
  dot: {
    decimal: '.',
    groups: ", \u00a0\u202f'",
    label: 'decimal point',
    example: (exp) => (exp === 0 ? '1234' : `1234.${'5678'.slice(0, exp)}`),
  },
  comma: {
    decimal: ',',
    groups: '. \u00a0\u202f',
    label: 'decimal comma',
    example: (exp) => (exp === 0 ? '1 234' : `1 234,${'5678'.slice(0, exp)}`),
  },
};

const DIGITS = /^\d+$/;
const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

function decimalsRule(exp: number, currency: string): string {
  return exp === 0 ? `no decimals for ${currency}` : `at most ${exp} decimals for ${currency}`;
}

/** Digits of the integer part, without grouping, or null when the grouping is malformed. */
function integerDigits(text: string, groups: string): string | null {
  if (DIGITS.test(text)) return text;
  const separator = [...text].find((ch) => ch < '0' || ch > '9');
  if (separator === undefined || !groups.includes(separator)) return null;
  const parts = text.split(separator);
  const [head, ...tail] = parts;
  if (head === undefined || !/^\d{1,3}$/.test(head) || tail.length === 0) return null;
  if (!tail.every((group) => /^\d{3}$/.test(group))) return null;
  return parts.join('');
}

/**
 * Parses a money amount exactly (string arithmetic, never floats) into minor units.
 *
 * Whitespace around the text is ignored; an optional leading '-' gives a negative result
 * (callers decide whether negatives are allowed). Thousands may be grouped by exactly 3
 * digits with one consistent separator: ',', "'", space, U+00A0 or U+202F for 'dot';
 * '.', space, U+00A0 or U+202F for 'comma'.
 *
 * Strict on decimals: more decimals than the currency's ISO 4217 exponent are refused,
 * even trailing zeros ('12.340' EUR is refused, as is '100.5' JPY), because an extra digit
 * usually means the wrong decimal format or currency was chosen.
 */
export function parseAmount(
  text: string,
  currency: string,
  format: DecimalFormat,
): ParseAmountResult {
  const exp = currencyExponent(currency);
  if (exp === undefined) return { ok: false, expected: 'a known ISO 4217 currency' };
  const rules = RULES[format];
  const syntaxError: ParseAmountResult = {
    ok: false,
    expected: `a number like ${rules.example(exp)} (${rules.label}, ${decimalsRule(exp, currency)})`,
  };

  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const body = negative ? trimmed.slice(1) : trimmed;
  const [intText, fracText, ...rest] = body.split(rules.decimal);
  if (intText === undefined || rest.length > 0) return syntaxError;
  const intDigits = integerDigits(intText, rules.groups);
  if (intDigits === null) return syntaxError;
  if (fracText !== undefined && !DIGITS.test(fracText)) return syntaxError;

  const frac = fracText ?? '';
  if (frac.length > exp) {
    return {
      ok: false,
      expected: `an amount with ${decimalsRule(exp, currency)} (${rules.label}, like ${rules.example(exp)})`,
    };
  }

  const magnitude = BigInt(intDigits + frac.padEnd(exp, '0'));
  if (magnitude > MAX_MINOR) {
    const limit = minorToDecimalString(Number.MAX_SAFE_INTEGER, currency);
    return { ok: false, expected: `an amount of at most ${limit} ${currency}` };
  }
  const minor = Number(magnitude);
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}
