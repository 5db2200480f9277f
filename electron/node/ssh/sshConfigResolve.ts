import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { homedir, hostname as localHostName, userInfo } from 'node:os';
import { join } from 'node:path';
import type { SshConfigResolver } from '../../../shared/contract/index';
import { resolveWithParser } from '../../../shared/sshConfig/resolveConfig';
import {
  expandIdentityFile,
  parseSshG,
  type ResolvedSshHost,
} from '../../../shared/sshConfig/sshG';
import { findOpenSsh } from './openSshClient';
import { nodeConfigFiles } from './sshConfigFiles';
import { ConfigScans } from './sshConfigScan';

const SYSTEM_CONFIG = '/etc/ssh/ssh_config';
const SSH_G_TIMEOUT_MS = 5_000;

export interface ResolveOptions {
  /** Use this file instead of ~/.ssh/config and /etc/ssh/ssh_config (ssh -F). */
  configFile?: string;
  /** The user agreed that `Match exec` commands in their config may run for this alias. */
  allowMatchExec?: boolean;
  /** Log in as this user / on this port, as `ssh -l` and `-p` (a ProxyJump hop's own). */
  user?: string;
  port?: number;
  /** The ssh client to run (default: OpenSSH's `ssh` found on `searchPath`). */
  sshBinary?: string;
  /** Where to look for OpenSSH's client (default: PATH); none there: the workbench's parser. */
  searchPath?: string;
  /** Config files already scanned for `Match exec` (an import's, shared by all its aliases). */
  scans?: ConfigScans;
}

export type { SshConfigResolver };

export type ResolveResult =
  | {
      ok: true;
      alias: string;
      host: ResolvedSshHost;
      via: SshConfigResolver;
      /** Where the parser's result may differ from ssh's ("FILE line N: …"); none for ssh -G. */
      notes: string[];
    }
  | { ok: false; alias: string; error: string; needsConsent?: boolean };

/** The OpenSSH client to ask, or null: the workbench's parser resolves then. */
export const sshClientFor = (options: ResolveOptions): Promise<string | null> =>
  options.sshBinary !== undefined
    ? Promise.resolve(options.sshBinary)
    : findOpenSsh(options.searchPath ?? process.env.PATH ?? '');

/**
 * An alias as ssh takes it on its command line: no leading "-" (it would be read as an
 * option), no whitespace, quotes or shell metacharacters (they can never be part of a Host).
 */
export function aliasProblem(alias: string): string | null {
  if (alias === '') return 'The host alias is empty.';
  if (alias.startsWith('-')) return `The host alias "${alias}" starts with "-".`;
  if (alias.length > 255) return 'The host alias is longer than 255 characters.';
  if (!/^[A-Za-z0-9._@:%[\]+-]+$/.test(alias)) {
    return `The host alias "${alias}" has characters a host name cannot have (spaces, quotes, shell symbols).`;
  }
  return null;
}

function runSshG(
  binary: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; error: Error | null }> {
  return new Promise((resolve) => {
    // An argument array, never a shell: nothing in the alias or the config picks the command.
    execFile(
      binary,
      args,
      { timeout: SSH_G_TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => resolve({ stdout, stderr, error }),
    );
  });
}

/**
 * Resolves a `~/.ssh/config` alias: with `ssh -G` where an OpenSSH client is installed, else
 * with the workbench's parser (which never runs `Match exec`, and says so in `notes`).
 * IdentityFile paths come back with `~` and % tokens expanded.
 */
export async function resolveSshAlias(
  alias: string,
  options: ResolveOptions = {},
): Promise<ResolveResult> {
  const problem = aliasProblem(alias);
  if (problem) return { ok: false, alias, error: problem };
  const { user, port } = options;
  if (user !== undefined && !/^[A-Za-z0-9._][A-Za-z0-9._@-]*$/.test(user)) {
    return {
      ok: false,
      alias,
      error: `The user "${user}" for ${alias} is not a valid login name.`,
    };
  }
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    return { ok: false, alias, error: `The port ${port} for ${alias} is not a port.` };
  }

  const binary = await sshClientFor(options);
  const resolved = binary
    ? await resolveWithSshG(alias, binary, options)
    : await resolveWithOwnParser(alias, options);
  if (!resolved.ok) return resolved;

  const { host, via, notes } = resolved;
  const localHost = localHostName();
  const tokens = {
    home: homedir(),
    localUser: userInfo().username,
    alias,
    hostname: host.hostname,
    port: host.port,
    user: host.user,
    localHost,
    uid: String(userInfo().uid),
    connectionHash: createHash('sha1')
      .update(`${localHost}${host.hostname}${host.port}${host.user}`)
      .digest('hex'),
  };
  const identityFiles: string[] = [];
  for (const file of host.identityFiles) {
    // "IdentityFile none" lists no file.
    if (file.toLowerCase() === 'none') continue;
    const expanded = expandIdentityFile(file, tokens);
    if (!expanded.ok) return { ok: false, alias, error: expanded.error };
    identityFiles.push(expanded.path);
  }
  return { ok: true, alias, host: { ...host, identityFiles }, via, notes };
}

