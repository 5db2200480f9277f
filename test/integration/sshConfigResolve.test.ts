// Resolving ~/.ssh/config aliases with the real OpenSSH `ssh -G`, on temp config files.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import type * as FsPromises from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importSshConfig } from '../../electron/node/ssh/sshConfigImport';
import { resolveSshAlias } from '../../electron/node/ssh/sshConfigResolve';
import { scanSshConfig } from '../../electron/node/ssh/sshConfigScan';
import { HostStore } from '../../electron/node/store/hostStore';

// Every file read passes through, recorded: an import must read each config file once.
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof FsPromises>();
  const readFile = vi.fn(original.readFile);
  return { ...original, default: { ...original, readFile }, readFile };
});

let dir: string;
let main: string;

function write(path: string, lines: string[]): string {
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-sshcfg-'));
  mkdirSync(join(dir, 'conf.d'));
  write(join(dir, 'conf.d', '10-db.conf'), [
    'Host db.corp',
    '  HostName 10.9.8.7',
    '  ProxyJump ops@bastion.corp:2200,jump2',
    '  IdentitiesOnly yes',
  ]);
  write(join(dir, 'conf.d', '20-web.conf'), ['Host web?', '  HostName %h.internal.example']);
  main = write(join(dir, 'config'), [
    `Include ${join(dir, 'conf.d', '*.conf')}`,
    'Host *.corp',
    '  User deploy',
    '  IdentityFile ~/.ssh/id_%h_%r',
    '  IdentityFile %d/keys/%p-%n',
    '  ServerAliveInterval 30',
    // Match host sees the HostName, not the alias: only db.corp's 10.9.8.7 gets this port.
    'Match host 10.9.8.7',
    '  Port 2222',
    'Host *',
    '  ServerAliveCountMax 5',
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolving an alias with ssh -G', () => {
  it('follows Include, Host wildcards, Match host, % tokens and ProxyJump', async () => {
    const result = await resolveSshAlias('db.corp', { configFile: main });
    expect(result).toEqual({
      ok: true,
      alias: 'db.corp',
      via: 'ssh -G',
      notes: [],
      host: {
        hostname: '10.9.8.7',
        user: 'deploy',
        port: 2222,
        identityFiles: [
          join(homedir(), '.ssh', 'id_10.9.8.7_deploy'),
          join(homedir(), 'keys', '2222-db.corp'),
        ],
        identitiesOnly: true,
        proxyJump: 'ops@bastion.corp:2200,jump2',
        serverAliveInterval: 30,
        serverAliveCountMax: 5,
      },
    });
  });

  it('expands %h in HostName and leaves hosts no block names at their defaults', async () => {
    const web = await resolveSshAlias('web1', { configFile: main });
    expect(web.ok && web.host).toMatchObject({
      hostname: 'web1.internal.example',
      port: 22,
      proxyJump: null,
      identitiesOnly: false,
      serverAliveCountMax: 5,
    });
  });

  it('refuses aliases that are options or hold shell characters, running nothing', async () => {
    const marker = join(dir, 'ran');
    for (const alias of [
      '-oProxyCommand=touch ' + marker,
      'a b',
      `$(touch ${marker})`,
      'x;id',
      '',
    ]) {
      const result = await resolveSshAlias(alias, { configFile: main });
      expect(result.ok).toBe(false);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('will not resolve a config with Match exec (even in an Include) without consent', async () => {
    const marker = join(dir, 'exec-ran');
    const included = write(join(dir, 'exec.conf'), [
      '# a team file',
      `Match exec "touch ${marker}"`,
      '  User ops',
    ]);
    const config = write(join(dir, 'config-exec'), ['Host *', `Include ${included}`]);
    const refused = await resolveSshAlias('db.corp', { configFile: config });
    expect(refused).toMatchObject({ ok: false, needsConsent: true });
    expect(!refused.ok && refused.error).toContain(`${included} line 2 has "Match exec"`);
    expect(existsSync(marker)).toBe(false);

    const allowed = await resolveSshAlias('db.corp', { configFile: config, allowMatchExec: true });
    expect(allowed.ok && allowed.host.user).toBe('ops');
    expect(existsSync(marker)).toBe(true);
  });

  it('names the file and line of a bad config line, and an Include loop', async () => {
    const bad = write(join(dir, 'config-bad'), ['Host x', '  NoSuchOption yes']);
    const result = await resolveSshAlias('x', { configFile: bad });
    expect(!result.ok && result.error).toMatch(/config-bad: line 2: Bad configuration option/);

    const loop = join(dir, 'config-loop');
    write(loop, [`Include ${loop}`]);
    const looped = await resolveSshAlias('x', { configFile: loop });
    expect(!looped.ok && looped.error).toMatch(
      /Include nested more than 16 deep .*config-loop line 1.*Include loop/,
    );
  });

  it('says so when the config file named does not exist', async () => {
    const missing = await resolveSshAlias('x', { configFile: join(dir, 'nope') });
    expect(!missing.ok && missing.error).toMatch(/Cannot read ssh config .*nope/);
  });
});

describe('importing the hosts of an ssh config', () => {
  it('imports named hosts only, and none of a Match exec config until the user agrees', async () => {
    const store = new HostStore(join(dir, 'hosts-import.json'));
    const plain = await importSshConfig(store, { configFile: main });
    // web? and *.corp are patterns, not hosts; db.corp's ProxyJump names hosts ssh resolves too.
    expect(plain.imported.map((h) => h.sshAlias)).toEqual(['db.corp']);
    expect(plain.imported[0]).toMatchObject({ serverAliveInterval: 30, serverAliveCountMax: 5 });
    expect(plain.imported[0]?.jump).toEqual([
      { host: 'bastion.corp', port: 2200, user: 'ops' },
      { host: 'jump2', port: 22, user: expect.any(String) },
    ]);

    const marker = join(dir, 'import-exec-ran');
    // Of several IdentityFile lines, the files that exist are kept, in order.
    const keys = [join(dir, 'key-b'), join(dir, 'key-missing'), join(dir, 'key-a')];
    writeFileSync(keys[0] as string, '');
    writeFileSync(keys[2] as string, '');
    const withKeys = write(join(dir, 'config-keys'), [
      'Host k1',
      ...keys.map((key) => `  IdentityFile ${key}`),
    ]);
    const keyed = await importSshConfig(store, { configFile: withKeys });
    expect(keyed.imported[0]).toMatchObject({ keyPath: keys[0], extraKeyPaths: [keys[2]] });

    const withExec = write(join(dir, 'config-import-exec'), [
      'Host app1 app2',
      '  HostName 10.1.1.1',
      `Match exec "touch ${marker}"`,
      '  User ops',
    ]);
    const refused = await importSshConfig(store, { configFile: withExec });
    expect(refused.imported).toEqual([]);
    expect(refused.failed.map((f) => [f.alias, f.needsConsent])).toEqual([
      ['app1', true],
      ['app2', true],
    ]);
    expect(existsSync(marker)).toBe(false);
    const allowed = await importSshConfig(store, { configFile: withExec, allowMatchExec: true });
    expect(allowed.imported.map((h) => `${h.user}@${h.host}`)).toEqual([
      'ops@10.1.1.1',
      'ops@10.1.1.1',
    ]);
  });
});

describe('one import', () => {
  it('scans each config file once and lists the saved hosts once, however many aliases and hops', async () => {
    const config = write(join(dir, 'config-chain'), [
      `Include ${join(dir, 'conf.d', '*.conf')}`,
      'Host edge',
      '  HostName 10.2.0.1',
      'Host core',
      '  HostName 10.2.0.2',
      '  ProxyJump edge',
      'Host app3 app4',
      '  HostName 10.2.0.3',
      '  ProxyJump core',
    ]);
    const store = new HostStore(join(dir, 'hosts-chain.json'));
    const list = vi.spyOn(store, 'list');
    const save = vi.spyOn(store, 'save');
    vi.mocked(readFile).mockClear();
    const result = await importSshConfig(store, { configFile: config });
    expect(result.resolver).toBe('ssh -G');
    expect(result.failed).toEqual([]);
    expect(result.imported.map((h) => h.sshAlias)).toEqual([
      'db.corp',
      'edge',
      'core',
      'app3',
      'app4',
    ]);
    expect(result.imported[3]?.jump?.map((hop) => 'host' in hop && hop.host)).toEqual([
      '10.2.0.1',
      '10.2.0.2',
    ]);
    const included = ['10-db.conf', '20-web.conf'].map((name) => join(dir, 'conf.d', name));
    const read = vi.mocked(readFile).mock.calls.map(([path]) => String(path));
    expect(read.filter((path) => path.startsWith(dir)).sort()).toEqual(
      [config, ...included, join(dir, 'hosts-chain.json')].sort(),
    );
    // Once by the import, and once inside each save.
    expect(save).toHaveBeenCalledTimes(5);
    expect(list).toHaveBeenCalledTimes(1 + 5);
  });
});

describe('scanning a config for its aliases and Match exec', () => {
  it('splits lines as ssh does: quotes of both kinds, "#" only at the start of a word', async () => {
    const config = write(join(dir, 'config-quotes'), [
      `Host 'single' "double" plain#tail # a comment`,
      '  HostName 10.3.0.1',
      "Match host 10.3.0.1 exec 'test -e /nonexistent' # runs a command",
    ]);
    const scan = await scanSshConfig(config);
    expect(scan).toMatchObject({
      ok: true,
      aliases: ['single', 'double', 'plain#tail'],
      matchExec: { file: config, line: 3 },
    });
  });
});

describe('where no OpenSSH client is installed', () => {
  it('resolves with the workbench parser, never runs Match exec, and says so', async () => {
    const noSsh = join(dir, 'empty-bin');
    mkdirSync(noSsh, { recursive: true });
    const marker = join(dir, 'parser-exec-ran');
    const config = write(join(dir, 'config-parser'), [
      'Host app1',
      '  HostName 10.1.1.1',
      '  ProxyJump ops@bastion:2200',
      `Match exec "touch ${marker}"`,
      '  User ops',
      'Host *',
      '  User deploy',
    ]);
    const store = new HostStore(join(dir, 'hosts-parser.json'));
    const result = await importSshConfig(store, { configFile: config, searchPath: noSsh });
    expect(result.resolver).toBe('parser');
    expect(result.failed).toEqual([]);
    expect(result.imported).toEqual([
      expect.objectContaining({
        sshAlias: 'app1',
        sshAliasResolver: 'parser',
        host: '10.1.1.1',
        user: 'deploy',
        jump: [{ host: 'bastion', port: 2200, user: 'ops' }],
      }),
    ]);
    expect(result.notes).toEqual([
      expect.stringMatching(
        new RegExp(`^${config} line 4: Match exec ".*" was not run.*may differ from ssh's`),
      ),
    ]);
    expect(existsSync(marker)).toBe(false);

    // The same with the process's own PATH holding no ssh, as on a machine without OpenSSH.
    const path = process.env.PATH;
    process.env.PATH = noSsh;
    try {
      const again = await importSshConfig(store, { configFile: config });
      expect(again.resolver).toBe('parser');
      expect(again.imported.map((host) => host.id)).toEqual(result.imported.map((host) => host.id));
    } finally {
      process.env.PATH = path;
    }
  });

  it('uses ssh -G when an OpenSSH client is on the search path', async () => {
    mkdirSync(join(dir, 'empty-bin'), { recursive: true });
    const store = new HostStore(join(dir, 'hosts-with-ssh.json'));
    const result = await importSshConfig(store, {
      configFile: main,
      searchPath: `${join(dir, 'empty-bin')}:/usr/bin`,
    });
    expect(result.resolver).toBe('ssh -G');
    expect(result.imported[0]?.sshAliasResolver).toBe('ssh -G');
  });
});
