// The lab's healthy control: seed 002's API done right, under the same load. Requests take
// about the upstream's time, /health answers at once, and no thread is stuck.

import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LabService } from '../lab/service';
import { startHealthy, UVICORN_LAB_UPSTREAM_DELAY_S } from '../lab/uvicornLab';
import { median, NO_PY_SPY, PY_SPY, pySpyDump, stackLines, timedGet } from './labTools';

if (PY_SPY === undefined) console.log(NO_PY_SPY);

describe('lab healthy control', () => {
  let service: LabService;

  beforeAll(async () => {
    service = await startHealthy();
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('answers /health faster than one upstream call, and /api/search without a queue', async () => {
    const health: number[] = [];
    const search: number[] = [];
    for (let i = 0; i < 5; i++) {
      health.push((await timedGet(`${service.url}/health`, 10_000)).ms);
      search.push((await timedGet(`${service.url}/api/search`, 10_000)).ms);
    }
    const upstreamMs = UVICORN_LAB_UPSTREAM_DELAY_S * 1000;
    expect(median(health)).toBeLessThan(upstreamMs);
    // Loose: a loaded 2-core machine adds hundreds of ms; seed 002 under this load takes ~3 s.
    expect(median(search)).toBeLessThan(upstreamMs * 10);
  });

  it.skipIf(PY_SPY === undefined)(
    'py-spy: the loop never in a sync read nor stuck on one stack; the pool never full',
    async () => {
      const dumps = [];
      for (let i = 0; i < 3; i++) {
        dumps.push(await pySpyDump(service.pid));
        await sleep(500);
      }
      const byTid = new Map<number | null, string[]>();
      for (const dump of dumps) {
        for (const thread of dump.threads) {
          const main = thread.name === 'MainThread';
          const lines = stackLines(thread);
          if (main)
            expect(lines.some((l) => /\(httpcore\/_sync\/|^readinto \(socket/.test(l))).toBe(false);
          // A pool thread runs `score` again and again, each time for another request: the
          // same stack in three dumps says nothing there. The pool is checked below instead.
          if (!thread.idle && !thread.name?.startsWith('score_'))
            byTid.set(thread.tid, [...(byTid.get(thread.tid) ?? []), lines.join('|')]);
        }
      }
      const stuck = [...byTid].filter(
        ([, seen]) => seen.length === dumps.length && new Set(seen).size === 1,
      );
      expect(stuck).toEqual([]);
      // The pool is there and never full: 8 clients can keep at most 8 of its 16 threads
      // hashing (py-spy shows those active: the hashing runs in C, outside the GIL).
      for (const dump of dumps) {
        const pool = dump.threads.filter((t) => t.name?.startsWith('score_'));
        expect(pool.length).toBe(16);
        expect(pool.filter((t) => t.idle).length).toBeGreaterThanOrEqual(8);
      }
    },
  );
});
