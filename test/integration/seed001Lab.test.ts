// Lab seed 001: nginx's "upstream prematurely closed connection" while a job thread inside the
// web worker holds the GIL; gunicorn kills the stalled worker and starts another.

import { existsSync, readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { waitUntil } from '../lab/net';
import { isGone, processTree } from '../lab/procs';
import { startSeed001, type Seed001 } from '../lab/seed001';
import { NO_PY_SPY, PY_SPY, pySpyDump, stackLines, threadNamed } from './labTools';

if (PY_SPY === undefined) console.log(NO_PY_SPY);

const PREMATURE =
  /\[error\] .* upstream prematurely closed connection while reading response header from upstream, /;

describe('lab seed 001', () => {
  let seed: Seed001;
  const read = (role: string): string => readFileSync(seed.logs[role] ?? '', 'utf8');

  beforeAll(async () => {
    seed = await startSeed001();
  });

  afterAll(async () => {
    await seed?.stop();
  });

  it('nginx logs "upstream prematurely closed connection" when gunicorn kills the stalled worker', async () => {
    await waitUntil(
      'an upstream error in the error log',
      () => {
        if (!PREMATURE.test(read('error'))) throw new Error('none yet');
      },
      {
        timeoutMs: 25_000,
        gaveUp: () => false,
        describe: () => `${read('error')}\n${read('service')}`,
      },
    );
    expect(read('service')).toMatch(/\[CRITICAL\] WORKER TIMEOUT \(pid:\d+\)/);
    expect(read('access')).toMatch(/" 502 /);
  });

  it.skipIf(PY_SPY === undefined)(
    'py-spy: the worker\'s "health-sync" thread holds the GIL in validate, the loop does not run',
    async () => {
      // The worker is replaced every few seconds: dump whichever runs now until one shows the job.
      let seen = '';
      const { job, main } = await waitUntil(
        'a dump with the job holding the GIL',
        async () => {
          const pid = seed.workerPid();
          if (pid === undefined) throw new Error('no worker right now');
          const dump = await pySpyDump(pid);
          seen = dump.threads
            .map((t) => `${t.name} ${stackLines(t).slice(0, 3).join(' < ')}`)
            .join('\n');
          const found = {
            job: threadNamed(dump, 'health-sync'),
            main: threadNamed(dump, 'MainThread'),
          };
          // Between rounds it holds the GIL for moments too (parsing, an import): wait for validate.
          const leaf = found.job ? stackLines(found.job)[0] : undefined;
          if (!found.job?.ownsGil || !leaf?.startsWith('validate (')) {
            throw new Error('the job is not validating now');
          }
          return found;
        },
        { timeoutMs: 25_000, gaveUp: () => false, describe: () => seen },
      );
      const lines = job ? stackLines(job) : [];
      expect(lines[0], seen).toMatch(/^validate \(app\.py:\d+\)$/); // not some other validate
      expect(lines).toContainEqual(expect.stringMatching(/^sync_health_data \(app\.py:\d+\)$/));
      expect(main?.active, seen).toBe(false);
    },
  );

  it('stop() ends gunicorn and its worker, nginx and its worker, the upstream and the load', async () => {
    const everything = processTree(...Object.values(seed.pids));
    // upstream, gunicorn master + worker, nginx master + worker, load.
    expect(everything.length).toBeGreaterThanOrEqual(6);
    await seed.stop();
    expect(everything.filter((pid) => !isGone(pid))).toEqual([]);
    expect(existsSync(seed.dir)).toBe(false);
    await seed.stop(); // idempotent
  });
});
