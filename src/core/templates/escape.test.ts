import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { markdownText, plainText, safeUrl } from './escape.ts';

describe('markdownText', () => {
  it('escapes tags, entities, emphasis, links, code and table pipes', () => {
    assert.equal(
      markdownText('<script>alert(1)</script> & *b* _i_ [x](y) `c` a|b ~s~ #Tag !'),
      '\\<script\\>alert(1)\\</script\\> \\& \\*b\\* \\_i\\_ \\[x\\](y) \\`c\\` a\\|b \\~s\\~ \\#Tag \\!',
    );
  });

  it('keeps ordinary text as it is', () => {
    assert.equal(
      markdownText('Bellweather Foods S.A. (Madrid) - 15. März'),
      'Bellweather Foods S.A. (Madrid) - 15. März',
    );
  });

  it('breaks URLs and e-mail addresses so they are not turned into links', () => {
    assert.equal(
      markdownText('https://evil.example www.evil.example a@b.example'),
      'https\\://evil.example www\\.evil.example a\\@b.example',
    );
  });

  it('puts a value on one line: controls and line separators become spaces', () => {
    assert.equal(markdownText(' A\nB\r\n# C\u2028D\u0000 '), 'A B  \\# C D');
  });

  it('at the start of a line, escapes what would open a list or a heading underline', () => {
    const cases: [string, string][] = [
      ['- Corp', '\\- Corp'],
      ['+ Corp', '\\+ Corp'],
      ['1. Corp', '1\\. Corp'],
      ['2) Corp', '2\\) Corp'],
      ['15. März 2026', '15\\. März 2026'],
      ['---', '\\---'],
      ['===', '\\==='],
      ['-€120.00', '-€120.00'],
      ['12.15%', '12.15%'],
    ];
    for (const [value, expected] of cases) assert.equal(markdownText(value, true), expected, value);
    assert.equal(markdownText('1. Corp'), '1. Corp', 'inside a line nothing to fear');
  });
});

describe('plainText', () => {
  it('removes controls and surrounding spaces, escapes nothing', () => {
    assert.equal(plainText('  <b>A & B</b>\n'), '<b>A & B</b>');
  });
});

describe('safeUrl', () => {
  it('accepts http and https and percent-encodes what would break Markdown', () => {
    assert.equal(
      safeUrl(' https://pay.example/x?a=1&b=(2) é<>"| '),
      'https://pay.example/x?a=1&b=%282%29%20%C3%A9%3C%3E%22%7C',
    );
    assert.equal(safeUrl('http://a.example'), 'http://a.example');
  });

  it('refuses any other scheme', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://a.example',
      '//a.example',
      'https://',
    ])
      assert.equal(safeUrl(url), undefined, url);
  });
});
