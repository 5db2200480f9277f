// Lab seed 004: gunicorn's one sync worker stuck calling its own API. Any request hangs; py-spy
// shows the worker in a socket read inside the handler; ss shows its connection to itself.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSeed004 } from '../lab/seed004';
import type { LabService } from '../lab/service';
import { NO_PY_SPY, PY_SPY, pySpyDump, ss, stackLines, threadNamed, timedGet } from './labTools';

if (PY_SPY === undefined) console.log(NO_PY_SPY);

describe('lab seed 004', () => {
  let seed: LabService;

  beforeAll(async () => {
    seed = await startSeed004();
  });

  afterAll(async () => {
    await seed?.stop();
  });

  it('hangs every request while the worker waits on itself', async () => {
    expect(seed.pids['worker']).toBe(seed.pid);
    expect(await timedGet(`${seed.url}/health`, 3_000)).toMatchObject({ status: 'timeout' });
  });

  it('ss -tanp: the worker holds a connection to its own port', async () => {
    const lines = (await ss(['-tanp'])).split('\n');
    const toItself = lines.filter(
      (l) =>
        l.startsWith('ESTAB') &&
        l.split(/\s+/)[4] === `127.0.0.1:${seed.port}` &&
        l.includes(`pid=${seed.pid},`),
    );
    expect(toItself, lines.join('\n')).toHaveLength(1);
  });

  it.skipIf(PY_SPY === undefined)(
    'py-spy: the worker reads a socket inside its handler run_test',
    async () => {
      const main = threadNamed(await pySpyDump(seed.pid), 'MainThread');
      const lines = main ? stackLines(main) : [];
      expect(main?.idle, lines.join('\n')).toBe(true);
      expect(lines[0]).toMatch(/^readinto \(socket\.py:\d+\)$/);
      expect(lines).toContainEqual(expect.stringMatching(/^run_test \(app\.py:\d+\)$/));
      expect(lines).toContainEqual(
        expect.stringMatching(/^handle_request \(gunicorn\/workers\/sync\.py/),
      );
    },
  );
});
