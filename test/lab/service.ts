// What the lab's seed services share: one shape for tests and the diagnosis's end-to-end runs,
// a temp dir for their logs (removed by stop(), or at exit), and processes stopped newest first.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { atExit } from './atExit';
import { spawnLab, type LabProcess } from './procs';

// Debian's interpreter: it has fastapi/uvicorn/httpx; a `python3` on PATH (pyenv, venv) may not.
export const LAB_PYTHON = '/usr/bin/python3';
export const LAB_DIR = dirname(fileURLToPath(import.meta.url));
/** Scripts more than one service runs: the slow upstream and the load generator. */
export const COMMON_DIR = join(LAB_DIR, 'common');
export const START_TIMEOUT_MS = 20_000;

export const LAB_SERVICE_NAMES = [
  'seed000',
  'seed001',
  'seed002',
  'seed003',
  'seed004',
  'healthy',
] as const;
export type LabServiceName = (typeof LAB_SERVICE_NAMES)[number];

/** A running lab service. Every seed service has this shape; see test/lab/README.md. */
export interface LabService {
  readonly name: LabServiceName;
  /** The process to diagnose: the one whose threads show the incident (none, for `healthy`). */
  readonly pid: number;
  /** Where the load goes: the service itself, or nginx in front of it. */
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every process started, by role (`service`, `worker`, `upstream`, `nginx`, `load`...). */
  readonly pids: Readonly<Record<string, number>>;
  /** Log files by role: each process's stdout and stderr, and nginx's logs where there is one. */
  readonly logs: Readonly<Record<string, string>>;
  /** Temp dir holding the logs; removed by stop(). */
  readonly dir: string;
  /** Stops the load, then the service and what it calls; waits until all are gone. Idempotent. */
  stop(): Promise<void>;
}

/** The processes of one service and its temp dir, started and stopped together. */
export class LabRun {
  readonly dir: string;
  readonly pids: Record<string, number> = {};
  readonly logs: Record<string, string> = {};
  private readonly started: LabProcess[] = [];
  private readonly cancelRemoval: () => void;

  constructor(name: string) {
    this.dir = mkdtempSync(join(tmpdir(), `wb-${name}-`));
    this.cancelRemoval = atExit(() => rmSync(this.dir, { recursive: true, force: true }));
  }

  /** Starts `command` as `role`; its stdout and stderr go to `DIR/ROLE.log`. */
  start(
    role: string,
    command: string,
    args: string[],
    opts: { cwd?: string; env?: Record<string, string> } = {},
  ): LabProcess {
    const logPath = join(this.dir, `${role}.log`);
    const proc = spawnLab(command, args, {
      cwd: opts.cwd ?? COMMON_DIR,
      // No __pycache__ in test/lab; output reaches the log as it happens; labroutes.py importable.
      env: {
        ...process.env,
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONUNBUFFERED: '1',
        PYTHONPATH: COMMON_DIR,
        ...opts.env,
      },
      logPath,
    });
    this.started.push(proc);
    this.pids[role] = proc.pid;
    this.logs[role] = logPath;
    return proc;
  }

  /** Newest first: the load goes before the service it calls. splice() makes it idempotent. */
  async stop(): Promise<void> {
    try {
      for (const proc of this.started.splice(0).reverse()) await proc.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      this.cancelRemoval();
    }
  }

  /** Runs `body`, the start of a service; if it throws, stops what it started and rethrows. */
  async starting<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      await this.stop();
      throw err;
    }
  }
}

/** GETs `url` and returns its JSON body; throws on a non-2xx answer or after `timeoutMs`. */
export async function getJson(url: string, timeoutMs = 2_000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** The `pid` a service reports at `url` (its `/api/pid` or `/health`). */
export async function reportedPid(url: string, timeoutMs = 2_000): Promise<number> {
  const body = await getJson(url, timeoutMs);
  if (typeof body === 'object' && body !== null && 'pid' in body && typeof body.pid === 'number') {
    return body.pid;
  }
  throw new Error(`no pid in the answer of ${url}: ${JSON.stringify(body)}`);
}

/** Direct children of `pid` (e.g. a gunicorn master's workers), from /proc; [] once it is gone. */
export function childPids(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return text.split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