type Unexpanded =
  | { ok: true; host: ResolvedSshHost; via: SshConfigResolver; notes: string[] }
  | { ok: false; alias: string; error: string; needsConsent?: boolean };

/**
 * `ssh -G`, exactly as OpenSSH resolves the alias. Refuses when a config file ssh would read
 * has `Match exec` (ssh -G runs it) unless the user consented.
 */
async function resolveWithSshG(
  alias: string,
  binary: string,
  options: ResolveOptions,
): Promise<Unexpanded> {
  const { user, port } = options;
  const files = options.configFile
    ? [options.configFile]
    : [join(homedir(), '.ssh', 'config'), SYSTEM_CONFIG];
  if (!options.allowMatchExec) {
    const scans = options.scans ?? new ConfigScans();
    for (const file of files) {
      // The default files may simply not exist; a file named with -F must.
      const scan = await scans.scan(file, {
        systemFile: file === SYSTEM_CONFIG,
        optional: !options.configFile,
      });
      if (!scan.ok) return { ok: false, alias, error: scan.error };
      if (scan.matchExec) {
        const { file: where, line } = scan.matchExec;
        return {
          ok: false,
          alias,
          needsConsent: true,
          error:
            `${where} line ${line} has "Match exec": resolving "${alias}" with ssh -G would run that command. ` +
            'Not resolved; allow it explicitly to go on.',
        };
      }
    }
  }

  const args = [
    '-G',
    ...(options.configFile ? ['-F', options.configFile] : []),
    ...(user !== undefined ? ['-l', user] : []),
    ...(port !== undefined ? ['-p', String(port)] : []),
    '--',
    alias,
  ];
  const run = await runSshG(binary, args);
  if (run.error) {
    const said = run.stderr.trim().split('\n').slice(0, 3).join(' ');
    return {
      ok: false,
      alias,
      error: `ssh -G ${alias} failed: ${said || run.error.message}`,
    };
  }
  const parsed = parseSshG(run.stdout);
  if (!parsed.ok) return { ok: false, alias, error: parsed.error };
  return { ok: true, host: parsed.host, via: 'ssh -G', notes: [] };
}

/** The workbench's parser: never runs a command; what it could not do is in `notes`. */
async function resolveWithOwnParser(alias: string, options: ResolveOptions): Promise<Unexpanded> {
  const home = homedir();
  const sources = options.configFile
    ? [{ path: options.configFile, user: true, required: true, checkPermissions: false }]
    : [
        { path: join(home, '.ssh', 'config'), user: true, required: false, checkPermissions: true },
        { path: SYSTEM_CONFIG, user: false, required: false, checkPermissions: false },
      ];
  const result = await resolveWithParser(
    {
      alias,
      sources,
      home,
      localUser: userInfo().username,
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
    },
    nodeConfigFiles,
  );
  if (!result.ok) return { ok: false, alias, error: result.error };
  return { ok: true, host: result.host, via: 'parser', notes: result.notes };
}
