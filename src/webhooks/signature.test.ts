import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './signature.ts';

const SECRET = 'whsec_test_secret_0123456789';
const BODY = '{"id":"evt_1","type":"account.held"}';
const NOW = new Date('2026-03-10T10:00:00Z');
const T = NOW.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 in hex, as documented', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    assert.equal(signatureHeader(SECRET, BODY, NOW), `t=${T},v1=${expected}`);
  });

  it('verifies its own signature, from a string or the raw bytes', () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    assert.equal(verifySignature(SECRET, header, BODY, NOW), true);
    assert.equal(verifySignature(SECRET, header, Buffer.from(BODY), NOW), true);
  });

  it('refuses a tampered body, another secret, a missing or malformed header', () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    assert.equal(verifySignature(SECRET, header, BODY.replace('held', 'released'), NOW), false);
    assert.equal(verifySignature(`${SECRET}x`, header, BODY, NOW), false);
    assert.equal(verifySignature(SECRET, undefined, BODY, NOW), false);
    assert.equal(verifySignature(SECRET, 'v1=abc', BODY, NOW), false);
    assert.equal(verifySignature(SECRET, `t=${T}`, BODY, NOW), false);
    assert.equal(verifySignature('', header, BODY, NOW), false);
  });

  it('refuses a timestamp outside the tolerance, either way', () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    const later = (s: number) => new Date(NOW.getTime() + s * 1000);
    assert.equal(verifySignature(SECRET, header, BODY, later(300)), true);
    assert.equal(verifySignature(SECRET, header, BODY, later(301)), false);
    assert.equal(verifySignature(SECRET, header, BODY, later(-301)), false);
    assert.equal(verifySignature(SECRET, header, BODY, later(50), 30), false);
  });

  it('accepts any of several v1 signatures and ignores unknown entries', () => {
    const good = signatureHeader(SECRET, BODY, NOW).split(',')[1]!;
    const header = `t=${T},v0=zzz,v1=${'0'.repeat(64)},${good}`;
    assert.equal(verifySignature(SECRET, header, BODY, NOW), true);
  });
});
