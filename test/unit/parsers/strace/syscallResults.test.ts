/** The routine-versus-failing table: one test per row, with a near miss that stays a failure. */
import { describe, expect, it } from 'vitest';
import {
  errorsMayBeRoutine,
  failuresBySyscall,
  isFailure,
  ROUTINE_RESULTS,
  routineResult,
} from '../../../../shared/parsers/strace/syscallResults';

describe('routine syscall results', () => {
  it('futex EAGAIN: the lock word changed, the thread retries', () => {
    expect(isFailure('futex', 'EAGAIN')).toBe(false);
    expect(isFailure('futex', 'EWOULDBLOCK')).toBe(false);
    expect(isFailure('futex', 'EINVAL')).toBe(true);
  });

  it('ETIMEDOUT of a timed wait is routine; of a connect it is a failure', () => {
    for (const call of ['futex', 'restart_syscall', 'epoll_wait', 'poll', 'semtimedop']) {
      expect(isFailure(call, 'ETIMEDOUT')).toBe(false);
    }
    expect(isFailure('connect', 'ETIMEDOUT')).toBe(true);
    expect(isFailure('sendto', 'ETIMEDOUT')).toBe(true);
  });

  it('connect EINPROGRESS: a non-blocking connect; ECONNREFUSED stays a failure', () => {
    expect(isFailure('connect', 'EINPROGRESS')).toBe(false);
    expect(isFailure('connect', 'ECONNREFUSED')).toBe(true);
    expect(isFailure('sendto', 'EINPROGRESS')).toBe(true);
  });

  it('EAGAIN on non-blocking reads, writes and accepts', () => {
    for (const call of ['read', 'recvfrom', 'recvmsg', 'write', 'sendto', 'accept4']) {
      expect(isFailure(call, 'EAGAIN')).toBe(false);
    }
    expect(isFailure('openat', 'EAGAIN')).toBe(true);
    expect(isFailure('recvfrom', 'ECONNRESET')).toBe(true);
  });

  it('EINTR is restarted, whatever the call', () => {
    expect(isFailure('select', 'EINTR')).toBe(false);
    expect(isFailure('wait4', 'EINTR')).toBe(false);
  });

  it("the kernel's ERESTART* codes are restarts", () => {
    expect(isFailure('epoll_wait', 'ERESTARTSYS')).toBe(false);
    expect(isFailure('nanosleep', 'ERESTART_RESTARTBLOCK')).toBe(false);
    expect(isFailure('read', 'ERESTARTNOINTR')).toBe(false);
  });

  it('ioctl ENOTTY is an isatty check; ioctl EBADF is a failure', () => {
    expect(isFailure('ioctl', 'ENOTTY')).toBe(false);
    expect(isFailure('ioctl', 'EBADF')).toBe(true);
  });

  it("seed 003's rename ENOENT is a failure", () => {
    expect(isFailure('rename', 'ENOENT')).toBe(true);
    expect(routineResult('rename', 'ENOENT')).toBeNull();
  });

  it('every row says why', () => {
    expect(ROUTINE_RESULTS).toHaveLength(7);
    for (const row of ROUTINE_RESULTS) expect(row.why.length).toBeGreaterThan(10);
  });
});

describe('alarm colour helpers', () => {
  it('failuresBySyscall leaves routine results out', () => {
    const counts = failuresBySyscall([
      { syscall: 'connect', errno: 'EINPROGRESS', count: 160 },
      { syscall: 'connect', errno: 'ECONNREFUSED', count: 3 },
      { syscall: 'futex', errno: 'ETIMEDOUT', count: 40 },
      { syscall: 'rename', errno: 'ENOENT', count: 9 },
    ]);
    expect([...counts]).toEqual([
      ['connect', 3],
      ['rename', 9],
    ]);
  });

  it('errorsMayBeRoutine: futex and connect may be, rename may not', () => {
    expect(errorsMayBeRoutine('futex')).toBe(true);
    expect(errorsMayBeRoutine('connect')).toBe(true);
    expect(errorsMayBeRoutine('recvfrom')).toBe(true);
    expect(errorsMayBeRoutine('rename')).toBe(false);
    expect(errorsMayBeRoutine('openat')).toBe(false);
  });
});
