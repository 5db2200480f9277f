import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SshConnectError } from '../../electron/node/ssh/connectErrors';
import { patternsMatch } from '../../electron/node/ssh/knownHostsFormat';
import { freePort } from '../lab/net';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { TestWorkbench } from './harness';

const run = promisify(execFile);

let lab: LabSshd;
let bench: TestWorkbench;

beforeAll(async () => {
  lab = await startLabSshd();
});
afterAll(async () => {
  await lab?.stop();
});
afterEach(() => bench?.dispose());

async function failureOf(promise: Promise<unknown>): Promise<SshConnectError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SshConnectError);
  return error as SshConnectError;
}

describe('connecting to the lab sshd', () => {
  it('asks about an unknown host key with its SHA256 fingerprint, then trusts it next time', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.ed25519);
    const info = await bench.connect(host, { hostKey: true });
    expect(info.state).toBe('connected');
    expect(info.cores).toBeGreaterThan(0);
    expect(bench.prompts).toHaveLength(1);
    expect(bench.prompts[0]).toMatchObject({
      kind: 'host-key',
      algorithm: 'ssh-ed25519',
      fingerprint: lab.hostKeyFingerprintSha256,
    });
    // One line, its name hashed as `HashKnownHosts yes` writes it.
    const knownHosts = readFileSync(join(bench.dataDir, 'known_hosts'), 'utf8');
    const [name, ...key] = knownHosts.trim().split(' ');
    expect(key.join(' ')).toBe(lab.hostPublicKey);
    expect(name).toMatch(/^\|1\|/);
    expect(patternsMatch(name ?? '', lab.host, lab.port)).toBe(true);

    const again = await bench.connect(host, {});
    expect(again.state).toBe('connected');
    expect(bench.prompts).toHaveLength(1);
  });

  it('connects with the passphrase-protected RSA key, asking again after a wrong passphrase', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.rsa);
    const info = await bench.connect(host, {
      hostKey: true,
      passphrases: ['not-it', lab.keys.rsaPassphrase],
    });
    expect(info.state).toBe('connected');
    const asked = bench.prompts.filter((p) => p.kind === 'passphrase');
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ attempt: 2, retryReason: 'Wrong passphrase.' });
  });

  it('gives up after three wrong passphrases, and never writes the passphrase anywhere', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.rsa);
    const error = await failureOf(
      bench.connect(host, { passphrases: ['secret-one', 'secret-two', 'secret-three'] }),
    );
    expect(error.failure).toBe('passphrase');
    expect(error.message).toContain('Wrong passphrase');
    const written =
      JSON.stringify(bench.events) + readFileSync(join(bench.dataDir, 'hosts.json'), 'utf8');
    expect(written).not.toContain('secret-');
  });

  it('refuses a key that is not authorized, naming the user', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.unauthorized);
    const error = await failureOf(bench.connect(host, { hostKey: true }));
    expect(error.failure).toBe('auth');
    expect(error.message).toContain(`user "${lab.user}"`);
  });

  it('refuses a user that does not exist', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost({ ...lab, user: 'no-such-user-wb' }, lab.keys.ed25519);
    const error = await failureOf(bench.connect(host, { hostKey: true }));
    expect(error.failure).toBe('auth');
    expect(error.message).toContain('no-such-user-wb');
  });

  it('says plainly when the key file is missing or is not a key', async () => {
    bench = new TestWorkbench();
    const missing = await bench.addHost(lab, join(lab.dir, 'no-such-key'));
    const error = await failureOf(bench.connect(missing));
    expect(error.failure).toBe('key-file');
    expect(error.message).toMatch(/does not exist/);

    const directory = join(lab.dir, 'a-directory');
    mkdirSync(directory);
    const notAFile = await bench.addHost(lab, directory);
    expect((await failureOf(bench.connect(notAFile))).message).toMatch(/is a directory/);

    const notAKey = await bench.addHost(lab, lab.logPath);
    expect((await failureOf(bench.connect(notAKey))).message).toMatch(/not a private key/);
  });

  it('reports a refused port', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost({ ...lab, port: await freePort() }, lab.keys.ed25519);
    const error = await failureOf(bench.connect(host));
    expect(error.failure).toBe('refused');
    expect(error.message).toMatch(/refused the connection/);
  });

  it('times out on a host that accepts TCP but never answers', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    bench = new TestWorkbench(1500);
    const host = await bench.addHost({ ...lab, port }, lab.keys.ed25519);
    const started = Date.now();
    const error = await failureOf(bench.connect(host));
    expect(error.failure).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 2 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    silent.close();
  });

  it('stops before authenticating when the user rejects the host key', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.ed25519);
    const logBefore = readFileSync(lab.logPath, 'utf8').length;
    const error = await failureOf(bench.connect(host, { hostKey: false }));
    expect(error.failure).toBe('host-key-rejected');
    expect(error.message).toContain(lab.hostKeyFingerprintSha256);
    // The server saw no authentication attempt: no key was offered.
    const log = readFileSync(lab.logPath, 'utf8').slice(logBefore);
    expect(log).not.toMatch(/publickey|Accepted|Failed/);
  });
});

