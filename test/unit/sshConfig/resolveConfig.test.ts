// The workbench's own ssh_config resolver on in-memory files: each case is what ssh 9.2's -G
// prints for the same files (checked against the real ssh in
// test/integration/sshConfigDifferential.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../../electron/node/ssh/sshConfigFiles';
import {
  resolveWithParser,
  type ConfigFiles,
  type ParserRequest,
} from '../../../shared/sshConfig/resolveConfig';

const HOME = '/home/me';

/** Files by path; a glob matches `*` within one path component, sorted. */
function memoryFiles(files: Record<string, string>): ConfigFiles {
  return {
    read: async (path) => ({ ok: true, text: files[path] ?? null }),
    glob: async (pattern) => {
      const parts = pattern.split('/').map(globToRegExp);
      return Object.keys(files)
        .filter((path) => {
          const names = path.split('/');
          return names.length === parts.length && parts.every((re, i) => re.test(names[i] ?? ''));
        })
        .sort();
    },
  };
}

async function resolve(
  alias: string,
  config: string[],
  more: Record<string, string> = {},
  request: Partial<ParserRequest> = {},
) {
  const files = memoryFiles({ [`${HOME}/.ssh/config`]: config.join('\n'), ...more });
  return resolveWithParser(
    {
      alias,
      sources: [
        { path: `${HOME}/.ssh/config`, user: true, required: false, checkPermissions: false },
        { path: '/etc/ssh/ssh_config', user: false, required: false, checkPermissions: false },
      ],
      home: HOME,
      localUser: 'me',
      ...request,
    },
    files,
  );
}

const hostOf = async (...args: Parameters<typeof resolve>) => {
  const result = await resolve(...args);
  if (!result.ok) throw new Error(result.error);
  return result.host;
};

