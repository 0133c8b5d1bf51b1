import { Command, Option } from 'commander';
import { AppError, type Problem } from '../../core/errors.ts';
import { parseLocalDate } from '../../core/calendar/local-date.ts';
import { isCurrencyCode } from '../../core/money/currencies.ts';
import { parseAmount } from '../../core/money/parse-amount.ts';
import { computePenalties } from '../../core/penalties/compute-penalties.ts';
import {
  RATE_PERIODS,
  type DayBasis,
  type Jurisdiction,
  type PenaltyInput,
  type PenaltyPayment,
  type RatePer,
} from '../../core/penalties/types.ts';
import { loadReferenceRates } from '../../penalties/load-rates.ts';
import { todayIn } from '../../store/companies.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';
import { renderPenalties } from './penalties-output.ts';

interface PenaltiesOptions {
  jurisdiction: string;
  currency?: string;
  amount: string;
  due: string;
  asOf?: string;
  payments?: string[];
  rate?: string;
  per: RatePer;
  lateFee?: string;
  dayBasis: '365' | 'actual';
  json?: boolean;
}

const JURISDICTION_CHOICES = ['EU', 'FR', 'DE', 'GB', 'UK', 'CONTRACT'];
const DEFAULT_CURRENCY: Readonly<Record<string, string>> = {
  EU: 'EUR',
  FR: 'EUR',
  DE: 'EUR',
  GB: 'GBP',
};

/** Core field names → the options a CLI user typed. */
const OPTION_OF: Readonly<Record<string, string>> = {
  jurisdiction: '--jurisdiction',
  currency: '--currency',
  amountMinor: '--amount',
  dueDate: '--due',
  asOf: '--as-of',
  payments: '--payments',
  contract: '--rate',
  'contract.ratePercent': '--rate',
  'contract.per': '--per',
  'contract.lateFeeMinor': '--late-fee',
  dayBasis: '--day-basis',
};

export function penaltiesCommand(): Command {
  return new Command('penalties')
    .description(
      'late-payment interest and fixed compensation for one invoice (rules in docs/penalties.md)',
    )
    .addOption(
      new Option('--jurisdiction <code>', 'whose rules apply: EU, FR, DE, GB (UK) or CONTRACT')
        .argParser((v: string) => v.toUpperCase())
        .makeOptionMandatory(),
    )
    .option('--currency <code>', 'invoice currency (default: EUR for EU/FR/DE, GBP for GB)')
    .requiredOption('--amount <amount>', 'amount the interest runs on, e.g. 1000.00')
    .requiredOption('--due <date>', 'due date YYYY-MM-DD', parseDateOption)
    .option('--as-of <date>', 'end of the late period if unpaid (default: today)', parseDateOption)
    .option(
      '--payments <list>',
      'payments received, DATE:AMOUNT separated by commas (repeatable)',
      (value: string, list: string[] = []) => [...list, value],
    )
    .option('--rate <percent>', 'contractual rate in percent, replacing the statutory one')
    .addOption(
      new Option('--per <period>', 'what --rate is quoted per')
        .choices(RATE_PERIODS)
        .default('year'),
    )
    .option('--late-fee <amount>', 'contractual flat late fee (with --rate)')
    .addOption(
      new Option('--day-basis <basis>', 'day basis: 365, or actual (366 in leap years; DE only)')
        .choices(['365', 'actual'])
        .default('365'),
    )
    .option('--json', 'print JSON')
    .action(async (opts: PenaltiesOptions) => {
      const input = toInput(opts);
      const { rates } = await loadReferenceRates();
      const result = withOptionNames(() => computePenalties(input, rates));
      if (opts.json) printJson(result);
      else process.stdout.write(renderPenalties(result));
    });
}

/** Turns the options into the core's input, reporting every bad value at once. */
function toInput(opts: PenaltiesOptions): PenaltyInput {
  const problems: Problem[] = [];
  const jurisdiction = (opts.jurisdiction === 'UK' ? 'GB' : opts.jurisdiction) as Jurisdiction;
  if (!JURISDICTION_CHOICES.includes(opts.jurisdiction)) {
    problems.push({
      field: '--jurisdiction',
      value: opts.jurisdiction,
      expected: `one of ${JURISDICTION_CHOICES.join(', ')}`,
    });
  }
  const currency = (opts.currency ?? DEFAULT_CURRENCY[jurisdiction])?.toUpperCase();
  if (currency === undefined) {
    if (problems.length === 0)
      problems.push({ field: '--currency', expected: 'the invoice currency, like USD' });
  } else if (!isCurrencyCode(currency)) {
    problems.push({ field: '--currency', value: currency, expected: 'an ISO 4217 code like EUR' });
  }
  const known = currency !== undefined && isCurrencyCode(currency);
  const money = (field: string, text: string, shown = text): number | undefined => {
    if (!known) return undefined;
    const parsed = parseAmount(text, currency, 'dot');
    if (parsed.ok && parsed.minor > 0) return parsed.minor;
    problems.push({
      field,
      value: shown,
      expected: parsed.ok ? 'an amount above 0' : parsed.expected,
    });
    return undefined;
  };
  const amountMinor = money('--amount', opts.amount);
  const payments = (opts.payments ?? [])
    .flatMap((list) => list.split(/,(?=\s*\d{4}-\d{2}-\d{2}:)/))
    .map((entry, i): PenaltyPayment | undefined => {
      const field = `--payments[${i}]`;
      const [date = '', amount, ...rest] = entry.trim().split(':');
      if (amount === undefined || rest.length > 0 || parseLocalDate(date) === null) {
        problems.push({ field, value: entry, expected: 'DATE:AMOUNT, like 2026-02-10:250.00' });
        return undefined;
      }
      const minor = money(field, amount, entry);
      return minor === undefined ? undefined : { date, amountMinor: minor };
    });
  const fee = opts.lateFee === undefined ? undefined : money('--late-fee', opts.lateFee);
  if (opts.lateFee !== undefined && opts.rate === undefined) {
    problems.push({ field: '--late-fee', value: opts.lateFee, expected: 'a --rate to go with it' });
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new AppError('INVALID_INPUT', `relance penalties: ${count}`, problems);
  }
  const dayBasis: DayBasis = opts.dayBasis === 'actual' ? 'actual/actual' : '365';
  return {
    jurisdiction,
    currency: currency!,
    amountMinor: amountMinor!,
    dueDate: opts.due,
    asOf: opts.asOf ?? todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone),
    payments: payments as PenaltyPayment[],
    dayBasis,
    ...(opts.rate !== undefined
      ? {
          contract: {
            ratePercent: opts.rate,
            per: opts.per,
            ...(fee !== undefined ? { lateFeeMinor: fee } : {}),
          },
        }
      : {}),
  };
}

/** Renames the core's fields to the options typed; a missing rate says how to add it. */
function withOptionNames<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const missing =
      error.code === 'NOT_FOUND'
        ? /^rates\.(\w+)\.(\S+)$/.exec(error.problems[0]?.field ?? '')
        : null;
    const message = missing
      ? `${error.message} — add it with: relance rates add ${missing[1]} ${missing[2]} <percent>`
      : error.message;
    const problems = error.problems.map((p) => {
      const match = /^(\w+(?:\.\w+)?)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(p.field);
      if (match?.[1] === 'payments' && match[2] !== undefined) {
        return { ...p, field: `--payments[${match[2]}]${match[3] === 'date' ? ' date' : ''}` };
      }
      const option = OPTION_OF[p.field];
      return option === undefined ? p : { ...p, field: option };
    });
    throw new AppError(error.code, message, problems);
  }
}
