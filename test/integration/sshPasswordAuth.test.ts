// Password and keyboard-interactive logins against real OpenSSH sshd with PAM (the lab's own
// service file: a password checked by a script, a TOTP by pam_oath), then a grep of every file
// the workbench wrote for every secret used.

import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { HostProfile, Prompt } from '../../shared/contract/index';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { labPamUnavailableReason, type LabPamSecrets } from '../lab/sshdPam';
import { FakeKeychain } from '../unit/node/fakeKeychain';
import { CollectingSink, failureOf, TestWorkbench } from './harness';

const run = promisify(execFile);
const unavailable = labPamUnavailableReason('keyboard-interactive');

type SecretPrompt = Extract<Prompt, { kind: 'secret' }>;

let passwordLab: LabSshd | undefined;
let kbdLab: LabSshd | undefined;
const benches: TestWorkbench[] = [];
/** Every secret typed or remembered in this file, for the final grep. */
const secretsUsed = new Set<string>();

beforeAll(async () => {
  if (unavailable) return;
  [passwordLab, kbdLab] = await Promise.all([
    startLabSshd({ auth: 'password', logLevel: 'DEBUG3' }),
    startLabSshd({ auth: 'keyboard-interactive', logLevel: 'DEBUG3' }),
  ]);
}, 120_000);
afterAll(async () => {
  for (const bench of benches) await bench.dispose();
  await passwordLab?.stop();
  await kbdLab?.stop();
});

function skipUnlessPam(context: TestContext): boolean {
  if (!unavailable) return false;
  const reason = `SKIPPED: ${unavailable}; password and keyboard-interactive logins are not tested`;
  console.log(reason);
  context.skip(reason);
  return true;
}

function ready<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the lab was not started');
  return value;
}
const pamOf = (lab: LabSshd): LabPamSecrets => ready(lab.pam);

function newBench(keychain?: FakeKeychain): TestWorkbench {
  const bench = new TestWorkbench(undefined, undefined, undefined, keychain ? { keychain } : {});
  benches.push(bench);
  return bench;
}

function used<T extends string>(secret: T): T {
  secretsUsed.add(secret);
  return secret;
}

async function totp(keyHex: string, at?: string): Promise<string> {
  const { stdout } = await run('oathtool', ['--totp', ...(at ? ['-N', at] : []), keyHex]);
  return used(stdout.trim());
}

const secretPrompts = (bench: TestWorkbench): SecretPrompt[] =>
  bench.prompts.filter((p): p is SecretPrompt => p.kind === 'secret');
const logLength = (lab: LabSshd): number => readFileSync(lab.logPath, 'utf8').length;
const logSince = (lab: LabSshd, from: number): string =>
  readFileSync(lab.logPath, 'utf8').slice(from);

/** A host with no key file and no agent: the server's password methods are the only way in. */
const addPasswordHost = (bench: TestWorkbench, lab: LabSshd): Promise<HostProfile> =>
  bench.addHost(lab, undefined, { agent: false });

/** A fresh workbench and a keyless host on `lab`; null when the test is skipped. */
async function keylessHost(
  context: TestContext,
  lab: () => LabSshd | undefined,
  keychain?: FakeKeychain,
): Promise<{ lab: LabSshd; bench: TestWorkbench; host: HostProfile } | null> {
  if (skipUnlessPam(context)) return null;
  const started = ready(lab());
  const bench = newBench(keychain);
  return { lab: started, bench, host: await addPasswordHost(bench, started) };
}

