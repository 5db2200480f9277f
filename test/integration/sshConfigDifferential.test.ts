// The workbench's ssh_config parser against the real OpenSSH `ssh -G`, field by field, on many
// small generated configs (Host patterns and negations, Match host/user/originalhost/final/all,
// Include with globs, % tokens, quoting). ssh runs with HOME set to a temp dir and `-F`; no
// generated config has Match exec, so ssh runs nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeConfigFiles } from '../../electron/node/ssh/sshConfigFiles';
import { resolveWithParser } from '../../shared/sshConfig/resolveConfig';
import { parseSshG } from '../../shared/sshConfig/sshG';

const ALIASES = ['web1', 'db1', 'db2', 'Db3', '10.0.0.5', 'jump'];
const PATTERNS = ['*', 'web*', 'db?', '!db2', 'db1', '*.corp', '!web1', '10.0.0.*', 'Db*', 'jump'];
const LISTS = ['db1,web*', '!db2,*', 'web1', '*.corp,10.*', 'DB?', 'db*,!db1', 'h-*'];
const USERS = ['ops', 'deploy', 'root,ops', '!root,*', 'r*'];
const OPTIONS: [string, string[]][] = [
  ['HostName', ['h-%h.corp', '10.1.1.1', 'db1', 'LONG.Example', '%h', 'x%%y']],
  ['User', ['ops', 'deploy', 'root', '"quoted user"']],
  ['Port', ['2200', '22', '2222']],
  ['IdentityFile', ['~/.ssh/id_%h', '~/.ssh/k1', '%d/k2', '~/.ssh/id_%r_%p', '"~/my keys/k3"']],
  ['IdentitiesOnly', ['yes', 'no', 'True']],
  ['ProxyJump', ['ops@bastion:2200', 'j1,j2', 'none', 'ssh://u@10.0.0.1:22', '10.2.0.1']],
  ['ServerAliveInterval', ['30', '1m', '0', '2m5s']],
  ['ServerAliveCountMax', ['5', '0', '7']],
  ['ProxyCommand', ['none', 'nc %h %p']],
  ['CanonicalizeHostname', ['no', 'yes']],
  ['IgnoreUnknown', ['Foo*']],
];

const option = fc
  .tuple(
    fc.constantFrom(...OPTIONS),
    fc.nat(100),
    fc.constantFrom(' ', '=', ' = ', '\t'),
    fc.boolean(),
  )
  .map(([[keyword, values], pick, sep, lower]) => {
    const value = values[pick % values.length] ?? '';
    return `  ${lower ? keyword.toLowerCase() : keyword}${sep}${value}`;
  });

/** Lines ssh refuses: both must fail, wherever the line is. */
const BAD_LINES = [
  '  Port 0',
  '  NoSuchOption yes',
  '  User',
  '  IdentitiesOnly maybe',
  '  ServerAliveInterval soon',
  '  ProxyJump @nohost',
  '  User a b',
  'Match all host x',
  'Match host',
  '  HostName "unclosed',
  // Bad unless an IgnoreUnknown Foo* came first.
  '  FooBar yes',
];

const line = fc.oneof(
  { arbitrary: option, weight: 30 },
  { arbitrary: fc.constantFrom(...BAD_LINES), weight: 1 },
);

const matchCriteria = fc.oneof(
  fc.constant('all'),
  fc.constant('final'),
  fc.constant('!final'),
  fc.constant('canonical'),
  fc.constantFrom(...LISTS).map((list) => `host ${list}`),
  fc.constantFrom(...LISTS).map((list) => `originalhost ${list}`),
  fc.constantFrom(...USERS).map((list) => `user ${list}`),
  fc.constantFrom(...USERS).map((list) => `!user ${list}`),
);

