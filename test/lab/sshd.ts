// The lab's SSH server: a real OpenSSH sshd on 127.0.0.1 with throwaway keys in a temp dir.

import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { atExit } from './atExit';
import { freePort, readGreeting, waitUntil } from './net';
import { spawnLab, type LabProcess } from './procs';
import { sweepStalePyenvLocks } from './pyenvLock';
import { setUpLabPam, type LabPam, type LabPamSecrets, type LabSshdAuth } from './sshdPam';

const run = promisify(execFile);

const SSHD = '/usr/sbin/sshd'; // sshd refuses to start (re-exec) unless called by absolute path
const START_TIMEOUT_MS = 10_000;
const RSA_PASSPHRASE = 'wb-lab-passphrase';
// Sessions get SIGTERM and this long to exit (and run their shells' EXIT traps) before SIGKILL.
const SESSION_GRACE_MS = 500;

export interface LabKeys {
  /** Authorized, no passphrase. */
  ed25519: string;
  /** Authorized, encrypted with `rsaPassphrase`. */
  rsa: string;
  rsaPassphrase: string;
  /** A valid key that is NOT in authorized_keys. */
  unauthorized: string;
}

export interface LabSshd {
  /** 127.0.0.1, or the `listenAddress` it was started with. */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Temp dir holding keys, config and log; removed by stop(). */
  readonly dir: string;
  /** Current host key, `ssh-ed25519 AAAA...` (no comment). Changes on restartWithNewHostKey(). */
  readonly hostPublicKey: string;
  /** `SHA256:...` exactly as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprintSha256: string;
  readonly keys: LabKeys;
  readonly logPath: string;
  /** The password (and TOTP key) of a lab sshd started with `auth`. */
  readonly pam: LabPamSecrets | undefined;
  /** `[127.0.0.1]:PORT ssh-ed25519 AAAA...` for a known_hosts file. */
  knownHostsLine(): string;
  /** Kill sshd and every session it started, then remove the temp dir. */
  stop(): Promise<void>;
  /** Kill sshd (and its sessions) and start it again on the same port with a new host key. */
  restartWithNewHostKey(): Promise<void>;
}

/**
 * Start a throwaway sshd. `opts.dir` is the parent for the `wb-lab-XXXX` temp dir
 * (default: the OS temp dir); only the `wb-lab-XXXX` dir itself is removed on stop().
 */
/**
 * `home`: a fresh home directory for the sessions (sshd's `SetEnv HOME=`), so a test sees a host
 * where nothing was installed in the user's home yet (no py-spy venv).
 */
export interface LabSshdOptions {
  dir?: string;
  home?: boolean;
  /** Run sshd inside this network namespace (`ip netns exec`, as root); needs `listenAddress` and `port`. */
  netns?: string;
  listenAddress?: string;
  port?: number;
  /**
   * Also log in with a password, or keyboard-interactive (a password, then a TOTP code), through
   * PAM with the lab's own service file (as root; see sshdPam.ts).
   */
  auth?: LabSshdAuth;
  /** sshd's LogLevel (default VERBOSE); DEBUG3 logs every userauth request. */
  logLevel?: 'VERBOSE' | 'DEBUG3';
}

