// Lab seed 002: the event loop of a uvicorn service stuck in its handler's blocking calls,
// seen with the real py-spy, and felt as a `/health` that waits its turn.

import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LabService } from '../lab/service';
import { startSeed002, UVICORN_LAB_UPSTREAM_DELAY_S } from '../lab/uvicornLab';
import {
  median,
  NO_PY_SPY,
  PY_SPY,
  pySpyDump,
  stackLines,
  threadNamed,
  timedGet,
} from './labTools';

if (PY_SPY === undefined) console.log(NO_PY_SPY);

describe('lab seed 002', () => {
  let seed: LabService;

  beforeAll(async () => {
    seed = await startSeed002();
  });

  afterAll(async () => {
    await seed?.stop();
  });

  it('makes /health wait behind the blocked loop', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await timedGet(`${seed.url}/health`, 20_000)).ms);
    // Nothing in /health waits, so its time is the loop serving others. A request that comes in
    // the middle of one blocking upstream call waits out the rest of it (on average half of it)
    // and whatever is queued: half a call is the least that still says "waited". (A median of 3
    // against a whole call was 182 ms in one CI run.)
    expect(median(times)).toBeGreaterThan((UVICORN_LAB_UPSTREAM_DELAY_S * 1000) / 2);
  });

  it.skipIf(PY_SPY === undefined)(
    'py-spy: the MainThread runs the handler, a coroutine under _run_once, in a blocking call',
    async () => {
      const stacks: string[][] = [];
      for (let i = 0; i < 5; i++) {
        const main = threadNamed(await pySpyDump(seed.pid), 'MainThread');
        stacks.push(main ? stackLines(main) : []);
        await sleep(200);
      }
      const inHandler = stacks.filter(
        (lines) =>
          lines.some((l) => l.startsWith('search (app.py:')) &&
          lines.some((l) => l.startsWith('_run_once (asyncio/base_events.py:')),
      );
      expect(inHandler.length, stacks.map((s) => s.join('\n')).join('\n\n')).toBeGreaterThanOrEqual(
        3,
      );
      // The leaf of those: the sync client's socket read, building the client, or the hashing.
      const blocking =
        /^(read \(httpcore\/|readinto \(socket|recv|score \(app\.py|.* \(httpx\/_config\.py|.* \(ssl\.py)/;
      expect(inHandler.some((lines) => blocking.test(lines[0] ?? ''))).toBe(true);
    },
  );
});
