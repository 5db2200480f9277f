// Seed 001 in the lab: nginx answering 504 and logging "upstream prematurely closed connection"
// while a scheduled job inside the web worker's process starves it. gunicorn runs the FastAPI
// app (seed001/app.py) with one uvicorn worker; the nginx lab, given that port as its only
// upstream and a 2 s proxy_read_timeout, is in front, with its load generator.

import { chmodSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, waitUntil } from './net';
import { startNginxLab, type NginxLab } from './nginxLab';
import {
  childPids,
  COMMON_DIR,
  LAB_DIR,
  LAB_PYTHON,
  LabRun,
  reportedPid,
  START_TIMEOUT_MS,
  type LabService,
} from './service';

export interface Seed001Options {
  /** Load-generator clients through nginx (default 4). */
  concurrency?: number;
  /**
   * gunicorn's worker `--timeout` in seconds (default 3): a worker whose event loop is stalled
   * longer is killed ("WORKER TIMEOUT"), which is what makes nginx log "upstream prematurely
   * closed connection", and a new worker (a new pid) takes over. Above `holdSeconds` the worker
   * survives and nginx only times requests out (504, "upstream timed out").
   */
  workerTimeoutSeconds?: number;
  /** How long each round of the job holds the GIL (default 8). */
  holdSeconds?: number;
}

export interface Seed001 extends LabService {
  /** The worker gunicorn runs now (`pid` is the first one; the default timeout replaces it). */
  workerPid(): number | undefined;
  /**
   * Resolves once the worker leaves /health unanswered for half a second: the job holds the GIL,
   * the moment the incident's alert fires and an engineer triages. Right after the start the
   * job has not begun, and a triage then sees it in 2 of 3 dumps at most.
   */
  hung(): Promise<void>;
}

export async function startSeed001(opts: Seed001Options = {}): Promise<Seed001> {
  const run = new LabRun('seed001');
  // nginx's worker runs as `nobody` when the lab is root: it must reach its temp dir inside.
  chmodSync(run.dir, 0o755);
  let nginx: NginxLab | undefined;
  const stop = async (): Promise<void> => {
    await nginx?.stop();
    await run.stop();
  };
  try {
    const [port, upstreamPort] = await Promise.all([freePort(), freePort()]);
    run.start('upstream', LAB_PYTHON, ['upstream.py', String(upstreamPort), '0.3']);
    const master = run.start(
      'service',
      LAB_PYTHON,
      [
        ...['-m', 'gunicorn', '-c', join(COMMON_DIR, 'gunicorn_lab.py'), '--preload'],
        ...['--workers', '1'],
        ...['--worker-class', 'uvicorn.workers.UvicornWorker'],
        ...['--timeout', String(opts.workerTimeoutSeconds ?? 3), '--graceful-timeout', '1'],
        ...['--bind', `127.0.0.1:${port}`, 'app:app'],
      ],
      {
        cwd: join(LAB_DIR, 'seed001'),
        env: {
          UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}`,
          SEED001_HOLD_SECONDS: String(opts.holdSeconds ?? 8),
        },
      },
    );
    // Each new worker answers for about a second before its job starts: probe until one does.
    const pid = await waitUntil(
      'seed001 worker /health',
      () => reportedPid(`http://127.0.0.1:${port}/health`, 1_000),
      {
        timeoutMs: START_TIMEOUT_MS,
        gaveUp: () => master.exited(),
        describe: () => master.output(),
      },
    );
    run.pids['worker'] = pid;
    nginx = await startNginxLab({
      upstreams: [port],
      readTimeoutSeconds: 5,
      parentDir: run.dir,
      ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
    });
    return {
      name: 'seed001',
      pid,
      port: nginx.port,
      url: nginx.url,
      pids: { ...run.pids, ...nginx.pidsByRole },
      logs: {
        ...run.logs,
        access: nginx.accessLogPath,
        combined: nginx.combinedLogPath,
        error: nginx.errorLogPath,
      },
      dir: run.dir,
      stop,
      workerPid: () => childPids(master.pid)[0],
      hung: () =>
        waitUntil(
          'seed001 worker hung (its job holding the GIL)',
          async () => {
            const answered = await reportedPid(`http://127.0.0.1:${port}/health`, 500).then(
              () => true,
              () => false,
            );
            if (answered) throw new Error('the worker still answers /health');
          },
          {
            timeoutMs: START_TIMEOUT_MS,
            gaveUp: () => master.exited(),
            describe: () => master.output(),
          },
        ),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
