import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { action, edit, problemsOf } from './validate-scenario.fixture.ts';

const REJECTIONS: [string, unknown, string, RegExp][] = [
  ['not an object', [1, 2], 'scenario', /a scenario/],
  ['a bad code', edit((sc) => (sc.code = 'my scenario')), 'code', /letters, digits, _ and -/],
  ['a missing name', edit((sc) => delete sc.name), 'name', /a scenario name/],
  ['catchUp not a boolean', edit((sc) => (sc.catchUp = 'yes')), 'catchUp', /true or false/],
  ['no steps', edit((sc) => (sc.steps = [])), 'steps', /1 to 30 steps/],
  ['an unknown field', edit((sc) => (sc.catchup = true)), 'catchup', /did you mean "catchUp"/],
  [
    'a duplicate step id',
    edit((_, s) => (s[2]!.id = 'l1')),
    'steps[2].id',
    /used once.*steps\[1\]/,
  ],
  ['a missing step name', edit((_, s) => delete s[1]!.name), 'steps[1].name', /a step name/],
  [
    'an unknown step kind',
    edit((_, s) => (s[1]!.kind = 'level1')),
    'steps[1].kind',
    /did you mean "level_1"/,
  ],
  [
    'a fractional offset',
    edit((_, s) => (s[1]!.offsetDays = 8.5)),
    'steps[1].offsetDays',
    /whole number/,
  ],
  [
    'an offset as text',
    edit((_, s) => (s[1]!.offsetDays = '8')),
    'steps[1].offsetDays',
    /whole number/,
  ],
  [
    'unsorted offsets',
    edit((_, s) => (s[2]!.offsetDays = 5)),
    'steps[2].offsetDays',
    /greater than 8, the offset of steps\[1\] "l1".*strictly increasing/,
  ],
  [
    'a duplicate offset',
    edit((_, s) => (s[2]!.offsetDays = 8)),
    'steps[2].offsetDays',
    /different from steps\[1\] "l1", which is also 8/,
  ],
  [
    'a softer kind after a firmer one',
    edit((_, s) => (s[2]!.kind = 'reminder')),
    'steps[2].kind',
    /level_1 or firmer, as steps\[1\] "l1"/,
  ],
  ['no actions', edit((_, s) => (s[0]!.actions = [])), 'steps[0].actions', /1 to 10 actions/],
  [
    'an unknown action',
    edit((_, s) => (action(s, 1, 1).kind = 'phone_call')),
    'steps[1].actions[1].kind',
    /one of email, letter.*handover/,
  ],
  [
    'a misspelt action',
    edit((_, s) => (action(s, 1, 0).kind = 'emial')),
    'steps[1].actions[0].kind',
    /did you mean "email"/,
  ],
  [
    'a missing template',
    edit((_, s) => delete action(s, 0, 0).template),
    'steps[0].actions[0].template',
    /email actions need one/,
  ],
  [
    'an unknown template',
    edit((_, s) => (action(s, 0, 0).template = 'reminder_mail')),
    'steps[0].actions[0].template',
    /did you mean "reminder_email".*level1_call/,
  ],
  [
    'registered on an e-mail',
    edit((_, s) => (action(s, 0, 0).registered = true)),
    'steps[0].actions[0].registered',
    /only letters/,
  ],
  [
    'registered not a boolean',
    edit((_, s) => (action(s, 3, 0).registered = 'yes')),
    'steps[3].actions[0].registered',
    /true or false/,
  ],
  [
    'an unknown role',
    edit((_, s) => (action(s, 2, 1).role = 'sales')),
    'steps[2].actions[1].role',
    /one of collector, sales_owner, credit_manager \(did you mean "sales_owner"\?\)/,
  ],
  [
    'a role on a letter',
    edit((_, s) => (action(s, 2, 0).role = 'collector')),
    'steps[2].actions[0].role',
    /no role here/,
  ],
  [
    'an unknown action field',
    edit((_, s) => (action(s, 0, 0).templat = 'x')),
    'steps[0].actions[0].templat',
    /did you mean "template"/,
  ],
  [
    'a negative interval',
    edit((_, s) => (s[1]!.minDaysSincePrevious = -2)),
    'steps[1].minDaysSincePrevious',
    /0 or more.*never negative/,
  ],
  [
    'negative sales check days',
    edit((_, s) => (s[2]!.salesCheckDays = -1)),
    'steps[2].salesCheckDays',
    /never negative/,
  ],
  [
    'negative deadline',
    edit((_, s) => (s[2]!.deadlineDays = -3)),
    'steps[2].deadlineDays',
    /never negative/,
  ],
  [
    'repeat on a step that is not the last',
    edit((_, s) => (s[1]!.repeatEveryDays = 7)),
    'steps[1].repeatEveryDays',
    /only the last step \(steps\[3\] "notice"\)/,
  ],
  [
    'repeat every 0 days',
    edit((_, s) => (s[3]!.repeatEveryDays = 0)),
    'steps[3].repeatEveryDays',
    /1 or more/,
  ],
  [
    'an unknown mode',
    edit((_, s) => (s[3]!.mode = 'confirmed')),
    'steps[3].mode',
    /one of auto, confirm, manual \(did you mean "confirm"\?\)/,
  ],
  [
    'empty recipients',
    edit((_, s) => (s[0]!.recipients = [])),
    'steps[0].recipients',
    /at least one/,
  ],
  [
    'a bad recipient role',
    edit((_, s) => (s[0]!.recipients = ['Accounts Payable'])),
    'steps[0].recipients[0]',
    /contact role/,
  ],
  [
    'a recipient twice',
    edit((_, s) => (s[0]!.recipients = ['cfo', 'cfo'])),
    'steps[0].recipients[1]',
    /listed once/,
  ],
  [
    'an unknown currency',
    edit((_, s) => (s[0]!.conditions = { minOverdueMinor: { EURO: 100 } })),
    'steps[0].conditions.minOverdueMinor.EURO',
    /ISO 4217.*did you mean "EUR"/,
  ],
  [
    'a negative minimum',
    edit((_, s) => (s[0]!.conditions = { minOverdueMinor: { EUR: -1 } })),
    'steps[0].conditions.minOverdueMinor.EUR',
    /0 or more/,
  ],
  [
    'a fractional minimum in minor units',
    edit((_, s) => (s[0]!.conditions = { minOverdueMinor: { EUR: 1.5 } })),
    'steps[0].conditions.minOverdueMinor.EUR',
    /whole number of minor units/,
  ],
  [
    'too many decimals',
    edit((_, s) => (s[0]!.conditions = { minOverdue: { EUR: '50.001' } })),
    'steps[0].conditions.minOverdue.EUR',
    /at most 2 decimals for EUR/,
  ],
  [
    'a negative decimal minimum',
    edit((_, s) => (s[0]!.conditions = { minOverdue: { EUR: '-5' } })),
    'steps[0].conditions.minOverdue.EUR',
    /0 or more/,
  ],
  [
    'a minimum given twice',
    edit(
      (_, s) => (s[0]!.conditions = { minOverdue: { EUR: '5' }, minOverdueMinor: { EUR: 500 } }),
    ),
    'steps[0].conditions.minOverdue.EUR',
    /one amount per currency/,
  ],
  [
    'a bad country',
    edit((_, s) => (s[0]!.conditions = { countries: ['France'] })),
    'steps[0].conditions.countries[0]',
    /ISO 3166/,
  ],
  [
    'segments not a list',
    edit((_, s) => (s[0]!.conditions = { segments: 'smb' })),
    'steps[0].conditions.segments',
    /a list of segment names/,
  ],
  [
    'an unknown condition',
    edit((_, s) => (s[0]!.conditions = { minOverdueAmount: {} })),
    'steps[0].conditions.minOverdueAmount',
    /did you mean "minOverdue/,
  ],
];

describe('validateScenario: rejections', () => {
  for (const [what, input, field, expected] of REJECTIONS) {
    it(`refuses ${what} (${field})`, () => {
      const problems = problemsOf(input);
      const found = problems.find((p) => p.field === field && expected.test(p.expected));
      assert.ok(
        found,
        `no problem on ${field} matching ${expected}: ${JSON.stringify(problems, null, 1)}`,
      );
    });
  }
});
