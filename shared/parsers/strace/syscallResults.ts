/**
 * Which `= -1 ERRNO` results are routine (the program expects them and goes on) and which are
 * failures worth a reading or an orange cell. A healthy asyncio server prints hundreds of
 * `connect = -1 EINPROGRESS` and `recvfrom = -1 EAGAIN`; a thread pool's idle workers print
 * `futex = -1 ETIMEDOUT` every time their timed wait elapses. None of those is an error.
 * References: connect(2) EINPROGRESS, futex(2) EAGAIN/ETIMEDOUT, signal(7) "Interruption of
 * system calls" (EINTR and the kernel's ERESTART* codes); docs/tool-output-formats.md §4.5.
 */

export interface RoutineResult {
  /** The syscalls this row covers; '*' is every syscall. */
  syscalls: readonly string[] | '*';
  errnos: readonly string[];
  /** Why the program expects it, in a few words. */
  why: string;
}

const NONBLOCKING_IO = [
  'read',
  'readv',
  'recv',
  'recvfrom',
  'recvmsg',
  'recvmmsg',
  'write',
  'writev',
  'send',
  'sendto',
  'sendmsg',
  'sendmmsg',
  'accept',
  'accept4',
];

const TIMED_WAITS = [
  'futex',
  'restart_syscall',
  'poll',
  'ppoll',
  'select',
  'pselect6',
  'epoll_wait',
  'epoll_pwait',
  'epoll_pwait2',
  'semtimedop',
  'clock_nanosleep',
  'nanosleep',
];

/** The table: a result not listed here is a failure. */
export const ROUTINE_RESULTS: readonly RoutineResult[] = [
  {
    syscalls: ['futex'],
    errnos: ['EAGAIN', 'EWOULDBLOCK'],
    why: 'the lock word changed before the wait began: the thread retries at once',
  },
  {
    syscalls: TIMED_WAITS,
    errnos: ['ETIMEDOUT'],
    why: 'a wait with a deadline reached it (a pool worker or a timer polling)',
  },
  {
    syscalls: ['connect'],
    errnos: ['EINPROGRESS'],
    why: 'a non-blocking connect started; the event loop learns the outcome later',
  },
  {
    syscalls: NONBLOCKING_IO,
    errnos: ['EAGAIN', 'EWOULDBLOCK'],
    why: 'a non-blocking socket or pipe had nothing to read or no room to write yet',
  },
  {
    syscalls: '*',
    errnos: ['EINTR'],
    why: 'a signal interrupted the call; Python (PEP 475) and libc restart it',
  },
  {
    syscalls: '*',
    errnos: ['ERESTARTSYS', 'ERESTARTNOINTR', 'ERESTARTNOHAND', 'ERESTART_RESTARTBLOCK'],
    why: 'the kernel restarts the call after a signal (strace shows the restart)',
  },
  {
    syscalls: ['ioctl'],
    errnos: ['ENOTTY'],
    why: 'a check whether a file is a terminal (isatty) answered no',
  },
];

/** The row that makes `syscall = -1 errno` routine, or null when it is a failure. */
export function routineResult(syscall: string, errno: string): RoutineResult | null {
  for (const row of ROUTINE_RESULTS) {
    if (!row.errnos.includes(errno)) continue;
    if (row.syscalls === '*' || row.syscalls.includes(syscall)) return row;
  }
  return null;
}

/** `syscall = -1 errno` is a real failure (not a routine result). */
export const isFailure = (syscall: string, errno: string): boolean =>
  routineResult(syscall, errno) === null;

/** Failed calls per syscall, routine results left out (for the views' alarm colour). */
export function failuresBySyscall(
  groups: readonly { syscall: string; errno: string; count: number }[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups) {
    if (isFailure(g.syscall, g.errno)) out.set(g.syscall, (out.get(g.syscall) ?? 0) + g.count);
  }
  return out;
}

/**
 * A `strace -c` row counts errors without their errno: for a syscall that has routine results
 * (futex, connect, recvfrom…) the count may be all routine, so it is no alarm by itself.
 */
export function errorsMayBeRoutine(syscall: string): boolean {
  return ROUTINE_RESULTS.some((row) => row.syscalls !== '*' && row.syscalls.includes(syscall));
}