describe('resolveWithParser', () => {
  it('gives the defaults for an alias no block names', async () => {
    expect(await hostOf('db1', [])).toEqual({
      hostname: 'db1',
      user: 'me',
      port: 22,
      identityFiles: [
        '~/.ssh/id_rsa',
        '~/.ssh/id_ecdsa',
        '~/.ssh/id_ecdsa_sk',
        '~/.ssh/id_ed25519',
        '~/.ssh/id_ed25519_sk',
        '~/.ssh/id_xmss',
        '~/.ssh/id_dsa',
      ],
      identitiesOnly: false,
      proxyJump: null,
      serverAliveInterval: 0,
      serverAliveCountMax: 3,
    });
  });

  it('keeps the first value of each option and accumulates IdentityFile', async () => {
    const host = await hostOf('web1', [
      'Host web*',
      '  User deploy',
      '  IdentityFile ~/.ssh/a',
      'Host *',
      '  User nobody',
      '  Port=2200',
      '  IdentityFile ~/.ssh/b',
      '  IdentityFile ~/.ssh/a',
      '  ServerAliveInterval 1m30s',
    ]);
    expect(host).toMatchObject({
      user: 'deploy',
      port: 2200,
      identityFiles: ['~/.ssh/a', '~/.ssh/b'],
      serverAliveInterval: 90,
    });
  });

  it('skips a Host line whose negated pattern matches, and reads ? patterns', async () => {
    const config = ['Host db? !db9', '  User ops', 'Host *', '  User other'];
    expect((await hostOf('db1', config)).user).toBe('ops');
    expect((await hostOf('db9', config)).user).toBe('other');
    expect((await hostOf('db10', config)).user).toBe('other');
  });

  it('expands %h in HostName and lower-cases the result; Match host sees it', async () => {
    const host = await hostOf('Web1', [
      'Host Web1',
      '  HostName %h.Corp.Example',
      'Match host web1.corp.example',
      '  Port 2222',
    ]);
    expect(host).toMatchObject({ hostname: 'web1.corp.example', port: 2222 });
  });

  it('matches user, originalhost and localuser with comma lists and negation', async () => {
    const config = [
      'Host a1',
      '  HostName 10.0.0.1',
      'Match originalhost a1,a2 user !root,*',
      '  Port 2201',
      'Match localuser me',
      '  ServerAliveCountMax 9',
    ];
    expect(await hostOf('a1', config)).toMatchObject({ port: 2201, serverAliveCountMax: 9 });
    expect((await hostOf('a1', config, {}, { user: 'root' })).port).toBe(22);
  });

  it('does the Match final pass: Host patterns then see the HostName', async () => {
    const host = await hostOf('short', [
      'Host short',
      '  HostName long.example',
      'Match final host long.example',
      '  User late',
      'Host long.example',
      '  Port 2022',
      'Match canonical',
      '  ServerAliveInterval 7',
    ]);
    expect(host).toMatchObject({ user: 'late', port: 2022, serverAliveInterval: 7 });
    // Without "final" anywhere there is one pass: the HostName never meets the Host pattern.
    const once = await hostOf('short', [
      'Host short',
      '  HostName long.example',
      'Host long.example',
      '  Port 2022',
    ]);
    expect(once.port).toBe(22);
  });

  it('follows Include with globs relative to ~/.ssh, in sorted order, and only while active', async () => {
    const host = await hostOf(
      'db1',
      ['Include conf.d/*.conf', 'Host other', '  Include never.conf', 'Host *', '  Port 2000'],
      {
        [`${HOME}/.ssh/conf.d/20.conf`]: 'Host db1\n  User second\n  Port 20',
        [`${HOME}/.ssh/conf.d/10.conf`]: 'Host db1\n  User first',
        [`${HOME}/.ssh/never.conf`]: 'Host *\n  IdentitiesOnly yes',
      },
    );
    expect(host).toMatchObject({ user: 'first', port: 20, identitiesOnly: false });
  });

  it('reads /etc/ssh/ssh_config after the user file, with its Includes under /etc/ssh', async () => {
    const host = await hostOf('db1', ['Host db1', '  User mine'], {
      '/etc/ssh/ssh_config': 'Include ssh_config.d/*.conf\nHost *\n  User system\n  Port 2022',
      '/etc/ssh/ssh_config.d/a.conf': 'Host *\n  ServerAliveInterval 15',
    });
    expect(host).toMatchObject({ user: 'mine', port: 2022, serverAliveInterval: 15 });
  });

  it('keeps ProxyJump as ssh -G prints it, and ProxyCommand first blocks it', async () => {
    const jump = async (value: string) =>
      (await hostOf('t', ['Host t', `  ProxyJump ${value}`])).proxyJump;
    expect(await jump('ops@bastion:2200')).toBe('ops@bastion:2200');
    expect(await jump('ssh://ops@bastion:2200')).toBe('ops@bastion:2200');
    expect(await jump('10.0.0.1')).toBe('[10.0.0.1]');
    expect(await jump('a,b@c:99')).toBe('a,b@c:99');
    expect(await jump('none')).toBeNull();
    expect(await jump('ssh://u@jump.example.:2200')).toBe('u@jump.example:2200');
    // An ssh:// host must be a domain name (valid_domain): ssh refuses an IPv6 literal there.
    expect((await resolve('t', ['ProxyJump ssh://u@[fe80::1]:22'])).ok).toBe(false);
    const blocked = await hostOf('t', ['Host t', '  ProxyCommand nc %h %p', '  ProxyJump a']);
    expect(blocked.proxyJump).toBeNull();
  });

  it('names Match exec as not run, with its file and line, and takes its block as not matching', async () => {
    const result = await resolve('db1', [
      'Host *',
      '  Port 23',
      'Match exec "touch /tmp/x"',
      '  User ops',
    ]);
    expect(result).toMatchObject({ ok: true, host: { user: 'me', port: 23 } });
    expect(result.ok && result.notes).toEqual([
      expect.stringMatching(
        /^\/home\/me\/\.ssh\/config line 3: Match exec "touch \/tmp\/x" was not run/,
      ),
    ]);
  });

  it('refuses Match localnetwork as something it cannot check', async () => {
    const result = await resolve('db1', ['Match localnetwork 10.0.0.0/8', '  User x']);
    expect(!result.ok && result.error).toMatch(
      /config line 1: Match localnetwork cannot be checked/,
    );
  });

  it('names the file and line of bad lines, never throwing', async () => {
    const cases: [string[], RegExp][] = [
      [['Host x', '  NoSuchOption yes'], /config line 2: Bad configuration option: nosuchoption/],
      [['Port 0'], /config line 1: Bad port '0'/],
      [['User'], /config line 1: no argument after keyword "user"/],
      [['User "open'], /config line 1: invalid quotes/],
      [['IdentitiesOnly maybe'], /unsupported option "maybe"/],
      [['ServerAliveInterval soon'], /invalid time value/],
      [['ProxyJump @host'], /Invalid ProxyJump/],
      [['Match host'], /Missing Match criteria for host/],
      [['Match all host x'], /cannot be combined/],
      [['Match foo bar'], /Unsupported Match attribute foo/],
      [['User a b'], /extra arguments at end of line/],
    ];
    for (const [config, error] of cases) {
      const result = await resolve('x', config);
      expect(result.ok, config.join(' / ')).toBe(false);
      expect(!result.ok && result.error).toMatch(error);
    }
  });

  it('ignores what IgnoreUnknown names, and the bad line is found even in an inactive block', async () => {
    expect((await resolve('x', ['IgnoreUnknown Use*', 'UseKeychain yes'])).ok).toBe(true);
    expect((await resolve('x', ['Host nothing', '  Port none'])).ok).toBe(false);
  });

  it('names an Include loop with its file and line, and stops at 16 levels', async () => {
    const loop = await resolve('x', ['Include a.conf'], {
      [`${HOME}/.ssh/a.conf`]: 'Include b.conf',
      [`${HOME}/.ssh/b.conf`]: '\nInclude a.conf',
    });
    expect(!loop.ok && loop.error).toMatch(
      /b\.conf line 2: Include loop: .*a\.conf is already being read/,
    );

    const deep: Record<string, string> = {};
    for (let i = 0; i < 20; i += 1) deep[`${HOME}/.ssh/d${i}.conf`] = `Include d${i + 1}.conf`;
    const tooDeep = await resolve('x', ['Include d0.conf'], deep);
    expect(!tooDeep.ok && tooDeep.error).toMatch(
      /d15\.conf line 1: Include nested more than 16 deep/,
    );
  });

  it('reads quoted arguments, key=value, comments and CRLF line ends', async () => {
    const host = await hostOf('x', [
      'Host x # the box\r',
      '  IdentityFile "~/my keys/k" # two\r',
      '  User=ops\r',
      '  Port = 2200\r',
    ]);
    expect(host).toMatchObject({ identityFiles: ['~/my keys/k'], user: 'ops', port: 2200 });
  });

  it('lets -l and -p win over every file, as ssh does', async () => {
    const host = await hostOf('x', ['Host x', '  User a', '  Port 1'], {}, { user: 'b', port: 2 });
    expect(host).toMatchObject({ user: 'b', port: 2 });
  });
});

describe('resolveWithParser on any input', () => {
  const word = fc.oneof(
    fc.constantFrom('Host', 'Match', 'Include', 'User', 'Port', 'HostName', 'ProxyJump', 'all'),
    fc.constantFrom('final', 'exec', 'host', '"', "'", '=', '#', '\\', '%', '!', ',', '*', '~'),
    fc.string({ maxLength: 6 }),
  );
  const lineOf = fc.array(word, { maxLength: 6 }).map((words) => words.join(' '));
  it('answers with a host or an error naming the file, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineOf, { maxLength: 12 }), fc.string(), async (lines, alias) => {
        const result = await resolve(alias || 'x', lines, {
          [`${HOME}/.ssh/x.conf`]: lines.slice(0, 3).join('\n'),
        });
        if (!result.ok)
          expect(result.error).toMatch(/\/home\/me\/\.ssh\/(config|x\.conf)|HostName/);
      }),
      { numRuns: 300 },
    );
  });
});
