import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fingerprintSha256,
  KnownHosts,
  patternsMatch,
} from '../../../electron/node/ssh/knownHosts';

/** An SSH wire-format key blob: string type, then 32 random bytes standing in for the key. */
function fakeKey(type = 'ssh-ed25519'): Buffer {
  const name = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, randomBytes(36)]);
}

describe('known_hosts patterns', () => {
  it('matches plain names, [host]:port, globs and negations as OpenSSH does', () => {
    expect(patternsMatch('db1,10.0.0.5', 'db1', 22)).toBe(true);
    expect(patternsMatch('db1', 'db1', 2222)).toBe(false);
    expect(patternsMatch('[db1]:2222', 'db1', 2222)).toBe(true);
    expect(patternsMatch('[127.0.0.1]:2222', '127.0.0.1', 2222)).toBe(true);
    expect(patternsMatch('[127.0.0.1]:2222', '127.0.0.1', 2223)).toBe(false);
    expect(patternsMatch('*.prod.example', 'api.prod.example', 22)).toBe(true);
    expect(patternsMatch('*.prod.example,!db.prod.example', 'db.prod.example', 22)).toBe(false);
    expect(patternsMatch('db?', 'db7', 22)).toBe(true);
  });

  it('matches hashed names (HashKnownHosts yes)', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[10.1.2.3]:2200').digest('base64');
    const hashed = `|1|${salt.toString('base64')}|${hash}`;
    expect(patternsMatch(hashed, '10.1.2.3', 2200)).toBe(true);
    expect(patternsMatch(hashed, '10.1.2.3', 22)).toBe(false);
  });
});

describe('KnownHosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-kh-'));

  it('says unknown, then trusted once added, and changed for another key', async () => {
    const file = join(dir, 'own');
    const knownHosts = new KnownHosts([file]);
    const key = fakeKey();
    expect((await knownHosts.verify('h', 2222, key)).status).toBe('unknown');
    await knownHosts.add('h', 2222, key);
    expect(readFileSync(file, 'utf8')).toBe(`[h]:2222 ssh-ed25519 ${key.toString('base64')}\n`);
    expect((await knownHosts.verify('h', 2222, key)).status).toBe('trusted');
    const changed = await knownHosts.verify('h', 2222, fakeKey());
    expect(changed.status).toBe('changed');
    // A key of another type on record is a change too: the app never silently accepts a new key.
    expect((await knownHosts.verify('h', 2222, fakeKey('ecdsa-sha2-nistp256'))).status).toBe(
      'changed',
    );
  });

  it('trusts the user file without writing to it, and honours @revoked', async () => {
    const user = join(dir, 'user');
    const key = fakeKey();
    const revoked = fakeKey();
    writeFileSync(
      user,
      `# comment\n\ndb1 ssh-ed25519 ${key.toString('base64')} me@laptop\n@revoked * ssh-ed25519 ${revoked.toString('base64')}\ngarbage\n`,
    );
    const knownHosts = new KnownHosts([join(dir, 'own2'), user]);
    expect((await knownHosts.verify('db1', 22, key)).status).toBe('trusted');
    expect((await knownHosts.verify('db1', 22, revoked)).status).toBe('revoked');
    await knownHosts.add('db2', 22, fakeKey());
    expect(readFileSync(user, 'utf8')).not.toContain('db2');
  });

  it('prints fingerprints as ssh-keygen -l does', () => {
    const blob = Buffer.from(
      'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      'base64',
    );
    expect(fingerprintSha256(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
