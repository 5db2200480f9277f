/**
 * Plain-word notes about syscalls and errnos, for findings (shared/insights/strace.ts): what time in
 * a call means, which failures are routine, which are serious. Heuristics in
 * docs/tool-output-formats.md §4.
 */
import { routineResult } from './syscallResults';

/** What time spent in a syscall usually means, in a few words. */
export const SYSCALL_MEANING: Record<string, string> = {
  futex: 'lock waits, threads waiting for each other',
  epoll_wait: 'waiting for network or file events: idle',
  epoll_pwait: 'waiting for network or file events: idle',
  poll: 'waiting for I/O',
  ppoll: 'waiting for I/O',
  select: 'waiting for I/O',
  pselect6: 'waiting for I/O',
  clock_nanosleep: 'sleeping',
  nanosleep: 'sleeping',
  wait4: 'waiting for a child process',
  read: 'reading (files, pipes or sockets)',
  recvfrom: 'receiving from sockets',
  recvmsg: 'receiving from sockets',
  write: 'writing',
  sendto: 'sending on sockets',
  sendmsg: 'sending on sockets',
  fsync: 'flushing files to disk',
  fdatasync: 'flushing files to disk',
  connect: 'connecting',
  accept: 'waiting for connections',
  accept4: 'waiting for connections',
  flock: 'file lock waits',
};

export /** Calls where threads wait for each other (or for the disk) rather than for work. */
const LOCKISH_CALLS = new Set(['futex', 'flock', 'fsync', 'fdatasync', 'sync', 'fcntl']);
/** Calls that sleep on purpose: a loop with one of them is periodic, not a spin. */
export const SLEEP_CALLS = new Set(['clock_nanosleep', 'nanosleep', 'pause', 'sleep']);

/** Failures that are part of normal operation (the table in syscallResults.ts). */
export function benignFailure(g: { syscall: string; errno: string }): boolean {
  return routineResult(g.syscall, g.errno) !== null;
}

/** Errors that point at a real problem (the peer, permissions, resources). */
export const SERIOUS_ERRNOS = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'EACCES',
  'EPERM',
  'EMFILE',
  'ENFILE',
  'ENOSPC',
  'ENOMEM',
  'EDQUOT',
  'EROFS',
]);

/** What an errno usually means for the program. */
export const ERRNO_HINTS: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there',
  ETIMEDOUT: 'the peer does not answer',
  EMFILE: 'the process ran out of file descriptors',
  ENFILE: 'the system ran out of file descriptors',
  ENOSPC: 'the disk is full',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EPIPE: 'the other end closed the connection',
  ECONNRESET: 'the peer reset the connection',
};
