// The lab itself, checked with the real OpenSSH client and the real top.

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isGone, processTree } from '../lab/procs';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';

const run = promisify(execFile);

/** Pids whose command line mentions `needle` (our own test process aside). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) found.push(Number(name));
    } catch {
      // exited while we looked
    }
  }
  return found;
}

describe('lab sshd', () => {
  let sshd: LabSshd;
  let scratch: string;
  let knownHosts: string;

  beforeAll(async () => {
    sshd = await startLabSshd();
    scratch = mkdtempSync(join(tmpdir(), 'wb-lab-test-'));
    knownHosts = join(scratch, 'known_hosts');
    writeFileSync(knownHosts, `${sshd.knownHostsLine()}\n`);
  });

  afterAll(async () => {
    await sshd.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Arguments for the real ssh client; `options` go before the destination, as ssh requires. */
  const sshArgs = (key: string, command: string[], options = ['-o', 'BatchMode=yes']): string[] => [
    ...['-F', '/dev/null', '-i', key, '-p', String(sshd.port)],
    ...['-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes'],
    // Only the key under test: never one from an agent or ~/.ssh.
    ...['-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none'],
    ...options,
    `${sshd.user}@${sshd.host}`,
    ...command,
  ];

  it('reports what a client needs', () => {
    expect(sshd.host).toBe('127.0.0.1');
    expect(sshd.hostPublicKey).toMatch(/^ssh-ed25519 AAAA\S+$/);
    expect(sshd.knownHostsLine()).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}`);
    expect(sshd.hostKeyFingerprintSha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('lets the ed25519 key in, checking the host key strictly', async () => {
    const { stdout } = await run('ssh', sshArgs(sshd.keys.ed25519, ['echo', 'ok']));
    expect(stdout.trim()).toBe('ok');
  });

  it('refuses the unauthorized key', async () => {
    const attempt = run('ssh', sshArgs(sshd.keys.unauthorized, ['echo', 'ok']));
    await expect(attempt).rejects.toMatchObject({
      stderr: expect.stringMatching(/Permission denied/),
    });
  });

  it('has an RSA key that opens with its passphrase and lets it in', async () => {
    const { stdout: pub } = await run('ssh-keygen', [
      ...['-y', '-P', sshd.keys.rsaPassphrase, '-f', sshd.keys.rsa],
    ]);
    expect(pub).toMatch(/^ssh-rsa /);
    await expect(run('ssh-keygen', ['-y', '-P', 'wrong', '-f', sshd.keys.rsa])).rejects.toThrow();

    // OpenSSH reads a passphrase only from a tty or from SSH_ASKPASS (forced since 8.4).
    const askpass = join(scratch, 'askpass.sh');
    writeFileSync(askpass, `#!/bin/sh\necho '${sshd.keys.rsaPassphrase}'\n`, { mode: 0o700 });
    const { stdout } = await run(
      'ssh',
      sshArgs(sshd.keys.rsa, ['echo', 'rsa-ok'], ['-o', 'PreferredAuthentications=publickey']),
      { env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force' } },
    );
    expect(stdout.trim()).toBe('rsa-ok');
  });

  it('stops with every session process, and a restart changes the host key', async () => {
    // A session left running: the restart must take it down too, not just the listener, and
    // let its shell run its EXIT trap (as `pyenv rehash` needs to drop its lock).
    const marker = join(scratch, 'session-alive');
    const command = `trap 'rm -f ${marker}' EXIT; touch ${marker}; sleep 300`;
    const session = spawn('ssh', sshArgs(sshd.keys.ed25519, [command]), { stdio: 'ignore' });
    // Root's .bashrc may take seconds (pyenv) before the command itself runs.
    for (let i = 0; i < 300 && !existsSync(marker); i++) await sleep(100);
    expect(existsSync(marker)).toBe(true);
    const config = join(sshd.dir, 'sshd_config');
    const [listener] = processesMentioning(config);
    expect(listener).toBeDefined();
    const sessionPids = processTree(listener ?? -1).filter((pid) => pid !== listener);
    expect(sessionPids.length).toBeGreaterThanOrEqual(3); // sshd [priv], sshd user, bash, sleep

    const oldFingerprint = sshd.hostKeyFingerprintSha256;
    await sshd.restartWithNewHostKey();
    expect(sshd.hostKeyFingerprintSha256).not.toBe(oldFingerprint);
    expect(sessionPids.every(isGone)).toBe(true);
    expect(existsSync(marker)).toBe(false);
    const changed = run('ssh', sshArgs(sshd.keys.ed25519, ['echo', 'ok']));
    await expect(changed).rejects.toMatchObject({
      stderr: expect.stringMatching(/REMOTE HOST IDENTIFICATION HAS CHANGED/),
    });
    session.kill();

    expect(processesMentioning(config)).not.toHaveLength(0);
    await sshd.stop();
    expect(processesMentioning(config)).toEqual([]);
  });
});

describe('lab seed 000', () => {
  let seed: Seed000 | undefined;

  afterAll(async () => {
    await seed?.stop();
  });

  it('burns CPU in one uvicorn process under load, and stops cleanly', async () => {
    seed = await startSeed000();
    const { pid, port } = seed;
    const health = await fetch(`${seed.url}/health`);
    expect(health.status).toBe(200);

    // Crude parse of the last frame: rows are "TID USER PR NI VIRT RES SHR S %CPU ...".
    // procps-ng 4.0.2 gives the TID == PID row the whole process's CPU (see test/lab/README.md),
    // so that row is the one near 100 %, as in seed 000; the pool threads show 5-15 % each.
    const busiest = async (): Promise<number> => {
      const { stdout } = await run('top', ['-b', '-H', '-n', '2', '-d', '1', '-p', String(pid)]);
      const lastFrame = stdout.slice(stdout.lastIndexOf('top - '));
      const cpus = lastFrame
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => /^\d+$/.test(f[0] ?? '') && f.length >= 12)
        .map((f) => Number((f[8] ?? '0').replace(',', '.')));
      return Math.max(0, ...cpus);
    };
    let cpu = 0;
    const deadline = Date.now() + 15_000;
    while (cpu <= 30 && Date.now() < deadline) cpu = await busiest();
    expect(cpu).toBeGreaterThan(30);
    expect(readdirSync(`/proc/${pid}/task`).length).toBeGreaterThanOrEqual(21);

    const started = seed.pids.flatMap((p) => processTree(p));
    expect(started.length).toBeGreaterThanOrEqual(3); // upstream, service, load
    await seed.stop();
    seed = undefined;
    expect(started.filter((p) => !isGone(p))).toEqual([]);
    expect(processesMentioning(`--port ${port}`)).toEqual([]);
  });
});
