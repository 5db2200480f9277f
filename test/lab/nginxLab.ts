// Seeds 001 and 003 in the lab: nginx in front of three backends, round robin, one of them slow
// and another that sometimes closes the connection before answering. A load generator keeps
// requests flowing, so the access log shows every slow request on one `$upstream_addr` (seed 003)
// and the error log "upstream prematurely closed connection" (seed 001).
// Every process (three backends, nginx master + worker, load) runs in its own process group.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort, waitUntil } from './net';
import { spawnLab, type LabProcess } from './procs';
import { LAB_PYTHON } from './service';

const NGINX = '/usr/sbin/nginx';
const SCRIPTS = join(dirname(fileURLToPath(import.meta.url)), 'nginx');
const START_TIMEOUT_MS = 15_000;

/**
 * The access log's `log_format` (ingress-nginx's "upstreaminfo" shape): `$upstream_addr`,
 * `$upstream_response_time` and `$upstream_status` unquoted, so a retried request shows
 * `127.0.0.1:A, 127.0.0.1:B` with one time and one status per attempt.
 */
export const NGINX_LAB_LOG_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent ' +
  '"$http_referer" "$http_user_agent" $request_length $request_time ' +
  '$upstream_addr $upstream_response_length $upstream_response_time $upstream_status';

export interface NginxLabBackend {
  port: number;
  /** Answers after 1-3 s (seed 003's 127.0.0.1:8003). */
  slow: boolean;
  /** Closes every 5th proxied request without an answer (seed 001's "prematurely closed"). */
  closesEarly: boolean;
  /** Spends its 1-3 s in seed 003's endless `sendto` + `rename` = ENOENT logging loop. */
  loggingLoop: boolean;
  /** The backend's process; undefined for an upstream given in `upstreams` (not started here). */
  pid: number | undefined;
}

export interface NginxLab {
  /** nginx's port on 127.0.0.1. */
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Access log in NGINX_LAB_LOG_FORMAT. */
  accessLogPath: string;
  /** The same requests in nginx's predefined `combined` format. */
  combinedLogPath: string;
  errorLogPath: string;
  /** The `log_format` string of `accessLogPath`. */
  logFormat: string;
  backends: NginxLabBackend[];
  /**
   * A path proxied to a port nothing listens on: each request gets a 502 and the error log
   * "connect() failed (111: Connection refused) while connecting to upstream". No load uses it.
   */
  refusedPath: string;
  /** `127.0.0.1:PORT` of that dead upstream. */
  refusedUpstream: string;
  /** Temp dir holding config, logs and nginx's temp paths; removed by stop() unless keepFiles. */
  dir: string;
  /** Root pids: the backends, the nginx master and the load generator (nginx's worker is a child). */
  pids: number[];
  /** The same pids by role: `backend-1`..`backend-3` (unless `upstreams`), `nginx`, `load`. */
  pidsByRole: Record<string, number>;
  /** Stop the load, nginx and the backends, wait until every one of them is gone. */
  stop(): Promise<void>;
}

export interface NginxLabOptions {
  /** Load-generator clients (default 4). 0 starts no load. */
  concurrency?: number;
  /** Keep the temp dir (logs) after stop(); the caller removes it. */
  keepFiles?: boolean;
  /** Parent of the `wb-nginx-lab-XXXX` temp dir (default: the OS temp dir); must be 0755. */
  parentDir?: string;
  /** Put nginx in front of these ports (servers already running) instead of the three backends. */
  upstreams?: readonly number[];
  /** nginx's `proxy_read_timeout` in seconds (default 10). */
  readTimeoutSeconds?: number;
  /** The slow backend logs through seed 003's broken logging observer (nginx/logloop.py). */
  loggingLoop?: boolean;
}

