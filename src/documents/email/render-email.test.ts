import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reminderMarkdown } from '../pdf/letter.fixture.ts';
import { renderEmail } from './render-email.ts';

const input = { subject: 'Reminder: overdue invoices', markdown: reminderMarkdown(3), lang: 'en' };

describe('renderEmail', () => {
  it('escapes raw HTML from the Markdown in both parts', () => {
    const { html, text } = renderEmail({
      ...input,
      markdown: 'Hello <script>alert(1)</script> <b onclick="x">b</b>\n\n<div>block</div>',
    });
    assert.doesNotMatch(html, /<script|<b |<div>/);
    assert.match(
      html,
      /Hello &lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;b onclick=&quot;x&quot;&gt;b&lt;\/b&gt;/,
    );
    assert.match(html, /&lt;div&gt;block&lt;\/div&gt;/);
    assert.match(
      text,
      /^Hello <script>alert\(1\)<\/script> <b onclick="x">b<\/b>\n\n<div>block<\/div>\n$/,
    );
  });

  it('refuses unsafe link targets', () => {
    const { html } = renderEmail({
      ...input,
      markdown: '[pay](javascript:alert(1)) [ok](https://pay.example.com/x)',
    });
    // markdown-it leaves a javascript: link as plain text.
    assert.doesNotMatch(html, /href="javascript:/);
    assert.match(html, /\[pay\]\(javascript:alert\(1\)\)/);
    assert.match(html, /<a href="https:\/\/pay\.example\.com\/x" style="[^"]+">ok<\/a>/);
  });

  it('styles every element inline, with no <style> block, in a table layout', () => {
    const { html } = renderEmail(input);
    assert.doesNotMatch(html, /<style|class=/);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<table role="presentation" width="640"/);
    for (const tag of ['p', 'h2', 'ol', 'li', 'table', 'th', 'td', 'a']) {
      const tags = html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? [];
      const styled = html.match(new RegExp(`<${tag} [^>]*style="`, 'g')) ?? [];
      assert.ok(tags.length > 0, `<${tag}> present`);
      assert.equal(styled.length, tags.length, `every <${tag}> has a style`);
    }
    // Amounts right-aligned and kept on one line; totals rows stand out.
    assert.match(html, /<td style="[^"]*white-space:nowrap;[^"]*text-align:right;">50,00/);
    assert.match(
      html,
      /<td style="[^"]*font-weight:bold;border-top:2px solid #333333;[^"]*"><strong>Total overdue EUR<\/strong>/,
    );
  });

  it('writes a plain-text part with aligned tables and visible links', () => {
    const { text } = renderEmail(input);
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('Invoice'));
    assert.ok(header);
    const open = header.indexOf('Open') + 'Open'.length;
    for (const line of lines.filter((l) => /^(INV-|Total overdue)/.test(l))) {
      assert.equal(line.length, open, `right-aligned to the "Open" column: "${line}"`);
    }
    assert.match(text, /Statement of account\n-{20}/);
    assert.match(
      text,
      /2\. pay online at your customer page \(https:\/\/pay\.example\.com\/c\/ACME-0042\);/,
    );
    assert.ok(
      lines.every((l) => l.length <= 76 || /https?:\/\/|^(Invoice|INV-|-|Total)/.test(l)),
      text,
    );
  });

  it('keeps the subject on one line (no header injection)', () => {
    const { subject, html } = renderEmail({
      ...input,
      subject: 'Reminder\r\nBcc: everyone@example.com <x>',
    });
    assert.equal(subject, 'Reminder Bcc: everyone@example.com <x>');
    assert.match(html, /<title>Reminder Bcc: everyone@example.com &lt;x&gt;<\/title>/);
  });

  it('adds a hidden preheader when given', () => {
    const { html } = renderEmail({ ...input, preheader: '3 invoices overdue' });
    assert.match(html, /<div style="display:none;[^"]*">3 invoices overdue<\/div>/);
  });

  it('renders CJK and accents unchanged', () => {
    const { html, text } = renderEmail({
      ...input,
      markdown: 'Cher client **株式会社東京商事**, Zoë',
    });
    assert.match(html, /<strong>株式会社東京商事<\/strong>, Zoë/);
    assert.equal(text, 'Cher client 株式会社東京商事, Zoë\n');
  });
});
