// A throwaway local user with a password and a sudoers entry, for tests of captures run through
// sudo. Made with useradd/chpasswd (as root); removed, with its sudoers file, at the end or when
// the test process exits.

import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { atExit } from './atExit';

const run = promisify(execFile);

export interface SudoUser {
  name: string;
  password: string;
  remove(): Promise<void>;
}

/** Why a sudo user cannot be made here, or null when it can. */
export function sudoUserUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (useradd and /etc/sudoers.d need it)';
  if (!existsSync('/usr/bin/sudo')) return 'sudo is not installed (Debian package sudo)';
  if (!existsSync('/etc/sudoers.d')) return '/etc/sudoers.d does not exist';
  return null;
}

export async function makeSudoUser(): Promise<SudoUser> {
  const name = `wbsudo${randomBytes(3).toString('hex')}`;
  const password = `wb-pw-${randomBytes(9).toString('base64url')}`;
  const sudoers = `/etc/sudoers.d/wb-test-${name}`;
  const removeNow = (): void => {
    rmSync(sudoers, { force: true });
    try {
      execFileSync('userdel', ['-r', '-f', name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  const cancel = atExit(removeNow);
  await run('useradd', ['-m', '-s', '/bin/sh', name]);
  const chpasswd = execFile('chpasswd');
  chpasswd.stdin?.end(`${name}:${password}\n`);
  await new Promise<void>((resolve, reject) =>
    chpasswd.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chpasswd ${code}`)))),
  );
  writeFileSync(sudoers, `${name} ALL=(ALL) ALL\n`, { mode: 0o440 });
  await run('visudo', ['-cf', sudoers]);
  return {
    name,
    password,
    async remove() {
      cancel();
      removeNow();
    },
  };
}
