import { describe, expect, it } from 'vitest';
import { benignFailure } from '../../../../shared/parsers/strace/syscallNotes';

describe('benignFailure', () => {
  it('treats a timed wait that timed out as normal, and a connect timeout as a problem', () => {
    expect(benignFailure({ syscall: 'restart_syscall', errno: 'ETIMEDOUT' })).toBe(true);
    expect(benignFailure({ syscall: 'futex', errno: 'ETIMEDOUT' })).toBe(true);
    expect(benignFailure({ syscall: 'connect', errno: 'ETIMEDOUT' })).toBe(false);
    expect(benignFailure({ syscall: 'rename', errno: 'ENOENT' })).toBe(false);
  });
});