const header = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 3 })
      .map((p) => `Host ${p.join(' ')}`),
  },
  {
    weight: 3,
    arbitrary: fc.array(matchCriteria, { minLength: 1, maxLength: 2 }).map((c) => {
      // "all" must stand alone (ssh refuses it with others; tested elsewhere).
      const criteria = c.includes('all') ? ['all'] : c;
      return `Match ${criteria.join(' ')}`;
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Include inc/*.conf',
      'Include ~/.ssh/inc/a.conf',
      'Include inc/?.conf',
      'Include inc/b.conf inc/none.conf',
      'Include inc/[!a].conf inc/[',
    ),
  },
);

const block = fc
  .tuple(header, fc.array(line, { maxLength: 3 }))
  .map(([head, lines]) => [head, ...lines]);
const configFile = fc.array(block, { maxLength: 5 }).map((blocks) => blocks.flat());

const config = fc.record({
  main: fc
    .tuple(fc.array(line, { maxLength: 2 }), configFile)
    .map(([top, rest]) => [...top, ...rest]),
  // Included files hold no Include of their own here (loops are tested in the unit tests).
  a: fc
    .array(
      block.filter((b) => !b[0]?.startsWith('Include')),
      { maxLength: 3 },
    )
    .map((b) => b.flat()),
  b: fc
    .array(
      block.filter((b) => !b[0]?.startsWith('Include')),
      { maxLength: 2 },
    )
    .map((b) => b.flat()),
});

let home = '';
const ssh = spawnSync('ssh', ['-V'], { encoding: 'utf8' });
const haveOpenSsh = /^OpenSSH_/m.test(`${ssh.stderr}`);
if (!haveOpenSsh) console.warn('sshConfigDifferential skipped: no OpenSSH client to compare with');

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'wb-sshdiff-'));
  mkdirSync(join(home, '.ssh', 'inc'), { recursive: true });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function sshG(alias: string, file: string): { ok: true; out: string } | { ok: false; err: string } {
  try {
    const out = execFileSync('ssh', ['-G', '-F', file, '--', alias], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
    return { ok: true, out };
  } catch (error) {
    return { ok: false, err: error instanceof Error ? error.message : String(error) };
  }
}

/** Hand-picked corners, each resolved for web1 by both (or refused by both). */
const TABLE: string[][] = [
  ['Host web1', '  HostName %h.example', 'Match host web1.example', '  User viaMatch'],
  ['Host "web1"', '  Port 2201'],
  ['Host web1', '  ProxyJump ops@j1:2200 # comment'],
  ['Host *', '  IdentityFile ~/.ssh/a', '  IdentityFile ~/.ssh/a', 'Host web1', '  IdentityFile b'],
  ['Match final', '  User fin', 'Host web1', '  User early'],
  ['Host web1', '  HostName Web1.Example', 'Host web1.example', '  Port 2022', 'Match canonical'],
  [
    'CanonicalizeHostname yes',
    'Host web1.example',
    '  Port 2022',
    'Host web1',
    '  HostName %h.example',
  ],
  ['Host web1', '  ServerAliveInterval none', '  ServerAliveInterval 9'],
  ['Host web1', '  Port ssh'],
  ['Host web1 !web1', '  Port 2300', 'Host !web1 web1', '  User neg'],
  ['Host web1', '  ProxyJump u@[fe80::1]:22'],
  ['Host web1', '  ProxyJump ssh://u@[fe80::1]:22'],
  ['Host web1', '  ProxyJump ssh://u@jump.example.:2200'],
  ['Host web1', '  ProxyJump ssh://jump/path'],
  ['Host=web1', 'Port=2222', 'User = deploy', '\tIdentityFile\t"~/a b"'],
  ['Match user root host web1', '  Port 2300'],
  ['Host web1', '  User ops', 'Match user ops', '  Port 2400'],
  ['Host web1', '  HostName 10.0.0.5', 'Host 10.0.0.5', '  Port 2500', 'Match final'],
  ['Include inc/none/*.conf', 'Host web1', '  Port 2501'],
  ['Host web1', '  ProxyCommand none', '  ProxyJump j1'],
  ['Host web1', '  ProxyJump none', '  ProxyJump j1'],
  ['Match all', '  Port 2600'],
  ['Match !final', '  Port 2700', 'Match !all', '  User notall'],
  ['Match canonical all', '  Port 2800'],
  ['Host web1', '  ServerAliveInterval 1h', '  ServerAliveCountMax 0', '  IdentitiesOnly=yes'],
  ['Host web1', '  IdentityFile none', '  IdentityFile ~/.ssh/k'],
  ['Host web1', '  User ops', 'Match localuser root', '  Port 2900'],
  ['Host web1', '  HostName "%h"', '  ProxyJump a,b,10.0.0.1:2222'],
];

function okHost(result: ReturnType<typeof parseSshG>) {
  if (!result.ok) throw new Error(`ssh -G printed what parseSshG cannot read: ${result.error}`);
  return result.host;
}

describe.skipIf(!haveOpenSsh)('the parser against ssh -G (OpenSSH installed)', () => {
  it('refuses a world-writable included file as ssh does, but not a world-writable -F file', async () => {
    const file = join(home, '.ssh', 'config-perm');
    const included = join(home, '.ssh', 'inc', 'perm.conf');
    writeFileSync(included, 'Host *\n  Port 2345\n');
    writeFileSync(file, 'Include inc/perm.conf\n');
    chmodSync(file, 0o666);
    const request = {
      alias: 'web1',
      sources: [{ path: file, user: true, required: true, checkPermissions: false }],
      home,
      localUser: userInfo().username,
    };
    expect(sshG('web1', file).ok).toBe(true);
    expect((await resolveWithParser(request, nodeConfigFiles)).ok).toBe(true);
    chmodSync(included, 0o666);
    try {
      const theirs = sshG('web1', file);
      expect(theirs.ok ? 'resolved' : theirs.err).toMatch(/Bad owner or permissions/);
      const ours = await resolveWithParser(request, nodeConfigFiles);
      expect(ours.ok ? 'resolved' : ours.error).toMatch(/Bad owner or permissions on .*perm\.conf/);
    } finally {
      rmSync(included);
    }
  });

  it('agrees with ssh -G on a table of corner cases', async () => {
    const file = join(home, '.ssh', 'config');
    let resolved = 0;
    for (const lines of TABLE) {
      writeFileSync(file, `${lines.join('\n').replace(/\\t/g, '\t')}\n`);
      const theirs = sshG('web1', file);
      const ours = await resolveWithParser(
        {
          alias: 'web1',
          sources: [{ path: file, user: true, required: true, checkPermissions: false }],
          home,
          localUser: userInfo().username,
        },
        nodeConfigFiles,
      );
      const context = lines.join(' / ');
      expect(ours.ok, `${context}: ${theirs.ok ? 'ssh resolved it' : theirs.err}`).toBe(theirs.ok);
      if (!theirs.ok || !ours.ok) continue;
      expect(ours.host, context).toEqual(okHost(parseSshG(theirs.out)));
      resolved += 1;
    }
    // Only the ssh:// IPv6 and path cases are refused by both.
    expect(resolved).toBe(TABLE.length - 2);
  });

  it('resolves HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump and keepalive as ssh does', async () => {
    const file = join(home, '.ssh', 'config');
    let compared = 0;
    let failedAlike = 0;
    await fc.assert(
      fc.asyncProperty(config, fc.constantFrom(...ALIASES), async (files, alias) => {
        writeFileSync(file, `${files.main.join('\n')}\n`);
        writeFileSync(join(home, '.ssh', 'inc', 'a.conf'), `${files.a.join('\n')}\n`);
        writeFileSync(join(home, '.ssh', 'inc', 'b.conf'), `${files.b.join('\n')}\n`);
        const theirs = sshG(alias, file);
        const ours = await resolveWithParser(
          {
            alias,
            sources: [{ path: file, user: true, required: true, checkPermissions: false }],
            home,
            localUser: userInfo().username,
          },
          nodeConfigFiles,
        );
        const context = [
          alias,
          ...files.main,
          '--- a.conf',
          ...files.a,
          '--- b.conf',
          ...files.b,
        ].join('\n');
        if (!theirs.ok) {
          expect(ours.ok, `ssh failed (${theirs.err}) but the parser did not:\n${context}`).toBe(
            false,
          );
          failedAlike += 1;
          return;
        }
        const expected = parseSshG(theirs.out);
        expect(expected.ok).toBe(true);
        if (!ours.ok) throw new Error(`parser failed (${ours.error}) but ssh did not:\n${context}`);
        if (expected.ok) expect(ours.host, context).toEqual(expected.host);
        compared += 1;
      }),
      { numRuns: 500 },
    );
    console.log(`compared ${compared} resolutions field by field; ${failedAlike} refused by both`);
    expect(compared).toBeGreaterThan(250);
    expect(failedAlike).toBeGreaterThan(0);
  }, 240_000);
});
