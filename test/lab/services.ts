// Every lab service by name: how to start it, and what to run against it. `npm run lab` and
// end-to-end tests start them through here.

import { startSeed000 } from './seed000';
import { startSeed001 } from './seed001';
import { startSeed003 } from './seed003';
import { SEED004_SELF_TIMEOUT_S, startSeed004 } from './seed004';
import type { LabService, LabServiceName } from './service';
import { startHealthy, startSeed002 } from './uvicornLab';

export interface LabServiceEntry {
  /** One line: what the service reproduces. */
  what: string;
  start(opts: { concurrency?: number }): Promise<LabService>;
  /** Commands that show the incident (or, for `healthy`, show nothing wrong), for `pid`. */
  tryIt(service: LabService): string[];
}

const pyspy = (pid: number): string => `py-spy dump --pid ${pid}`;
const concurrency = (opts: { concurrency?: number }): { concurrency?: number } =>
  opts.concurrency === undefined ? {} : { concurrency: opts.concurrency };

export const LAB_SERVICES: Readonly<Record<LabServiceName, LabServiceEntry>> = {
  seed000: {
    what: 'uvicorn whose asyncio.to_thread pool fights for the GIL',
    start: async (opts) => {
      const seed = await startSeed000(concurrency(opts));
      const [upstream = 0, service = 0, load = 0] = seed.pids;
      return {
        name: 'seed000',
        pid: seed.pid,
        port: seed.port,
        url: seed.url,
        pids: { upstream, service, load },
        logs: {},
        dir: '',
        stop: () => seed.stop(),
      };
    },
    tryIt: (s) => [
      `top -H -p ${s.pid}`,
      pyspy(s.pid),
      `gdb -p ${s.pid} -batch -ex "thread apply all py-bt"`,
    ],
  },
  seed001: {
    what: 'nginx 502/504, "upstream prematurely closed connection": a job in the worker holds the GIL',
    start: (opts) => startSeed001(concurrency(opts)),
    tryIt: (s) => [
      `tail -f ${s.logs['error'] ?? 'ERROR_LOG'}`,
      `tail -f ${s.logs['service'] ?? 'GUNICORN_LOG'}   # WORKER TIMEOUT`,
      `py-spy dump --pid $(pgrep -P ${s.pids['service'] ?? 'MASTER'})   # the current worker`,
    ],
  },
  seed002: {
    what: 'uvicorn whose async handler blocks the event loop (sync client per request, CPU)',
    start: (opts) => startSeed002(concurrency(opts)),
    tryIt: (s) => [pyspy(s.pid), `curl -w '%{time_total}s\\n' ${s.url}/health`],
  },
  seed003: {
    what: 'nginx, three backends; the third loops on sendto + rename = ENOENT (strace)',
    start: (opts) => startSeed003(concurrency(opts)),
    tryIt: (s) => [
      `strace -f -p ${s.pid}`,
      `timeout -s INT 3 strace -c -f -p ${s.pid}`,
      `tail -f ${s.logs['access'] ?? 'ACCESS_LOG'}   # the slow requests: one $upstream_addr`,
    ],
  },
  seed004: {
    what: `gunicorn, one sync worker calling its own API: requests hang ${SEED004_SELF_TIMEOUT_S} s`,
    start: (opts) => startSeed004(concurrency(opts)),
    tryIt: (s) => [pyspy(s.pid), `ss -tanp | grep ${s.port}`, `curl -m 3 ${s.url}/health`],
  },
  healthy: {
    what: 'the negative control: seed 002 done right, under the same load',
    start: (opts) => startHealthy(concurrency(opts)),
    tryIt: (s) => [pyspy(s.pid), `top -H -p ${s.pid}`],
  },
};
