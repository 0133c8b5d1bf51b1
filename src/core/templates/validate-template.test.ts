import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, describeProblem } from '../errors.ts';
import { validateTemplate, validateTemplates } from './validate-template.ts';

const email = {
  code: 'reminder_email',
  kind: 'email',
  language: 'en',
  subject: 'Reminder: #OverdueTotal overdue',
  body: '#Salutation\n\nPlease pay #OverdueTotal.\n\n#OverdueTable\n',
};

/** The problems of an invalid input, as the CLI prints them. */
function problems(input: unknown, validate: (i: unknown) => unknown = validateTemplate): string[] {
  try {
    validate(input);
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'INVALID_INPUT');
    return error.problems.map(describeProblem);
  }
  assert.fail('expected the input to be refused');
}

describe('validateTemplate', () => {
  it('returns a valid template, line endings as \\n and the subject trimmed', () => {
    const t = validateTemplate({ ...email, subject: ' Hello ', body: 'a\r\nb #Today\r\n' });
    assert.deepEqual(t, { ...email, subject: 'Hello', body: 'a\nb #Today\n' });
  });

  it('names an unknown hashtag, its line and the closest known one', () => {
    assert.deepEqual(
      problems({ ...email, body: 'Dear,\n\nYou owe #OverdueTotl to #CompanyNam.\n' }),
      [
        'body (line 3): got "#OverdueTotl", expected a known hashtag (did you mean "#OverdueTotal"?): the list is in docs/hashtags.md (write \\# for a literal #)',
        'body (line 3): got "#CompanyNam", expected a known hashtag (did you mean "#CompanyName"?): the list is in docs/hashtags.md (write \\# for a literal #)',
      ],
    );
  });

  it('suggests the right case, and says nothing when no name is close', () => {
    const [lower, far] = problems({ ...email, body: '#customername #Zebra' });
    assert.match(
      lower ?? '',
      /got "#customername", expected a known hashtag \(did you mean "#CustomerName"\?\)/,
    );
    assert.match(far ?? '', /got "#Zebra", expected a known hashtag: the list/);
  });

  it('refuses a block hashtag inside a sentence, in a subject and in an SMS', () => {
    assert.deepEqual(
      problems({ ...email, subject: 'See #StatementTable', body: 'Here: #OverdueTable\n' }),
      [
        'subject: got "#StatementTable", expected an inline hashtag: #StatementTable is a block (a table or a list) and cannot go in a subject',
        'body (line 1): got "#OverdueTable", expected #OverdueTable alone on its line: it is a block (a table or a list) and cannot sit inside a sentence',
      ],
    );
    assert.deepEqual(
      problems({ code: 's', kind: 'sms', language: 'fr', body: 'Dû :\n#OverdueTable' }),
      [
        'body (line 2): got "#OverdueTable", expected no block hashtag in an SMS: #OverdueTable is a table or a list; use an amount such as #OverdueTotal',
      ],
    );
  });

  it('refuses an e-mail without a subject, and a subject on an SMS or a call script', () => {
    assert.deepEqual(problems({ ...email, subject: undefined }), [
      'subject: expected a subject (one line of text, at most 300 characters): an e-mail needs one',
    ]);
    assert.deepEqual(problems({ ...email, subject: '  ' }), [
      'subject: got "  ", expected a subject (one line of text, at most 300 characters): an e-mail needs one',
    ]);
    assert.deepEqual(
      problems({ code: 'c', kind: 'call_script', language: 'de', subject: 'x', body: 'y' }),
      ['subject: got "x", expected no subject: call_script templates have none'],
    );
    assert.deepEqual(problems({ ...email, subject: 'two\nlines' }), [
      'subject: got "two\\nlines", expected a subject on one line of text, at most 300 characters',
    ]);
  });

  it('lets a letter go without a subject, and an internal notice needs one', () => {
    assert.equal(
      validateTemplate({ code: 'l', kind: 'letter', language: 'es', body: '#Today' }).subject,
      undefined,
    );
    assert.equal(problems({ code: 'n', kind: 'internal', language: 'en', body: 'x' }).length, 1);
  });

  it('refuses a hashtag that is not a link as the destination of a link', () => {
    assert.deepEqual(problems({ ...email, body: '[pay](#CustomerName) or [pay](#PaymentLink)' }), [
      'body (line 1): got "#CustomerName", expected a link hashtag between the ( ) of a Markdown link: #CompanyWebsite, #PortalLink, #PaymentLink, #AccountLink',
    ]);
  });

  it('reports every problem at once: fields, subject and body', () => {
    const input = {
      code: 'bad code',
      kind: 'emial',
      language: 'fr-FR',
      subjet: 'x',
      name: '',
      subject: 'Pay #OverdueTotl',
      body: '#Foo\n\nok #Today\n#Bar',
    };
    let error: unknown;
    try {
      validateTemplate(input);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof AppError);
    assert.equal(error.message, 'invalid template bad code (fr-FR): 8 problems');
    const known = 'the list is in docs/hashtags.md (write \\# for a literal #)';
    assert.deepEqual(error.problems.map(describeProblem), [
      'subjet: expected a known field (did you mean "subject"?) — fields here: code, kind, language, name, subject, body',
      'code: got "bad code", expected a template code: letters, digits, _ . - (at most 64, starting with a letter or digit)',
      'kind: got "emial", expected one of email, letter, call_script, sms, internal (did you mean "email"?)',
      'language: got "fr-FR", expected one of en, fr, de, es (did you mean "fr"?)',
      'name: got "", expected a template name (text of 1 to 200 characters)',
      `subject: got "#OverdueTotl", expected a known hashtag (did you mean "#OverdueTotal"?): ${known}`,
      `body (line 1): got "#Foo", expected a known hashtag: ${known}`,
      `body (line 4): got "#Bar", expected a known hashtag: ${known}`,
    ]);
  });

  it('refuses an empty body and a body that is not text', () => {
    assert.deepEqual(problems({ ...email, body: ' \n ' }), [
      'body: got " \\n ", expected the text of the template, in Markdown (1 to 100000 characters)',
    ]);
    assert.equal(problems({ ...email, body: 42 }).length, 1);
    assert.deepEqual(problems(null), [
      'template: got "null", expected a template (an object with named fields)',
    ]);
  });

  it('accepts escaped hashtags and Markdown headings', () => {
    const t = validateTemplate({
      ...email,
      body: '# Statement\n\n## Items\n\nWrite \\#Anything, invoice #42.\n',
    });
    assert.equal(t.body, '# Statement\n\n## Items\n\nWrite \\#Anything, invoice #42.\n');
  });
});

describe('validateTemplates', () => {
  it('refuses two versions of a code in one language, and a code whose languages differ in kind', () => {
    const list = [
      email,
      { ...email, language: 'fr' },
      { ...email, language: 'fr', subject: 'Rappel' },
      { ...email, language: 'de', kind: 'letter' },
      { ...email, language: 'xx', body: '#Nope' },
    ];
    assert.deepEqual(problems(list, validateTemplates), [
      'templates[4].language: got "xx", expected one of en, fr, de, es',
      'templates[4].body (line 1): got "#Nope", expected a known hashtag: the list is in docs/hashtags.md (write \\# for a literal #)',
      'templates[2].language: got "fr", expected one template per code and language (templates[1] is reminder_email in fr too)',
      'templates[3].kind: got "letter", expected email like templates[0] reminder_email (en): every language of a template is the same kind',
    ]);
  });

  it('returns the list when all is well, and refuses what is not a list', () => {
    assert.equal(validateTemplates([email, { ...email, language: 'de' }]).length, 2);
    assert.deepEqual(problems({}, validateTemplates), [
      'templates: got "{}", expected a list of templates',
    ]);
  });
});
