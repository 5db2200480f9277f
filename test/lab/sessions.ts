// What the lab sshd's sessions are running, seen from this machine (the lab host is localhost):
// the programs under sshd in /proc, and the SSH connections open to it.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processTree } from './procs';
import type { LabSshd } from './sshd';

/** The command line of a live (not zombie) process, or null when it is gone. */
function liveCommandLine(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat[stat.lastIndexOf(')') + 2] === 'Z') return null;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return argv.join(' ') || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  } catch {
    return null;
  }
}

/** The pid of the lab's sshd listener (the process that accepts new connections). */
export function labSshdPid(lab: LabSshd): number {
  return Number(readFileSync(join(lab.dir, 'sshd.pid'), 'utf8').trim());
}

/**
 * What the lab's SSH sessions run now, as command lines (`top -b -w 512 -d 1`, `sleep 4242`),
 * sshd itself left out. A login also runs short-lived helpers (pyenv's `sleep 0.1`...): match
 * whole command lines, not program names.
 */
export function labSessionPrograms(lab: LabSshd): string[] {
  return processTree(labSshdPid(lab))
    .map(liveCommandLine)
    .filter((line): line is string => line !== null && !line.startsWith('sshd'));
}

/** SSH connections established to the lab sshd now, counted at the client end with `ss`. */
export function labSshConnections(lab: LabSshd): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${lab.port} )`], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((line) => line.trim() !== '').length;
}

/**
 * The sshd processes that serve the lab's connections (`sshd: user [priv]`, `sshd: user@pts/0`,
 * `sshd: user@notty`), the listener left out.
 */
function labSessionSshdPids(lab: LabSshd): number[] {
  const sshdPid = labSshdPid(lab);
  return processTree(sshdPid).filter(
    (pid) => pid !== sshdPid && (liveCommandLine(pid) ?? '').startsWith('sshd'),
  );
}

/**
 * Kills (SIGKILL) the sshd processes serving the lab's connections: the connections break as
 * when a server's sshd dies, and the sessions' programs get SIGHUP. Returns how many it killed.
 */
export function killLabSessionSshd(lab: LabSshd): number {
  const pids = labSessionSshdPids(lab);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  return pids.length;
}
