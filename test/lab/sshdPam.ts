// Password and keyboard-interactive logins for the lab sshd: PAM with a service file of the
// lab's own, so the machine's /etc/pam.d/sshd and its users' passwords are never touched.
//
// OpenSSH (9.x, as Debian builds it) names its PAM service after the program (`__progname`), so
// the lab runs sshd through a symlink called `wb-lab-pam-<random>` and writes
// `/etc/pam.d/wb-lab-pam-<random>` (PAM reads services from /etc/pam.d only), removed on stop()
// and at exit. The password is checked by a script of the lab's (pam_exec with expose_authtok)
// against a file in the lab's temp dir, not against /etc/shadow; the one-time code by pam_oath
// (Debian package libpam-oath) against a TOTP secret in the same dir.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atExit } from './atExit';

export type LabSshdAuth = 'password' | 'keyboard-interactive';

/** Where a PAM module is installed (`/lib/<arch triplet>/security/NAME`), or null. */
export function pamModulePath(name: string): string | null {
  for (const dir of readdirSync('/lib')) {
    const path = join('/lib', dir, 'security', name);
    if (existsSync(path)) return path;
  }
  return null;
}

export interface LabPamSecrets {
  /** The password the lab's PAM stack accepts for the lab user. */
  password: string;
  /** The TOTP key (hex) pam_oath checks; `oathtool --totp HEX` gives the current code. */
  totpKeyHex: string;
}

export interface LabPam extends LabPamSecrets {
  /** The sshd to run: a symlink whose name is the PAM service. */
  readonly sshdPath: string;
  /** The sshd_config lines that turn this method on. */
  readonly configLines: string[];
  remove(): void;
}

/** Why PAM logins cannot be set up here, or null when they can. */
export function labPamUnavailableReason(auth: LabSshdAuth): string | null {
  if (process.getuid?.() !== 0) {
    return 'PAM logins need root (the lab writes a service file under /etc/pam.d)';
  }
  if (!pamModulePath('pam_exec.so'))
    return 'pam_exec.so is missing (Debian package libpam-modules)';
  if (auth === 'keyboard-interactive' && !pamModulePath('pam_oath.so')) {
    return 'pam_oath.so is missing (Debian package libpam-oath)';
  }
  return null;
}

/** Writes the PAM service, its checker and secrets into `dir`; remove() undoes /etc/pam.d. */
export function setUpLabPam(dir: string, auth: LabSshdAuth, user: string): LabPam {
  const reason = labPamUnavailableReason(auth);
  if (reason) throw new Error(`lab sshd with ${auth} logins: ${reason}`);
  const service = `wb-lab-pam-${randomBytes(6).toString('hex')}`;
  const serviceFile = join('/etc/pam.d', service);
  const password = `wb-pw-${randomBytes(9).toString('base64url')}`;
  const totpKeyHex = randomBytes(20).toString('hex');

  const passwordFile = join(dir, 'lab-password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  // pam_exec writes the typed password and a NUL to the script's stdin.
  const checker = join(dir, 'check-password');
  writeFileSync(
    checker,
    `#!/bin/bash\nIFS= read -r -d '' given\n[ "$given" = "$(cat '${passwordFile}')" ]\n`,
    { mode: 0o700 },
  );
  const oathUsers = join(dir, 'users.oath');
  writeFileSync(oathUsers, `HOTP/T30/6 ${user} - ${totpKeyHex}\n`, { mode: 0o600 });

  const stack = [
    `auth required pam_exec.so expose_authtok quiet ${checker}`,
    ...(auth === 'keyboard-interactive'
      ? [`auth required pam_oath.so usersfile=${oathUsers} window=2 digits=6`]
      : []),
    'account required pam_permit.so',
    'session required pam_permit.so',
    'password required pam_deny.so',
  ];
  writeFileSync(serviceFile, `# wb-lab: removed when its sshd stops\n${stack.join('\n')}\n`);
  const sshdPath = join(dir, service);
  symlinkSync('/usr/sbin/sshd', sshdPath);
  chmodSync(dir, 0o700);

  let removed = false;
  const cancelAtExit = atExit(() => rmSync(serviceFile, { force: true }));
  return {
    password,
    totpKeyHex,
    sshdPath,
    configLines: [
      'UsePAM yes',
      `PasswordAuthentication ${auth === 'password' ? 'yes' : 'no'}`,
      `KbdInteractiveAuthentication ${auth === 'keyboard-interactive' ? 'yes' : 'no'}`,
      // Keys stay on, as on a real host; the tests give the workbench no key.
      'PermitRootLogin yes',
      'MaxAuthTries 4',
    ],
    remove: () => {
      if (removed) return;
      removed = true;
      cancelAtExit();
      rmSync(serviceFile, { force: true });
    },
  };
}
