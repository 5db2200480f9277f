// Seed 000 in the lab: the uvicorn service whose to_thread pool fights for the GIL, under load.
// Three processes, each in its own process group: the slow upstream API, the service, the load.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort, waitUntil } from './net';
import { spawnLab, type LabProcess } from './procs';
import { COMMON_DIR, getJson, LAB_PYTHON, reportedPid, START_TIMEOUT_MS } from './service';

export { LAB_PYTHON };
const SEED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'seed000');
const POOL_SIZE = 20;

export interface Seed000 {
  /** PID of the python process serving uvicorn (as the service itself reports it). */
  readonly pid: number;
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** Every process started: the upstream, the service (`pid`) and the load generator. */
  readonly pids: readonly number[];
  /** Kill the load, the service and the upstream, and wait until they are gone. */
  stop(): Promise<void>;
}

/** Start seed 000 with `concurrency` clients (default 24, more than the pool of 20). */
export async function startSeed000(opts: { concurrency?: number } = {}): Promise<Seed000> {
  const concurrency = opts.concurrency ?? 24;
  const [port, upstreamPort] = await Promise.all([freePort(), freePort()]);
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}`,
    SEED000_POOL_SIZE: String(POOL_SIZE),
    PYTHONDONTWRITEBYTECODE: '1', // keep test/lab/seed000 free of __pycache__
    PYTHONUNBUFFERED: '1',
  };
  const started: LabProcess[] = [];
  const stop = async (): Promise<void> => {
    // Newest first: the load goes before the service it calls. splice() makes stop() idempotent.
    for (const proc of started.splice(0).reverse()) await proc.stop();
  };

  try {
    const start = (args: string[], cwd = SEED_DIR): LabProcess => {
      const proc = spawnLab(LAB_PYTHON, args, { cwd, env });
      started.push(proc);
      return proc;
    };
    start(['upstream.py', String(upstreamPort), '0.3'], COMMON_DIR);
    const app = start([
      ...['-m', 'uvicorn', 'app:app', '--host', '127.0.0.1', '--port', String(port)],
      ...['--workers', '1', '--log-level', 'warning'],
    ]);
    await waitUntil('seed000 service /health', () => getJson(`${url}/health`), {
      timeoutMs: START_TIMEOUT_MS,
      gaveUp: () => app.exited(),
      describe: () => `service output:\n${app.output()}`,
    });
    const pid = await reportedPid(`${url}/api/pid`);
    if (pid !== app.pid) {
      throw new Error(`seed000: /api/pid says ${pid}, but the process started is ${app.pid}`);
    }
    const load = start(
      ['loadgen.py', `${url}/api/report`, '--concurrency', String(concurrency)],
      COMMON_DIR,
    );
    // Ready when the pool has grown: from then on py-spy and top -H show the incident.
    const wanted = 1 + Math.min(concurrency, POOL_SIZE);
    await waitUntil('seed000 thread pool', () => threadCountAtLeast(pid, wanted), {
      timeoutMs: START_TIMEOUT_MS,
      gaveUp: () => app.exited() || load.exited(),
      describe: () => `service output:\n${app.output()}\nloadgen output:\n${load.output()}`,
    });
    return { pid, port, url, pids: started.map((p) => p.pid), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function threadCountAtLeast(pid: number, wanted: number): void {
  const count = readdirSync(`/proc/${pid}/task`).length;
  if (count < wanted) throw new Error(`${count} of ${wanted} threads`);
}