export async function startLabSshd(opts: LabSshdOptions = {}): Promise<LabSshd> {
  const dir = mkdtempSync(join(opts.dir ?? tmpdir(), 'wb-lab-'));
  let sshd: RunningSshd | undefined;
  try {
    const [keys, port] = await Promise.all([makeKeys(dir), opts.port ?? freePort()]);
    const place = { address: opts.listenAddress ?? '127.0.0.1', netns: opts.netns };
    const pam = opts.auth ? setUpLabPam(dir, opts.auth, userInfo().username) : undefined;
    sshd = new RunningSshd(dir, port, keys, place, {
      home: opts.home ? join(dir, 'home') : undefined,
      pam,
      logLevel: opts.logLevel ?? 'VERBOSE',
    });
    await sshd.start();
    return sshd;
  } catch (err) {
    if (sshd) await sshd.stop();
    else rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function keygen(args: string[]): Promise<void> {
  await run('ssh-keygen', ['-q', ...args]);
}

async function makeKeys(dir: string): Promise<LabKeys> {
  const keys: LabKeys = {
    ed25519: join(dir, 'id_ed25519'),
    rsa: join(dir, 'id_rsa'),
    rsaPassphrase: RSA_PASSPHRASE,
    unauthorized: join(dir, 'id_unauthorized'),
  };
  // RSA 2048 rather than 3072: generation is several times faster and a lab key needs no strength.
  await Promise.all([
    keygen(['-t', 'ed25519', '-N', '', '-C', 'wb-lab ed25519', '-f', keys.ed25519]),
    keygen(['-t', 'rsa', '-b', '2048', '-N', RSA_PASSPHRASE, '-C', 'wb-lab rsa', '-f', keys.rsa]),
    keygen(['-t', 'ed25519', '-N', '', '-C', 'wb-lab unauthorized', '-f', keys.unauthorized]),
  ]);
  const authorized = [keys.ed25519, keys.rsa].map((k) => readFileSync(`${k}.pub`, 'utf8').trim());
  writeFileSync(join(dir, 'authorized_keys'), `${authorized.join('\n')}\n`, { mode: 0o600 });
  return keys;
}

/** sshd_config values are split on spaces; quoting keeps a temp dir with spaces working. */
const q = (path: string): string => `"${path}"`;

interface SshdVariant {
  home: string | undefined;
  pam: LabPam | undefined;
  logLevel: 'VERBOSE' | 'DEBUG3';
}

function sshdConfig(
  dir: string,
  listen: { address: string; port: number },
  hostKey: string,
  variant: SshdVariant,
): string {
  const port = listen.port;
  const home = variant.home;
  return [
    '# wb-lab: throwaway sshd for tests and first runs; one address only, public keys only.',
    // sshd keeps the first value of a keyword: a PAM variant's lines win over the defaults below.
    ...(variant.pam?.configLines ?? []),
    `ListenAddress ${listen.address}`,
    `Port ${port}`,
    `HostKey ${q(hostKey)}`,
    `PidFile ${q(join(dir, 'sshd.pid'))}`,
    `AuthorizedKeysFile ${q(join(dir, 'authorized_keys'))}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // CI runs as root; key-only root login is what real servers in the seeds allow.
    'PermitRootLogin prohibit-password',
    // The temp dir's modes are not what sshd expects of a home dir.
    'StrictModes no',
    // PAM needs root and a system config; without it only keys are checked.
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    // The workbench runs each capture in its own channel on one connection.
    'MaxSessions 64',
    'AcceptEnv LANG LC_*',
    // Root's .bashrc here runs `pyenv rehash`, which waits up to 60 s for a lock that a killed
    // login may have left behind: cap that wait so one stale lock cannot stall every session
    // (and pyenvLock.ts removes such a lock while sshd runs).
    `SetEnv PYENV_REHASH_TIMEOUT=2${home ? ` HOME=${home}` : ''}`,
    'Subsystem sftp internal-sftp',
    `LogLevel ${variant.logLevel}`,
    '',
  ].join('\n');
}

class RunningSshd implements LabSshd {
  readonly host: string;
  readonly user = userInfo().username;
  readonly logPath: string;
  private readonly configPath: string;
  private readonly hostKeyPath: string;
  private process: LabProcess | undefined;
  /** Set while sshd runs (see pyenvLock.ts). */
  private stopSweeping: (() => void) | undefined;
  private publicKey = '';
  private fingerprint = '';
  // Keys must not outlive a test run that dies before calling stop().
  private readonly removeDir = (): void => rmSync(this.dir, { recursive: true, force: true });
  private readonly cancelRemoveAtExit: () => void;

  constructor(
    readonly dir: string,
    readonly port: number,
    readonly keys: LabKeys,
    private readonly place: { address: string; netns: string | undefined },
    private readonly variant: SshdVariant,
  ) {
    this.host = place.address;
    this.logPath = join(dir, 'sshd.log');
    this.configPath = join(dir, 'sshd_config');
    this.hostKeyPath = join(dir, 'ssh_host_ed25519_key');
    this.cancelRemoveAtExit = atExit(this.removeDir);
  }

  get pam(): LabPamSecrets | undefined {
    return this.variant.pam;
  }

  get hostPublicKey(): string {
    return this.publicKey;
  }

  get hostKeyFingerprintSha256(): string {
    return this.fingerprint;
  }

  knownHostsLine(): string {
    return `[${this.host}]:${this.port} ${this.publicKey}`;
  }

  async start(): Promise<void> {
    await this.newHostKey();
    const home = this.variant.home;
    if (home) {
      // pip in the fresh home uses this machine's package index (a mirror, on a closed network).
      const pipConfig = join(homedir(), '.config', 'pip', 'pip.conf');
      mkdirSync(join(home, '.config', 'pip'), { recursive: true, mode: 0o700 });
      if (existsSync(pipConfig)) copyFileSync(pipConfig, join(home, '.config', 'pip', 'pip.conf'));
    }
    const listen = { address: this.host, port: this.port };
    writeFileSync(this.configPath, sshdConfig(this.dir, listen, this.hostKeyPath, this.variant));
    if (process.getuid?.() === 0) {
      // Privilege separation as root needs this dir; a container often lacks it.
      mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    }
    const args = ['-D', '-e', '-f', this.configPath, '-E', this.logPath];
    const netns = this.place.netns;
    // A PAM variant runs sshd under its service's name (see sshdPam.ts).
    const program = this.variant.pam?.sshdPath ?? SSHD;
    // `ip netns exec` execs sshd in place, so the pid (and the tree stop() kills) stays sshd's.
    const sshd = netns
      ? spawnLab('ip', ['netns', 'exec', netns, program, ...args], {
          termGraceMs: SESSION_GRACE_MS,
        })
      : spawnLab(program, args, { termGraceMs: SESSION_GRACE_MS });
    // This process cannot reach a namespace's address: there, sshd's own log says it listens.
    const ready = async (): Promise<void> => {
      if (!netns) await readGreeting(this.port, 'SSH-2.0-');
      else if (!this.logTail().includes('Server listening on'))
        throw new Error('not listening yet');
    };
    try {
      await waitUntil('lab sshd', ready, {
        timeoutMs: START_TIMEOUT_MS,
        gaveUp: () => sshd.exited(),
        describe: () => `sshd output:\n${sshd.output()}\nsshd log:\n${this.logTail()}`,
      });
    } catch (err) {
      await sshd.stop();
      throw err;
    }
    this.process = sshd;
    this.stopSweeping ??= sweepStalePyenvLocks();
  }

  /** Generate a host key beside the old one, then swap it in (ssh-keygen will not overwrite). */
  private async newHostKey(): Promise<void> {
    const fresh = `${this.hostKeyPath}.new`;
    rmSync(fresh, { force: true });
    rmSync(`${fresh}.pub`, { force: true });
    await keygen(['-t', 'ed25519', '-N', '', '-C', 'wb-lab host key', '-f', fresh]);
    renameSync(fresh, this.hostKeyPath);
    renameSync(`${fresh}.pub`, `${this.hostKeyPath}.pub`);
    const [type, blob] = readFileSync(`${this.hostKeyPath}.pub`, 'utf8').trim().split(' ');
    this.publicKey = `${type} ${blob}`;
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', this.hostKeyPath]);
    // "256 SHA256:... comment (ED25519)"
    const fingerprint = stdout.split(' ')[1];
    if (!fingerprint?.startsWith('SHA256:')) throw new Error(`ssh-keygen -lf said: ${stdout}`);
    this.fingerprint = fingerprint;
  }

  private logTail(): string {
    try {
      return readFileSync(this.logPath, 'utf8').slice(-4_000);
    } catch {
      return '(no log file)';
    }
  }

  async restartWithNewHostKey(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
    await this.start();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
    this.stopSweeping?.();
    this.stopSweeping = undefined;
    this.variant.pam?.remove();
    this.cancelRemoveAtExit();
    this.removeDir();
  }
}
