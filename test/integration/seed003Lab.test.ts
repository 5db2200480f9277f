// Lab seed 003: one backend behind nginx in an endless logging loop. strace shows the
// `sendto` + `rename` = -1 ENOENT loop and its rate, `strace -c` the failing renames, and
// nginx's access log puts every slow request on that backend.

import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseAccessLogText } from '../../shared/parsers/nginx';
import { waitUntil } from '../lab/net';
import { NGINX_LAB_LOG_FORMAT } from '../lab/nginxLab';
import { startSeed003 } from '../lab/seed003';
import type { LabService } from '../lab/service';
import { straceFor } from './labTools';

const SECONDS = 2;

describe('lab seed 003', () => {
  let seed: LabService;

  beforeAll(async () => {
    seed = await startSeed003();
  });

  afterAll(async () => {
    await seed?.stop();
  });

  it('strace -f: sendto then rename = -1 ENOENT, hundreds of times a second', async () => {
    // -s 256: longer strings show what is sent, as they did for the seed's author.
    const lines = (await straceFor(SECONDS, ['-f', '-s', '256', '-p', String(seed.pid)])).split(
      '\n',
    );
    const sendto = lines.filter((l) => /\bsendto\(\d+, "<14>/.test(l));
    const renames = lines.filter((l) =>
      /\brename\("[^"]+\.log", "[^"]+\.log\.1"\) = -1 ENOENT \(No such file or directory\)/.test(l),
    );
    expect(sendto.length, lines.slice(0, 40).join('\n')).toBeGreaterThan(100 * SECONDS);
    expect(renames.length).toBeGreaterThan(100 * SECONDS);
    // The loop re-logs its own failure: the record sent next names the rename that failed.
    expect(sendto.some((l) => l.includes('Temporarily disabling observer Rotating275'))).toBe(true);
  });

  it('strace -c: rename fails every time it is called', async () => {
    const summary = await straceFor(SECONDS, ['-c', '-f', '-p', String(seed.pid)]);
    // "% time  seconds  usecs/call  calls  errors syscall"
    const row = (name: string): { calls: number; errors: number } | undefined => {
      const m = new RegExp(
        `^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)\\s+(\\d+)?\\s*${name}$`,
        'm',
      ).exec(summary);
      return m ? { calls: Number(m[1]), errors: Number(m[2] ?? 0) } : undefined;
    };
    const rename = row('rename');
    expect(rename, summary).toBeDefined();
    expect(rename?.calls).toBeGreaterThan(100 * SECONDS);
    expect(rename?.errors).toBe(rename?.calls);
    expect(row('sendto')?.errors ?? 0).toBe(0);
  });

  it('the access log puts every slow request on the looping backend', async () => {
    expect(seed.pids['backend-3']).toBe(seed.pid);
    const accessLog = seed.logs['access'] ?? '';
    const slow = (): { culprit: string | null }[] =>
      parseAccessLogText(readFileSync(accessLog, 'utf8'), {
        format: NGINX_LAB_LOG_FORMAT,
      }).slowest.filter((r) => r.seconds >= 0.9);
    await waitUntil(
      'three slow requests',
      () => {
        if (slow().length < 3) throw new Error(`${slow().length} so far`);
      },
      { timeoutMs: 20_000, gaveUp: () => false, describe: () => readFileSync(accessLog, 'utf8') },
    );
    const culprits = new Set(slow().map((r) => r.culprit));
    expect(culprits.size).toBe(1);
    const [culprit] = culprits;
    expect(readFileSync(`/proc/${seed.pid}/cmdline`, 'utf8').split('\0')).toContain(
      culprit?.split(':')[1],
    );
  });
});
