// Seed 004 in the lab: gunicorn with one sync worker whose handler calls the service's own API.
// Three process groups: the "outside" API, gunicorn (master + its one worker), the load.

import { join } from 'node:path';

import { establishedConnections, freePort, waitUntil } from './net';
import {
  childPids,
  COMMON_DIR,
  getJson,
  LAB_DIR,
  LAB_PYTHON,
  LabRun,
  reportedPid,
  START_TIMEOUT_MS,
  type LabService,
} from './service';

/** How long the handler waits for its own API before it answers 504 (gunicorn's timeout is 30 s). */
export const SEED004_SELF_TIMEOUT_S = 10;

export interface Seed004Options {
  /** Load-generator clients calling `/api/run-test` (default 2). */
  concurrency?: number;
}

/**
 * Resolves once the worker is inside `/api/run-test`, waiting on its connection to itself.
 * `pid` is the worker; `pids.service` the gunicorn master.
 */
export async function startSeed004(opts: Seed004Options = {}): Promise<LabService> {
  const concurrency = opts.concurrency ?? 2;
  const run = new LabRun('seed004');
  return run.starting(async () => {
    const [port, upstreamPort] = await Promise.all([freePort(), freePort()]);
    const url = `http://127.0.0.1:${port}`;
    run.start('upstream', LAB_PYTHON, ['upstream.py', String(upstreamPort), '0.1']);
    const master = run.start(
      'service',
      LAB_PYTHON,
      [
        ...['-m', 'gunicorn', '-c', join(COMMON_DIR, 'gunicorn_lab.py')],
        ...['--workers', '1', '--worker-class', 'sync', '--timeout', '30'],
        ...['--bind', `127.0.0.1:${port}`, 'app:app'],
      ],
      {
        cwd: join(LAB_DIR, 'seed004'),
        env: {
          SELF_URL: url,
          UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}`,
          SEED004_SELF_TIMEOUT: String(SEED004_SELF_TIMEOUT_S),
        },
      },
    );
    const failed = { gaveUp: () => master.exited(), describe: () => master.output() };
    await waitUntil('seed004 /health', () => getJson(`${url}/health`), {
      timeoutMs: START_TIMEOUT_MS,
      ...failed,
    });
    const pid = await reportedPid(`${url}/api/pid`);
    if (!childPids(master.pid).includes(pid)) {
      throw new Error(`seed004: /api/pid says ${pid}, not a worker of gunicorn ${master.pid}`);
    }
    run.pids['worker'] = pid;
    const load = run.start('load', LAB_PYTHON, [
      ...['loadgen.py', `${url}/api/run-test`, '--concurrency', String(concurrency)],
      ...['--timeout', '60'],
    ]);
    await waitUntil(
      'seed004 worker calling itself',
      () => {
        if (!establishedConnections(pid).some((c) => c.remotePort === port)) {
          throw new Error('no connection from the worker to its own port yet');
        }
      },
      {
        timeoutMs: START_TIMEOUT_MS,
        gaveUp: () => master.exited() || load.exited(),
        describe: () => `gunicorn:\n${master.output()}\nload:\n${load.output()}`,
      },
    );
    return {
      name: 'seed004',
      pid,
      port,
      url,
      pids: run.pids,
      logs: run.logs,
      dir: run.dir,
      stop: () => run.stop(),
    };
  });
}