describe('a changed host key', () => {
  it('is a hard stop, with both fingerprints, and no prompt', async () => {
    bench = new TestWorkbench();
    const host = await bench.addHost(lab, lab.keys.ed25519);
    await bench.connect(host, { hostKey: true });
    const oldFingerprint = lab.hostKeyFingerprintSha256;
    await lab.restartWithNewHostKey();
    const logBefore = readFileSync(lab.logPath, 'utf8').length;
    const error = await failureOf(bench.connect(host, {}));
    expect(error.failure).toBe('host-key-changed');
    expect(error.message).toContain('HOST KEY CHANGED');
    expect(error.message).toContain(lab.hostKeyFingerprintSha256);
    expect(error.message).toContain(oldFingerprint);
    expect(bench.prompts.filter((p) => p.kind === 'host-key')).toHaveLength(1);
    expect(readFileSync(lab.logPath, 'utf8').slice(logBefore)).not.toMatch(/publickey|Accepted/);
  });
});

describe('known_hosts lines the app cannot honour', () => {
  it('refuses a host vouched for only by a @cert-authority line, naming the line, asking nothing', async () => {
    bench = new TestWorkbench();
    const file = join(bench.dataDir, 'known_hosts');
    const caKey = lab.hostPublicKey; // Any ed25519 key stands in for the authority's.
    writeFileSync(file, `# fleet CA\n@cert-authority [${lab.host}]:* ${caKey}\n`);
    const host = await bench.addHost(lab, lab.keys.ed25519);
    const logBefore = readFileSync(lab.logPath, 'utf8').length;
    const error = await failureOf(bench.connect(host, {}));
    expect(error.failure).toBe('host-key-rejected');
    expect(error.message).toContain(
      `[${lab.host}]:${lab.port} is vouched for by a certificate authority in ${file}:2; host certificates are not supported yet`,
    );
    expect(error.message).toContain(lab.hostKeyFingerprintSha256);
    expect(bench.prompts).toHaveLength(0);
    expect(readFileSync(lab.logPath, 'utf8').slice(logBefore)).not.toMatch(/publickey|Accepted/);
  });

  it('names a line that does not parse in the host key prompt, and still connects', async () => {
    bench = new TestWorkbench();
    const file = join(bench.dataDir, 'known_hosts');
    writeFileSync(file, `[${lab.host}]:${lab.port} ssh-ed25519\n`);
    const host = await bench.addHost(lab, lab.keys.ed25519);
    const info = await bench.connect(host, { hostKey: true });
    expect(info.state).toBe('connected');
    expect(bench.prompts[0]).toMatchObject({
      kind: 'host-key',
      warnings: [
        `A known_hosts line was skipped because it does not parse: ${file}:1 (expected host patterns, key type and key).`,
      ],
    });
  });
});

describe('the record of a connection', () => {
  it("holds the host key's fingerprint, the user, the host's uname -a and a clock offset near 0", async () => {
    bench = new TestWorkbench();
    const info = await bench.connectLab(lab);
    expect(info.state).toBe('connected');

    const keygen = await run('ssh-keygen', ['-lf', join(lab.dir, 'ssh_host_ed25519_key.pub')]);
    const fingerprint = keygen.stdout.split(' ')[1];
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const { stdout: uname } = await run('uname', ['-a']);

    const record = info.record;
    expect(record?.hops).toEqual([
      { address: `${lab.user}@[${lab.host}]:${lab.port}`, algorithm: 'ssh-ed25519', fingerprint },
    ]);
    expect(record?.user).toBe(lab.user);
    // The lab's sshd runs on this machine: the same kernel, the same clock.
    expect(record?.uname).toBe(uname.trim());
    // Same clock: the true offset is 0, so it must lie within the uncertainty (a loaded machine
    // widens the round trip, and with it the uncertainty, not the error).
    const clock = record?.clock;
    expect(clock?.uncertaintySeconds).toBeGreaterThan(0);
    expect(clock?.uncertaintySeconds).toBeLessThan(5);
    expect(Math.abs(clock?.offsetSeconds ?? Infinity)).toBeLessThanOrEqual(
      (clock?.uncertaintySeconds ?? 0) + 0.05,
    );

    // A page that loads later gets the same record with the connection.
    const listed = await bench.workbench.handlers['ssh.listConnections']({});
    expect(listed.find((c) => c.connectionId === info.connectionId)?.record).toEqual(record);
  });
});
