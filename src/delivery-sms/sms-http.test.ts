import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.ts';
import { startReceiver, type Receiver } from '../../test/helpers/http-receiver.ts';
import {
  checkSmsConfig,
  renderSmsBody,
  sendSms,
  smsConfigFromEnv,
  toE164,
  type SmsHttpConfig,
} from './sms-http.ts';

const TEMPLATE = '{"from":"ACME","to":"{{to}}","message":{"text":"{{ text }}"}}';

describe('SMS over HTTP', () => {
  let receiver: Receiver;
  let config: SmsHttpConfig;
  before(async () => {
    receiver = await startReceiver();
    config = {
      url: `${receiver.url}/v1/sms`,
      authHeaderName: 'X-Api-Key',
      authHeaderValue: 'key-123',
      bodyTemplate: TEMPLATE,
      timeoutMs: 500,
    };
  });
  after(() => receiver.close());

  it('normalises and validates E.164 numbers', () => {
    assert.equal(toE164('+33 6 12 34 56 78'), '+33612345678');
    assert.equal(toE164('0033 (0)6-12.34.56.78'), '+33612345678');
    assert.equal(toE164('+330612345678'), '+330612345678'); // valid form, even if unusual
    assert.equal(toE164('0033 6-12.34.56.78'), '+33612345678');
    assert.equal(toE164('+1 (415) 555-0100'), '+14155550100');
    for (const bad of [
      '06 12 34 56 78',
      '+0612345678',
      '+33',
      '+336123456789012345',
      'call me',
      '',
    ]) {
      assert.equal(toE164(bad), null, bad);
    }
  });

  it('JSON-escapes the values in the template: quotes, backslashes, line breaks, unicode', () => {
    const text = 'Say "hi" \\ then\nnew line — €\u2028';
    const body = renderSmsBody(TEMPLATE, '+33612345678', text);
    assert.deepEqual(JSON.parse(body), {
      from: 'ACME',
      to: '+33612345678',
      message: { text },
    });
    // A text cannot inject fields.
    const sneaky = renderSmsBody(TEMPLATE, '+33612345678', '", "to": "+10000000000');
    assert.equal((JSON.parse(sneaky) as { to: string }).to, '+33612345678');
  });

  it('posts the JSON body with the auth header and returns the provider answer', async () => {
    receiver.answer(() => ({ status: 201, body: '{"id":"msg-1"}' }));
    const result = await sendSms(config, '+33 6 12 34 56 78', 'Votre facture F1 est échue.');
    assert.deepEqual(result, { ok: true, status: 201, response: '{"id":"msg-1"}' });
    const request = receiver.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1/sms');
    assert.equal(request.headers['x-api-key'], 'key-123');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body.toString('utf8')), {
      from: 'ACME',
      to: '+33612345678',
      message: { text: 'Votre facture F1 est échue.' },
    });
  });

  it('classifies failures: 5xx, 429, 401 and timeouts temporary; 400 permanent; refused connection temporary', async () => {
    const cases: [number, 'temporary' | 'permanent'][] = [
      [500, 'temporary'],
      [503, 'temporary'],
      [429, 'temporary'],
      [401, 'temporary'],
      [400, 'permanent'],
      [422, 'permanent'],
    ];
    for (const [status, kind] of cases) {
      receiver.answer(() => ({ status, body: 'nope' }));
      const r = await sendSms(config, '+33612345678', 'hello');
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.kind === kind && r.status === status, `${status}: ${JSON.stringify(r)}`);
    }
    receiver.answer(() => ({ status: 200, delayMs: 2000 }));
    const slow = await sendSms(config, '+33612345678', 'hello');
    assert.ok(!slow.ok && slow.kind === 'temporary' && /timeout after 500 ms/.test(slow.error));
    const down = await sendSms({ ...config, url: 'http://127.0.0.1:9/' }, '+33612345678', 'hi');
    assert.ok(!down.ok && down.kind === 'temporary' && down.status === null, JSON.stringify(down));
  });

  it('refuses a bad number or text before sending anything (INVALID_INPUT, every problem)', async () => {
    const before = receiver.requests.length;
    await assert.rejects(sendSms(config, '06 12 34 56 78', ''), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'INVALID_INPUT');
      assert.deepEqual(
        e.problems.map((p) => p.field),
        ['to', 'text'],
      );
      return true;
    });
    assert.equal(receiver.requests.length, before);
  });

  it('checks the settings: URL, header pair, placeholders, JSON validity (CONFIG)', () => {
    const problems = (c: Partial<SmsHttpConfig>) => {
      try {
        checkSmsConfig({ ...config, ...c });
        return [];
      } catch (e) {
        assert.ok(e instanceof AppError && e.code === 'CONFIG');
        return e.problems.map((p) => `${p.field}: ${p.value}`);
      }
    };
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems({ url: 'ftp://x' }), ['sms.url: ftp://x']);
    assert.deepEqual(problems({ authHeaderValue: undefined }), ['sms.authHeaderValue: ']);
    assert.deepEqual(problems({ authHeaderName: 'Bad Header' }), [
      'sms.authHeaderName: Bad Header',
    ]);
    assert.deepEqual(problems({ bodyTemplate: '{"to":"{{to}}","x":"{{from}}"}' }), [
      'sms.bodyTemplate: {{from}}',
      'sms.bodyTemplate: {"to":"{{to}}","x":"{{from}}"}',
    ]);
    assert.deepEqual(problems({ bodyTemplate: '{"to":{{to}},"text":"{{text}}"}' }), [
      'sms.bodyTemplate: {"to":{{to}},"text":"{{text}}"}',
    ]);
  });

  it('reads its settings from the environment', () => {
    assert.equal(smsConfigFromEnv({}), undefined);
    assert.deepEqual(
      smsConfigFromEnv({
        RELANCE_SMS_URL: 'https://sms.example/send',
        RELANCE_SMS_AUTH_HEADER: 'Authorization: Bearer abc:def',
      }),
      {
        url: 'https://sms.example/send',
        authHeaderName: 'Authorization',
        authHeaderValue: 'Bearer abc:def',
        bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}',
        timeoutMs: undefined,
      },
    );
    assert.throws(
      () => smsConfigFromEnv({ RELANCE_SMS_URL: 'https://x', RELANCE_SMS_AUTH_HEADER: 'nocolon' }),
      (e: unknown) => e instanceof AppError && e.code === 'CONFIG',
    );
  });
});
