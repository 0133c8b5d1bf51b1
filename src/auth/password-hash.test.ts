import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, needsRehash, PASSWORD_PARAMS, verifyPassword } from './password-hash.ts';
import { FAST_PARAMS } from './auth.fixture.ts';

describe('password hashing (scrypt)', () => {
  it('writes a self-describing hash with the default parameters and a fresh salt', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    assert.match(a, /^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(a, b);
    assert.ok(await verifyPassword('correct horse battery staple', a));
    assert.ok(!(await verifyPassword('correct horse battery stapl', a)));
    assert.ok(!needsRehash(a));
  });

  it('verifies hashes made with other parameters, and says they need an upgrade', async () => {
    const old = await hashPassword('pâté en croûte!', FAST_PARAMS);
    assert.match(old, /^\$scrypt\$ln=10,r=8,p=1\$/);
    assert.ok(await verifyPassword('pâté en croûte!', old));
    // NFC and NFD spellings of the same text are the same password.
    assert.ok(await verifyPassword('pâté en croûte!'.normalize('NFD'), old));
    assert.ok(needsRehash(old, PASSWORD_PARAMS));
    assert.ok(!needsRehash(old, FAST_PARAMS));
  });

  it('refuses unreadable or tampered hashes without throwing', async () => {
    for (const stored of [
      '',
      'plain text',
      '$argon2id$v=19$m=65536,t=3,p=4$abc$def',
      '$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
      '$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA',
    ]) {
      assert.equal(await verifyPassword('x', stored), false, stored);
      assert.ok(needsRehash(stored), stored);
    }
  });
});
