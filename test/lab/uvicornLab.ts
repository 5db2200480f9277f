// Seed 002 and its healthy control: one FastAPI app each under uvicorn, the same slow upstream,
// the same load on `/api/search`. Only the handler differs: seed 002 blocks the event loop (a
// sync client per request, CPU on the loop), the control awaits a shared client and hashes in
// a pool. Three processes each, in their own process groups: upstream, service, load.

import { join } from 'node:path';

import { establishedConnections, freePort, waitUntil } from './net';
import {
  getJson,
  LAB_DIR,
  LAB_PYTHON,
  LabRun,
  reportedPid,
  START_TIMEOUT_MS,
  type LabService,
} from './service';

/** The upstream's delay: the time a request needs when nothing is wrong. */
export const UVICORN_LAB_UPSTREAM_DELAY_S = 0.2;

export interface UvicornLabOptions {
  /** Load-generator clients (default 8). */
  concurrency?: number;
}

async function startUvicornLab(
  name: 'seed002' | 'healthy',
  opts: UvicornLabOptions = {},
): Promise<LabService> {
  const concurrency = opts.concurrency ?? 8;
  const run = new LabRun(name);
  return run.starting(async () => {
    const [port, upstreamPort] = await Promise.all([freePort(), freePort()]);
    const url = `http://127.0.0.1:${port}`;
    run.start('upstream', LAB_PYTHON, [
      ...['upstream.py', String(upstreamPort), String(UVICORN_LAB_UPSTREAM_DELAY_S)],
    ]);
    const service = run.start(
      'service',
      LAB_PYTHON,
      [
        ...['-m', 'uvicorn', 'app:app', '--host', '127.0.0.1', '--port', String(port)],
        ...['--workers', '1', '--log-level', 'warning'],
      ],
      { cwd: join(LAB_DIR, name), env: { UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}` } },
    );
    const failed = { gaveUp: () => service.exited(), describe: () => service.output() };
    await waitUntil(`${name} /health`, () => getJson(`${url}/health`), {
      timeoutMs: START_TIMEOUT_MS,
      ...failed,
    });
    const pid = await reportedPid(`${url}/api/pid`);
    if (pid !== service.pid) {
      throw new Error(`${name}: /api/pid says ${pid}, but the process started is ${service.pid}`);
    }
    const load = run.start('load', LAB_PYTHON, [
      ...['loadgen.py', `${url}/api/search`, '--concurrency', String(concurrency)],
    ]);
    // Ready once the service talks to the upstream: from then on the load is what it serves.
    await waitUntil(
      `${name} calling its upstream`,
      () => {
        const calls = establishedConnections(pid).filter((c) => c.remotePort === upstreamPort);
        if (calls.length === 0) throw new Error('no connection to the upstream yet');
      },
      {
        timeoutMs: START_TIMEOUT_MS,
        gaveUp: () => service.exited() || load.exited(),
        describe: () => `service:\n${service.output()}\nload:\n${load.output()}`,
      },
    );
    return {
      name,
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

/** Seed 002: the event loop blocked by sync I/O and CPU inside `async def` (see seed002/app.py). */
export const startSeed002 = (opts?: UvicornLabOptions): Promise<LabService> =>
  startUvicornLab('seed002', opts);

/** The negative control: the same API and load, done right (see healthy/app.py). */
export const startHealthy = (opts?: UvicornLabOptions): Promise<LabService> =>
  startUvicornLab('healthy', opts);
