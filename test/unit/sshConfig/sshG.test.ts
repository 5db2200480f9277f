import { describe, expect, it } from 'vitest';
import { expandIdentityFile, parseProxyJump, parseSshG } from '../../../shared/sshConfig/sshG';

const SAMPLE = [
  'User deploy',
  'hostname 10.9.8.7',
  'port 2222',
  'identitiesonly yes',
  'serveralivecountmax 5',
  'serveraliveinterval 30',
  'identityfile ~/.ssh/id_a',
  'identityfile ~/.ssh/id_b',
  'proxyjump ops@bastion:2200,jump2',
  'userknownhostsfile ~/.ssh/known_hosts ~/.ssh/known_hosts2',
].join('\n');

describe('parseSshG', () => {
  it('reads the options the workbench uses, IdentityFile in order, keywords in any case', () => {
    expect(parseSshG(SAMPLE)).toEqual({
      ok: true,
      host: {
        hostname: '10.9.8.7',
        user: 'deploy',
        port: 2222,
        identityFiles: ['~/.ssh/id_a', '~/.ssh/id_b'],
        identitiesOnly: true,
        proxyJump: 'ops@bastion:2200,jump2',
        serverAliveInterval: 30,
        serverAliveCountMax: 5,
      },
    });
  });

  it('reads "proxyjump none" and missing keep-alive lines as OpenSSH defaults', () => {
    const result = parseSshG('hostname h\nuser u\nport 22\nproxyjump none\n');
    expect(result.ok && result.host).toMatchObject({
      proxyJump: null,
      serverAliveInterval: 0,
      serverAliveCountMax: 3,
      identityFiles: [],
    });
  });

  it('says what is missing instead of throwing on bad input', () => {
    expect(parseSshG('')).toEqual({ ok: false, error: 'ssh -G printed no hostname line.' });
    expect(parseSshG('hostname h\nport 22')).toMatchObject({ ok: false });
    expect(parseSshG('hostname h\nuser u\nport 99999')).toMatchObject({ ok: false });
    expect(parseSshG('\u0000\n  \nhostname\nuser u')).toMatchObject({ ok: false });
  });
});

describe('parseProxyJump', () => {
  it('splits hops with users, ports, IPv6 brackets and ssh:// URIs', () => {
    expect(parseProxyJump('ops@bastion:2200,jump2,ssh://me@[fd00::1]:22')).toEqual([
      { user: 'ops', host: 'bastion', port: 2200 },
      { user: null, host: 'jump2', port: null },
      { user: 'me', host: 'fd00::1', port: 22 },
    ]);
  });

  it('returns null for hops it cannot read', () => {
    expect(parseProxyJump('a:99999')).toBeNull();
    expect(parseProxyJump('@host')).toBeNull();
    expect(parseProxyJump('a,,b')).toBeNull();
  });
});

describe('expandIdentityFile', () => {
  const tokens = {
    home: '/home/me',
    localUser: 'me',
    alias: 'db',
    hostname: '10.0.0.1',
    port: 2222,
    user: 'deploy',
    localHost: 'laptop.corp.example',
    uid: '1000',
    connectionHash: 'c0ffee',
  };
  it('expands ~ and %d %h %n %p %r %u %%', () => {
    expect(expandIdentityFile('~/.ssh/%h_%r_%p_%n_%u_%%', tokens)).toEqual({
      ok: true,
      path: '/home/me/.ssh/10.0.0.1_deploy_2222_db_me_%',
    });
    expect(expandIdentityFile('%d/k', tokens)).toEqual({ ok: true, path: '/home/me/k' });
  });
  it('expands %C %i %k %l %L as ssh 9.2 does', () => {
    expect(expandIdentityFile('~/k/%C-%i-%k-%l-%L', tokens)).toEqual({
      ok: true,
      path: '/home/me/k/c0ffee-1000-db-laptop.corp.example-laptop',
    });
  });
  it('refuses a token it does not know', () => {
    expect(expandIdentityFile('~/.ssh/%T', tokens)).toMatchObject({ ok: false });
  });
});