describe('a password-only sshd', () => {
  it('logs in with a password asked after the host key, naming the host', async (context) => {
    const setup = await keylessHost(context, () => passwordLab);
    if (!setup) return;
    const { lab, bench, host } = setup;
    const info = await bench.connect(host, {
      hostKey: true,
      secrets: [{ answers: [used(pamOf(lab).password)] }],
    });
    expect(info.state).toBe('connected');
    expect(bench.prompts.map((p) => p.kind)).toEqual(['host-key', 'secret']);
    const [prompt] = secretPrompts(bench);
    expect(prompt).toMatchObject({
      method: 'password',
      where: `${lab.user}@[${lab.host}]:${lab.port}`,
      fields: [{ echo: false }],
      canRemember: false,
    });
    expect(readFileSync(lab.logPath, 'utf8')).toContain(`Accepted password for ${lab.user}`);
  });

  it('says a wrong password was refused and asks again', async (context) => {
    const setup = await keylessHost(context, () => passwordLab);
    if (!setup) return;
    const { lab, bench, host } = setup;
    const info = await bench.connect(host, {
      hostKey: true,
      secrets: [{ answers: [used('wrong-password-1')] }, { answers: [pamOf(lab).password] }],
    });
    expect(info.state).toBe('connected');
    const [first, second] = secretPrompts(bench);
    expect(first?.retryReason).toBeUndefined();
    expect(second?.retryReason).toMatch(/did not accept that password/);
    expect(second?.attempt).toBe(2);
  });

  it("stops with a clear message at the server's limit of tries", async (context) => {
    const setup = await keylessHost(context, () => passwordLab);
    if (!setup) return;
    const { bench, host } = setup;
    const wrong = { answers: [used('wrong-password-2')] };
    const error = await failureOf(
      bench.connect(host, { hostKey: true, secrets: Array.from({ length: 8 }, () => wrong) }),
    );
    expect(error.failure).toBe('auth');
    expect(error.message).toMatch(/too many failed attempts \(the server's MaxAuthTries\)/);
    // MaxAuthTries 4 in the lab: sshd hangs up at the 4th failure.
    expect(secretPrompts(bench)).toHaveLength(4);
  });

  it('stops with a clear message when the prompt is cancelled', async (context) => {
    const setup = await keylessHost(context, () => passwordLab);
    if (!setup) return;
    const { bench, host } = setup;
    const error = await failureOf(bench.connect(host, { hostKey: true, secrets: [null] }));
    expect(error.failure).toBe('cancelled');
    expect(error.message).toContain('password prompt was cancelled; not logged in');
  });

  it('remembers a password in the keychain only when asked, and drops it once refused', async (context) => {
    const keychain = new FakeKeychain();
    const setup = await keylessHost(context, () => passwordLab, keychain);
    if (!setup) return;
    const { lab, bench, host } = setup;
    const password = pamOf(lab).password;
    await bench.connect(host, {
      hostKey: true,
      secrets: [{ answers: [password], remember: true }],
    });
    expect(secretPrompts(bench)[0]?.canRemember).toBe(true);
    expect(keychain.encryptCalls).toBe(1);
    const stored = readdirSync(join(bench.dataDir, 'keychain'));
    expect(stored).toHaveLength(1);

    // Next time: no prompt at all.
    await bench.connect(host, { secrets: [] });
    expect(secretPrompts(bench)).toHaveLength(1);

    // The password changes on the host: the remembered one is refused, removed, and asked for.
    const changed = used(`${password}-changed`);
    writeFileSync(join(lab.dir, 'lab-password'), changed);
    try {
      await bench.connect(host, { secrets: [{ answers: [changed] }] });
    } finally {
      writeFileSync(join(lab.dir, 'lab-password'), password);
    }
    const asked = secretPrompts(bench)[1];
    expect(asked?.retryReason).toMatch(
      /remembered in the OS keychain was refused; it has been removed/,
    );
    expect(readdirSync(join(bench.dataDir, 'keychain'))).toHaveLength(0);
  });
});

describe('a host whose key changed', () => {
  /** What sshd logs (LogLevel DEBUG3) once a client asks to log in, or sends a password or answers. */
  const LOGIN_ATTEMPT =
    /userauth-request|Failed password|Accepted|Postponed|input_userauth_info_response|sshpam_auth_passwd|sshpam_respond|sshpam_query/i;

  it.for([
    ['password', () => passwordLab],
    ['keyboard-interactive', () => kbdLab],
  ] as const)('gets no %s attempt at all (its sshd log)', async ([method, lab], context) => {
    const setup = await keylessHost(context, lab);
    if (!setup) return;
    const { lab: started, bench, host } = setup;
    let from = logLength(started);
    // The key is trusted and recorded; then a password is sent, or the first question cancelled
    // (a one-time code cannot be used twice).
    const answer = method === 'password' ? { answers: [pamOf(started).password] } : null;
    await bench.connect(host, { hostKey: true, secrets: [answer] }).catch(() => undefined);
    // The log does show an attempt when one is made...
    expect(logSince(started, from)).toMatch(
      new RegExp(`userauth-request for user \\S+ service ssh-connection method ${method}`),
    );
    expect(logSince(started, from)).toMatch(LOGIN_ATTEMPT);

    await started.restartWithNewHostKey();
    from = logLength(started);
    const error = await failureOf(bench.connect(host, { secrets: [] }));
    expect(error.failure).toBe('host-key-changed');
    expect(secretPrompts(bench)).toHaveLength(1);
    // ...and none here. (sshd tears down PAM's unused thread on every connection:
    // "sshpam_thread_cleanup" is not an attempt.)
    const log = logSince(started, from);
    expect(log).toMatch(/Connection from/);
    expect(log).not.toMatch(LOGIN_ATTEMPT);
  });
});

describe('keyboard-interactive with a password and a TOTP (pam_oath)', () => {
  it('asks both, in the server’s words, says a wrong code was refused, then logs in', async (context) => {
    const setup = await keylessHost(context, () => kbdLab);
    if (!setup) return;
    const { lab, bench, host } = setup;
    const { password, totpKeyHex } = pamOf(lab);
    used(password);
    const wrongCode = await totp(totpKeyHex, '2001-01-01 00:00:00 UTC');
    // Each field answered by its text; the first code is wrong, the next computed when asked.
    let codesAsked = 0;
    const answerRound = (prompt: SecretPrompt) => ({
      answers: prompt.fields.map((field) =>
        /one-time|oath/i.test(field.text)
          ? codesAsked++ === 0
            ? wrongCode
            : codeNow(totpKeyHex)
          : password,
      ),
    });
    const from = logLength(lab);
    const info = await bench.connect(host, {
      hostKey: true,
      secrets: Array.from({ length: 6 }, () => answerRound),
    });
    expect(info.state).toBe('connected');
    const prompts = secretPrompts(bench);
    const texts = prompts.flatMap((p) => p.fields.map((f) => f.text));
    expect(texts).toContain('Password: ');
    expect(texts.some((t) => t.startsWith('One-time password (OATH) for'))).toBe(true);
    expect(prompts.every((p) => p.method === 'keyboard-interactive')).toBe(true);
    expect(prompts.every((p) => p.fields.every((f) => f.echo === false))).toBe(true);
    expect(codesAsked).toBe(2);
    const retried = prompts.filter((p) => p.retryReason !== undefined);
    expect(retried).toHaveLength(1);
    expect(retried[0]?.retryReason).toMatch(/did not accept those answers/);
    expect(logSince(lab, from)).toContain(`Accepted keyboard-interactive/pam for ${lab.user}`);
  });

  it('stops with a clear message when the code prompt is cancelled', async (context) => {
    const setup = await keylessHost(context, () => kbdLab);
    if (!setup) return;
    const { lab, bench, host } = setup;
    const password = pamOf(lab).password;
    const error = await failureOf(
      bench.connect(host, { hostKey: true, secrets: [{ answers: [password] }, null] }),
    );
    expect(error.failure).toBe('cancelled');
    expect(error.message).toContain('login prompt was cancelled; not logged in');
  });
});

describe('through a jump host', () => {
  it('asks the target hop for its answers, naming the hop', async (context) => {
    const setup = await keylessHost(context, () => kbdLab);
    if (!setup) return;
    const { lab: target, bench } = setup;
    // The password lab also takes keys: it is the jump host, logged in with its key.
    const jumpLab = ready(passwordLab);
    const jump = await bench.addHost(jumpLab, jumpLab.keys.ed25519, { agent: false });
    const host = await bench.workbench.handlers['hosts.save']({
      host: target.host,
      port: target.port,
      user: target.user,
      agent: false,
      jump: [{ hostId: jump.id }],
    });
    const error = await failureOf(bench.connect(host, { hostKey: true, secrets: [null] }));
    expect(error.failure).toBe('cancelled');
    const [prompt] = secretPrompts(bench);
    expect(prompt?.where).toBe(`${target.user}@[${target.host}]:${target.port}`);
    expect(prompt?.hop).toBe(
      `Target ${target.user}@[${target.host}]:${target.port} (through 1 jump host)`,
    );
    // Both host keys were checked first, the jump host's before the target's.
    expect(bench.prompts.map((p) => p.kind)).toEqual(['host-key', 'host-key', 'secret']);
  });
});

describe('a shell on the lab with PAM', () => {
  it('opens a shell after logging in with an encrypted key, so a capture log is written', async (context) => {
    if (skipUnlessPam(context)) return;
    const lab = ready(passwordLab);
    const bench = newBench();
    const host = await bench.addHost(lab, lab.keys.rsa, { agent: false });
    const info = await bench.connect(host, {
      hostKey: true,
      passphrases: [used(lab.keys.rsaPassphrase)],
    });
    const { session } = await bench.runCommand(info.connectionId, 'echo', 'echo wb-capture-ok');
    const sink = new CollectingSink(session);
    session.attach(sink);
    await sink.waitFor(/wb-capture-ok/);
  });
});

/** `oathtool --totp` now, synchronously: the scripted user answers inside the prompt's callback. */
function codeNow(keyHex: string): string {
  return used(execFileSync('oathtool', ['--totp', keyHex], { encoding: 'utf8' }).trim());
}

describe('no secret in any file', () => {
  it('finds none of the passwords, codes or passphrases in the data folders or capture logs', async (context) => {
    if (skipUnlessPam(context)) return;
    expect(secretsUsed.size).toBeGreaterThanOrEqual(4);
    // Capture logs are complete on disk once their workbench is disposed.
    for (const bench of benches) await bench.workbench.dispose();
    const files = benches.flatMap((bench) => filesUnder(bench.dataDir));
    expect(files.some((file) => file.includes(`${join('captures', '')}`))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secretsUsed) {
        for (const encoded of [secret, Buffer.from(secret).toString('base64')]) {
          if (bytes.includes(encoded)) found.push(`${file}: ${secret}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
