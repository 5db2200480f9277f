import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownHosts } from '../../electron/node/ssh/knownHosts';

const dir = mkdtempSync(join(tmpdir(), 'wb-kh-openssh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real host key made by ssh-keygen: its `type base64` text and its blob. */
function realKey(name: string): { text: string; blob: Buffer } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', path]);
  const [type, base64] = readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/);
  return { text: `${type} ${base64}`, blob: Buffer.from(base64 ?? '', 'base64') };
}

/** `ssh-keygen -F name -f file`: the key lines OpenSSH finds for that name. */
function openSshFinds(name: string, file: string): string[] {
  const result = spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

describe('known_hosts compatibility with OpenSSH', () => {
  it('writes hashed lines that ssh-keygen -F finds, for host and [host]:port', async () => {
    const file = join(dir, 'app_known_hosts');
    const onPort22 = realKey('port22');
    const onPort2222 = realKey('port2222');
    const knownHosts = new KnownHosts([file]);
    await knownHosts.add('db1.example', 22, onPort22.blob);
    await knownHosts.add('127.0.0.1', 2222, onPort2222.blob);
    expect(readFileSync(file, 'utf8')).not.toMatch(/db1|127\.0\.0\.1/);

    const found22 = openSshFinds('db1.example', file);
    expect(found22).toHaveLength(1);
    expect(found22[0]).toMatch(/^\|1\|/);
    expect(found22[0]?.endsWith(onPort22.text)).toBe(true);
    const found2222 = openSshFinds('[127.0.0.1]:2222', file);
    expect(found2222).toHaveLength(1);
    expect(found2222[0]?.endsWith(onPort2222.text)).toBe(true);
    expect(openSshFinds('127.0.0.1', file)).toEqual([]);
    expect(openSshFinds('[db1.example]:2222', file)).toEqual([]);
  });

  it('reads a file hashed by ssh-keygen -H', async () => {
    const file = join(dir, 'user_known_hosts');
    const plain = realKey('plain');
    const ported = realKey('ported');
    writeFileSync(file, `plain.example ${plain.text}\n[10.0.0.7]:2200 ${ported.text}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const hashed = readFileSync(file, 'utf8');
    expect(hashed).not.toMatch(/plain\.example|10\.0\.0\.7/);
    expect(hashed.match(/^\|1\|/gm)).toHaveLength(2);

    const knownHosts = new KnownHosts([join(dir, 'own'), file]);
    expect(await knownHosts.verify('plain.example', 22, plain.blob)).toMatchObject({
      status: 'trusted',
      entry: { file, line: 1 },
      skipped: [],
    });
    expect((await knownHosts.verify('10.0.0.7', 2200, ported.blob)).status).toBe('trusted');
    expect((await knownHosts.verify('10.0.0.7', 2200, plain.blob)).status).toBe('changed');
    expect((await knownHosts.verify('10.0.0.7', 22, ported.blob)).status).toBe('unknown');
  });
});
