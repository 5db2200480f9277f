import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultTrustedKnownHosts,
  KnownHosts,
  SYSTEM_KNOWN_HOSTS,
} from '../../../electron/node/ssh/knownHosts';
import { parseKnownHosts, patternsMatch } from '../../../electron/node/ssh/knownHostsFormat';
import { fakeKey } from './fakeKey';

describe('KnownHosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-kh-'));

  it('says unknown, then trusted once added, and changed for another key', async () => {
    const file = join(dir, 'own');
    const knownHosts = new KnownHosts([file]);
    const key = fakeKey();
    expect((await knownHosts.verify('h', 2222, key)).status).toBe('unknown');
    await knownHosts.add('h', 2222, key);
    expect((await knownHosts.verify('h', 2222, key)).status).toBe('trusted');
    const changed = await knownHosts.verify('h', 2222, fakeKey());
    expect(changed.status).toBe('changed');
    // A key of another type on record is a change too: the app never silently accepts a new key.
    expect((await knownHosts.verify('h', 2222, fakeKey('ecdsa-sha2-nistp256'))).status).toBe(
      'changed',
    );
  });

  it('writes its own file hashed, for host and [host]:port alike', async () => {
    const file = join(dir, 'own-hashed');
    const knownHosts = new KnownHosts([file]);
    const onPort22 = fakeKey();
    const onPort2222 = fakeKey();
    await knownHosts.add('db1.example', 22, onPort22);
    await knownHosts.add('db1.example', 2222, onPort2222);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('db1');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\|1\|\S{28}\|\S{28} ssh-ed25519 \S+$/);
    expect(lines[0]?.endsWith(onPort22.toString('base64'))).toBe(true);
    const [first, second] = parseKnownHosts(text, file).entries;
    expect(first && patternsMatch(first.patterns, 'db1.example', 22)).toBe(true);
    expect(second && patternsMatch(second.patterns, 'db1.example', 2222)).toBe(true);
    expect(second && patternsMatch(second.patterns, 'db1.example', 22)).toBe(false);
    expect((await knownHosts.verify('db1.example', 22, onPort22)).status).toBe('trusted');
    expect((await knownHosts.verify('db1.example', 2222, onPort22)).status).toBe('changed');
  });

  it('keeps plain lines already in its own file, and starts a new line after an unended one', async () => {
    const file = join(dir, 'own-plain');
    const old = fakeKey();
    writeFileSync(file, `[old]:2200 ssh-ed25519 ${old.toString('base64')}`);
    const knownHosts = new KnownHosts([file]);
    await knownHosts.add('new', 22, fakeKey());
    expect((await knownHosts.verify('old', 2200, old)).status).toBe('trusted');
    const parsed = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.skipped).toEqual([]);
  });

  it('trusts the user file without writing to it, and honours @revoked', async () => {
    const user = join(dir, 'user');
    const key = fakeKey();
    const revoked = fakeKey();
    writeFileSync(
      user,
      `# comment\n\ndb1 ssh-ed25519 ${key.toString('base64')} me@laptop\n@revoked * ssh-ed25519 ${revoked.toString('base64')}\n`,
    );
    const knownHosts = new KnownHosts([join(dir, 'own2'), user]);
    expect((await knownHosts.verify('db1', 22, key)).status).toBe('trusted');
    expect((await knownHosts.verify('db1', 22, revoked)).status).toBe('revoked');
    await knownHosts.add('db2', 22, fakeKey());
    expect(readFileSync(user, 'utf8')).not.toContain('db2');
  });

  it('reads the system file after the user file: trusted there, changed against it', async () => {
    expect(defaultTrustedKnownHosts('/home/me')).toEqual([
      '/home/me/.ssh/known_hosts',
      SYSTEM_KNOWN_HOSTS,
    ]);
    expect(SYSTEM_KNOWN_HOSTS).toBe('/etc/ssh/ssh_known_hosts');
    const system = join(dir, 'ssh_known_hosts');
    const key = fakeKey();
    writeFileSync(system, `fleet-*.example ssh-ed25519 ${key.toString('base64')}\n`);
    const knownHosts = new KnownHosts([join(dir, 'own3'), join(dir, 'no-user-file'), system]);
    const trusted = await knownHosts.verify('fleet-7.example', 22, key);
    expect(trusted).toMatchObject({ status: 'trusted', entry: { file: system, line: 1 } });
    const changed = await knownHosts.verify('fleet-7.example', 22, fakeKey());
    expect(changed.status).toBe('changed');
    await knownHosts.add('fleet-8.example', 22, fakeKey());
    expect(readFileSync(system, 'utf8')).not.toContain('|1|');
  });

  it('refuses a host vouched for only by a @cert-authority line, naming it', async () => {
    const user = join(dir, 'user-ca');
    const ca = fakeKey();
    const hostKey = fakeKey();
    const pinned = fakeKey();
    writeFileSync(
      user,
      `pinned.example ssh-ed25519 ${pinned.toString('base64')}\n@cert-authority *.example ssh-ed25519 ${ca.toString('base64')}\n`,
    );
    const knownHosts = new KnownHosts([join(dir, 'own4'), user]);
    const verdict = await knownHosts.verify('web.example', 22, hostKey);
    expect(verdict).toMatchObject({
      status: 'cert-authority',
      authorities: [{ file: user, line: 2, marker: '@cert-authority' }],
    });
    // A key pinned by a plain line still decides for its host.
    expect((await knownHosts.verify('pinned.example', 22, pinned)).status).toBe('trusted');
    expect((await knownHosts.verify('pinned.example', 22, hostKey)).status).toBe('changed');
    expect((await knownHosts.verify('elsewhere.test', 22, hostKey)).status).toBe('unknown');
    expect(await knownHosts.knownKeyTypes('web.example', 22)).toEqual([]);
  });

  it('gives the lines it skipped with every verdict, and does not throw on them', async () => {
    const user = join(dir, 'user-bad');
    const key = fakeKey();
    writeFileSync(user, `db1 ssh-ed25519 ${key.toString('base64')}\ndb2 ssh-ed25519\n`);
    const knownHosts = new KnownHosts([join(dir, 'own5'), user]);
    const skipped = [{ file: user, line: 2, reason: 'expected host patterns, key type and key' }];
    expect(await knownHosts.verify('db1', 22, key)).toMatchObject({ status: 'trusted', skipped });
    expect(await knownHosts.verify('db2', 22, key)).toMatchObject({ status: 'unknown', skipped });
  });
});
