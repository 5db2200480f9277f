import { execFile } from 'node:child_process';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import {
  expandIdentityFile,
  parseSshG,
  type ResolvedSshHost,
} from '../../../shared/sshConfig/sshG';
import { scanSshConfig } from './sshConfigScan';

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
  /** The ssh client to run (default: `ssh` on PATH). */
  sshBinary?: string;
}

export type ResolveResult =
  | { ok: true; alias: string; host: ResolvedSshHost; via: 'ssh -G' }
  | { ok: false; alias: string; error: string; needsConsent?: boolean };

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
 * Resolves a `~/.ssh/config` alias exactly as OpenSSH would, by asking `ssh -G`. Refuses when
 * a config file ssh would read has `Match exec` (ssh -G runs it) unless the user consented.
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

  const files = options.configFile
    ? [options.configFile]
    : [join(homedir(), '.ssh', 'config'), SYSTEM_CONFIG];
  if (!options.allowMatchExec) {
    for (const file of files) {
      const base = file === SYSTEM_CONFIG ? '/etc/ssh' : join(homedir(), '.ssh');
      // The default files may simply not exist; a file named with -F must.
      const scan = await scanSshConfig(file, base, !options.configFile);
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
  const run = await runSshG(options.sshBinary ?? 'ssh', args);
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

  const host = parsed.host;
  const tokens = {
    home: homedir(),
    localUser: userInfo().username,
    alias,
    hostname: host.hostname,
    port: host.port,
    user: host.user,
  };
  const identityFiles: string[] = [];
  for (const file of host.identityFiles) {
    const expanded = expandIdentityFile(file, tokens);
    if (!expanded.ok) return { ok: false, alias, error: expanded.error };
    identityFiles.push(expanded.path);
  }
  return { ok: true, alias, host: { ...host, identityFiles }, via: 'ssh -G' };
}
