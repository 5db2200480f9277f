import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeSkipped,
  fingerprintSha256,
  hashedHostName,
  parseKnownHosts,
  patternsMatch,
} from '../../../electron/node/ssh/knownHostsFormat';
import { fakeKey } from './fakeKey';

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

  it('hashes names as OpenSSH does, with a fresh 20-byte salt each time', () => {
    const salt = Buffer.alloc(20, 7);
    const expected = createHmac('sha1', salt).update('db1').digest('base64');
    expect(hashedHostName('db1', salt)).toBe(`|1|${salt.toString('base64')}|${expected}`);
    const once = hashedHostName('[db1]:2222');
    expect(once).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
    expect(hashedHostName('[db1]:2222')).not.toBe(once);
    expect(patternsMatch(once, 'db1', 2222)).toBe(true);
    expect(patternsMatch(once, 'db1', 22)).toBe(false);
    expect(patternsMatch(hashedHostName('db1'), 'db1', 22)).toBe(true);
  });
});

describe('parseKnownHosts', () => {
  it('skips and counts lines that do not parse, naming file and line, and never throws', () => {
    const key = fakeKey().toString('base64');
    const text = [
      '# comment',
      '',
      `db1 ssh-ed25519 ${key} me@laptop`,
      'garbage',
      `@sometimes db2 ssh-ed25519 ${key}`,
      'db3 ssh-ed25519 not*base64',
      `db4 ssh-rsa ${key}`,
      `|1|c2FsdA==|aGFzaA== ssh-ed25519 ${key}`,
      `@revoked * ssh-ed25519 ${key}`,
      `@cert-authority *.example ssh-ed25519 ${key}`,
    ].join('\n');
    const parsed = parseKnownHosts(text, '/k');
    expect(parsed.entries.map((e) => [e.line, e.marker, e.patterns])).toEqual([
      [3, '', 'db1'],
      [9, '@revoked', '*'],
      [10, '@cert-authority', '*.example'],
    ]);
    expect(parsed.skipped).toEqual([
      { file: '/k', line: 4, reason: 'expected host patterns, key type and key' },
      { file: '/k', line: 5, reason: 'unknown marker @sometimes' },
      { file: '/k', line: 6, reason: 'the key is not base64' },
      { file: '/k', line: 7, reason: 'the key is not a ssh-rsa key' },
      { file: '/k', line: 8, reason: 'malformed hashed host name' },
    ]);
    expect(describeSkipped(parsed.skipped.slice(0, 1))).toBe(
      'A known_hosts line was skipped because it does not parse: /k:4 (expected host patterns, key type and key).',
    );
    expect(describeSkipped(parsed.skipped)).toMatch(/^5 known_hosts lines were skipped .*\/k:8 /);
    for (const junk of ['@', '|', '|1|', '@revoked', '\u0000\u0001 x y', 'a b ====']) {
      expect(() => parseKnownHosts(junk, '/k')).not.toThrow();
      expect(parseKnownHosts(junk, '/k').skipped).toHaveLength(1);
    }
  });

  it('prints fingerprints as ssh-keygen -l does', () => {
    const blob = Buffer.from(
      'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      'base64',
    );
    expect(fingerprintSha256(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
