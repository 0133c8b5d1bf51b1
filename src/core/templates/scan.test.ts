import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashtagsOf, scanTemplate } from './scan.ts';

const names = (text: string) => hashtagsOf(text).map((t) => t.name);

describe('scanTemplate', () => {
  it('finds CamelCase hashtags inside sentences, with their line and column', () => {
    const tags = hashtagsOf('Dear #ContactName,\n\nYou owe **#OverdueTotal** (#Currency).');
    assert.deepEqual(
      tags.map((t) => [t.name, t.line, t.column]),
      [
        ['ContactName', 1, 6],
        ['OverdueTotal', 3, 11],
        ['Currency', 3, 28],
      ],
    );
  });

  it('ends a hashtag at the first character that is not a letter or a digit', () => {
    assert.deepEqual(names("#CustomerName's account, #Today. #Step2x-y"), [
      'CustomerName',
      'Today',
      'Step2x',
    ]);
  });

  it('does not take headings, numbers, fragments or entities for hashtags', () => {
    const text = [
      '# Title',
      '## Subtitle',
      '###### Small',
      '##Glued',
      'Invoice #123 and &#35; and https://example.com/page#Anchor and word#Tag',
      'C# and #_x and # alone',
    ].join('\n');
    assert.deepEqual(names(text), []);
  });

  it('keeps an escaped \\#Name as text, but a hashtag after an escaped backslash is one', () => {
    const parts = scanTemplate('Write \\#CustomerName or \\\\#Today');
    assert.deepEqual(parts, [
      { type: 'text', text: 'Write \\#CustomerName or \\\\' },
      { type: 'tag', name: 'Today', line: 1, column: 27, alone: false, inLinkDestination: false },
    ]);
  });

  it('reads letters beyond ASCII, so a misspelt #Échéance is caught later', () => {
    assert.deepEqual(names('Payer avant le #Échéance2'), ['Échéance2']);
  });

  it('says when a hashtag stands alone on its line and when it is a link destination', () => {
    const tags = hashtagsOf('  #StatementTable  \nPay [online](#PaymentLink) or #PaymentLink.');
    assert.deepEqual(
      tags.map((t) => [t.name, t.alone, t.inLinkDestination]),
      [
        ['StatementTable', true, false],
        ['PaymentLink', false, true],
        ['PaymentLink', false, false],
      ],
    );
  });

  it('counts lines the same with Windows line endings, and gives the text back unchanged', () => {
    const text = 'a\r\nb #Today\r\n';
    assert.equal(hashtagsOf(text)[0]?.line, 2);
    const rebuilt = scanTemplate('x #Today y\n\n#OverdueTable\nz')
      .map((p) => (p.type === 'text' ? p.text : `#${p.name}`))
      .join('');
    assert.equal(rebuilt, 'x #Today y\n\n#OverdueTable\nz');
  });
});
