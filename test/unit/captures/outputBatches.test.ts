import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BATCH_INTERVAL_SECONDS, BATCH_RELAY } from '../../../shared/captures/outputBatches';

/** strace runs `-o |command` with /bin/sh: dash on Debian; bash and BusyBox's sh elsewhere. */
const whereIs = (tool: string): string =>
  spawnSync('sh', ['-c', `command -v ${tool}`])
    .stdout.toString()
    .trim();
/** Each shell by its absolute path: one test runs it with a PATH that holds only cat and sleep. */
const SHELLS = [['dash'], ['bash'], ['busybox', 'sh']]
  .map(([name, ...rest]) => [whereIs(name ?? ''), ...rest])
  .filter(([path]) => path !== '');
const missing = ['dash', 'bash', 'busybox'].filter(
  (name) => !SHELLS.some(([path]) => path?.endsWith(`/${name}`)),
);
if (missing.length > 0) console.log(`relay tests: ${missing.join(', ')} not installed here`);

const scratch = mkdtempSync(join(tmpdir(), 'wb-relay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(SHELLS)('the batching relay under %s', (...shell) => {
  const run = (input: Buffer, env: NodeJS.ProcessEnv = process.env) =>
    spawnSync(shell[0] ?? 'sh', [...shell.slice(1), '-c', BATCH_RELAY], {
      input,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });

  it('passes every byte on, in order, and ends at the end of its input', () => {
    const input = Buffer.concat([randomBytes(3 * 1024 * 1024), Buffer.from('last line\n')]);
    const result = run(input);
    expect(result.status).toBe(0);
    expect(result.stdout.equals(input)).toBe(true);
    expect(run(Buffer.alloc(0)).stdout.length).toBe(0);
  });

  it('without dd on the PATH, is plain cat', () => {
    const bin = mkdtempSync(join(scratch, 'bin-'));
    for (const tool of ['cat', 'sleep']) symlinkSync(whereIs(tool), join(bin, tool));
    const input = randomBytes(200_000);
    const result = run(input, { PATH: bin });
    expect(result.status).toBe(0);
    expect(result.stdout.equals(input)).toBe(true);
  });

  it('writes at most once per interval, however often its input arrives', async () => {
    const relay = spawn(shell[0] ?? 'sh', [...shell.slice(1), '-c', BATCH_RELAY]);
    let reads = 0;
    let bytes = 0;
    relay.stdout.on('data', (chunk: Buffer) => {
      reads += 1;
      bytes += chunk.length;
    });
    const ended = new Promise((resolve) => relay.on('close', resolve));
    const started = performance.now();
    const writes = 2_000;
    // strace's pattern: many small writes, each a wake-up for a plain reader.
    for (let i = 0; i < writes; i += 1) {
      relay.stdin.write(`${String(i).padStart(6, '0')} getppid() = 1 <0.000004>\n`);
      if (i % 4 === 0) await sleep(1);
    }
    relay.stdin.end();
    await ended;
    const seconds = (performance.now() - started) / 1000;
    expect(bytes).toBe(writes * 32);
    // One dd write per interval, which a reader may see in two reads at most.
    expect(reads).toBeLessThanOrEqual(2 * (seconds / BATCH_INTERVAL_SECONDS + 2));
    expect(reads).toBeLessThan(writes / 4);
  });

  it('ignores Ctrl-C (its tool takes it) and passes on what follows', async () => {
    const relay = spawn(shell[0] ?? 'sh', [...shell.slice(1), '-c', BATCH_RELAY], {
      detached: true,
    });
    const out: Buffer[] = [];
    relay.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = new Promise<number | null>((resolve) => relay.on('close', resolve));
    relay.stdin.write('before\n');
    await sleep(200);
    // The terminal's Ctrl-C reaches the whole foreground group: the shell, dd, sleep.
    if (relay.pid) process.kill(-relay.pid, 'SIGINT');
    await sleep(200);
    relay.stdin.end('strace: Process 42 detached\n');
    expect(await ended).toBe(0);
    expect(Buffer.concat(out).toString()).toBe('before\nstrace: Process 42 detached\n');
  });
});
