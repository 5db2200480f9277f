// Seed 003 in the lab: nginx in front of three backends, the third stuck in an endless logging
// loop (`sendto`, then `rename` = -1 ENOENT: Python 2.7.5's rotating-file bug, bpo-18940) that
// also holds each of its requests for 1-3 s. The nginx lab with its `loggingLoop` option.

import { startNginxLab } from './nginxLab';
import type { LabService } from './service';

export interface Seed003Options {
  /** Load-generator clients through nginx (default 4). */
  concurrency?: number;
}

/** `pid` is the looping backend; `logs` are nginx's (`access` in NGINX_LAB_LOG_FORMAT). */
export async function startSeed003(opts: Seed003Options = {}): Promise<LabService> {
  const lab = await startNginxLab({
    loggingLoop: true,
    ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
  });
  const pid = lab.backends.find((b) => b.loggingLoop)?.pid;
  if (pid === undefined) {
    await lab.stop();
    throw new Error('seed003: the nginx lab started no logging-loop backend');
  }
  return {
    name: 'seed003',
    pid,
    port: lab.port,
    url: lab.url,
    pids: lab.pidsByRole,
    logs: { access: lab.accessLogPath, combined: lab.combinedLogPath, error: lab.errorLogPath },
    dir: lab.dir,
    stop: () => lab.stop(),
  };
}