export async function startNginxLab(opts: NginxLabOptions = {}): Promise<NginxLab> {
  const concurrency = opts.concurrency ?? 4;
  const dir = mkdtempSync(join(opts.parentDir ?? tmpdir(), 'wb-nginx-lab-'));
  // nginx's workers run as `nobody` when the master is root: let them reach their temp paths.
  chmodSync(dir, 0o755);
  for (const sub of ['logs', 'tmp']) mkdirSync(join(dir, sub));
  const [port, refusedPort, ...ownPorts] = await Promise.all(
    [0, 1, ...(opts.upstreams ? [] : [2, 3, 4])].map(() => freePort()),
  );
  if (port === undefined || refusedPort === undefined) throw new Error('no free ports');
  const backends: NginxLabBackend[] = opts.upstreams
    ? opts.upstreams.map((p) => ({
        port: p,
        slow: false,
        closesEarly: false,
        loggingLoop: false,
        pid: undefined,
      }))
    : ownPorts.map((p, i) => ({
        port: p,
        slow: i === 2,
        closesEarly: i === 0,
        loggingLoop: i === 2 && opts.loggingLoop === true,
        pid: undefined,
      }));
  const url = `http://127.0.0.1:${port}`;
  const started: LabProcess[] = [];
  const lab: NginxLab = {
    port,
    url,
    accessLogPath: join(dir, 'logs', 'access.log'),
    combinedLogPath: join(dir, 'logs', 'access-combined.log'),
    errorLogPath: join(dir, 'logs', 'error.log'),
    logFormat: NGINX_LAB_LOG_FORMAT,
    backends,
    refusedPath: '/refused/',
    refusedUpstream: `127.0.0.1:${refusedPort}`,
    dir,
    pids: [],
    pidsByRole: {},
    stop: async () => {
      // Newest first: the load goes before nginx, nginx before its backends. splice(): idempotent.
      try {
        for (const proc of started.splice(0).reverse()) await proc.stop();
      } finally {
        if (!opts.keepFiles) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  const start = (role: string, command: string, args: string[]): LabProcess => {
    const proc = spawnLab(command, args, {
      cwd: SCRIPTS,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' },
    });
    started.push(proc);
    lab.pids.push(proc.pid);
    lab.pidsByRole[role] = proc.pid;
    return proc;
  };

  try {
    const backendProcs = opts.upstreams
      ? []
      : backends.map((b, i) => {
          const proc = start(`backend-${i + 1}`, LAB_PYTHON, [
            ...['backend.py', String(b.port), `backend-${i + 1}`],
            ...(b.slow ? ['--delay', '1', '3'] : []),
            ...(b.closesEarly ? ['--close-every', '5'] : []),
            ...(b.loggingLoop ? ['--logging-loop', join(dir, 'logs', `backend-${i + 1}.log`)] : []),
          ]);
          b.pid = proc.pid;
          return proc;
        });
    await Promise.all(
      backendProcs.map((proc, i) =>
        waitUntil(
          `nginx lab backend ${proc.pid}`,
          () => ok(`http://127.0.0.1:${backends[i]?.port ?? 0}/health`),
          {
            timeoutMs: START_TIMEOUT_MS,
            gaveUp: () => proc.exited(),
            describe: () => proc.output(),
          },
        ),
      ),
    );
    const config = join(dir, 'nginx.conf');
    writeFileSync(config, nginxConfig(lab, opts.readTimeoutSeconds ?? 10));
    const nginx = start('nginx', NGINX, [
      '-p',
      `${dir}/`,
      '-c',
      config,
      '-e',
      lab.errorLogPath,
      '-g',
      'daemon off;',
    ]);
    await waitUntil('nginx lab', () => ok(`${url}/nginx-health`), {
      timeoutMs: START_TIMEOUT_MS,
      gaveUp: () => nginx.exited(),
      describe: () => `nginx output:\n${nginx.output()}`,
    });
    if (concurrency > 0) {
      start('load', LAB_PYTHON, ['loadgen.py', url, '--concurrency', String(concurrency)]);
    }
    return lab;
  } catch (err) {
    await lab.stop();
    throw err;
  }
}

function nginxConfig(lab: NginxLab, readTimeoutSeconds: number): string {
  const servers = lab.backends.map((b) => `    server 127.0.0.1:${b.port} max_fails=0;`);
  const tmp = join(lab.dir, 'tmp');
  return `# Generated by test/lab/nginxLab.ts
worker_processes 1;
pid ${join(lab.dir, 'nginx.pid')};
error_log ${lab.errorLogPath} warn;
events { worker_connections 256; }
http {
  default_type application/octet-stream;
  client_body_temp_path ${tmp}/client_body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  log_format lab '${lab.logFormat}';
  # Round robin; max_fails=0 keeps a backend in rotation after an error, as in seed 003.
  upstream backends {
${servers.join('\n')}
  }
  server {
    listen 127.0.0.1:${lab.port};
    server_name nginx-lab;
    access_log ${lab.accessLogPath} lab;
    access_log ${lab.combinedLogPath} combined;
    location = /nginx-health { access_log off; return 200 "ok\\n"; }
    location ${lab.refusedPath} { proxy_pass http://${lab.refusedUpstream}; }
    location / {
      proxy_pass http://backends;
      proxy_connect_timeout 2s;
      proxy_read_timeout ${readTimeoutSeconds}s;
    }
  }
}
`;
}

async function ok(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
}
