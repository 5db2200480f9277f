/**
 * One parsed strace line (straceLine.ts): calls, their unfinished/resumed halves, signals, exits
 * and strace's own messages. Grammar: docs/tool-output-formats.md §1.6.1.
 */

/** The leader of a trace line: `[pid N]` (or a bare `N ` with -o), then the -t/-tt/-ttt/-r time. */
export interface StraceStamp {
  /** Thread id from `[pid N]` / `N `; null when strace printed none (a single traced thread). */
  pid: number | null;
  /** Seconds as printed: since midnight for -t/-tt, since the epoch for -ttt; null without them. */
  time: number | null;
  /** The time column exactly as printed ("15:09:54.050853"), or null. */
  timeRaw: string | null;
  /** -r: seconds since the previous line, as printed ("(+ 0.000123)" or a bare column). */
  relative?: number;
  /** -Y / --decode-pids=comm: the command name printed after the pid. */
  comm?: string;
}

/** What a finished call returned: `= -1 ENOENT (No such file or directory) <0.000017>`. */
export interface StraceCallResult {
  /** The text after `= ` without the -T duration: "-1 ENOENT (No such file or directory)". */
  result: string;
  /** The return value when it is a number (`-1`, `47`, `0x7f…`, fd `3</x>` → 3); null for `?`. */
  retval: number | null;
  /** Error name ("ENOENT", "ERESTARTSYS", "errno 523" for unknown ones), null on success. */
  errno: string | null;
  /** The error text strace printed in parentheses ("No such file or directory"). */
  errnoText?: string;
  /** -T time spent in the call, in seconds; null without -T. */
  duration: number | null;
}

export interface StraceSyscallEvent extends StraceStamp, StraceCallResult {
  kind: 'syscall';
  name: string;
  /** Arguments as printed, without the outer parentheses (may be cut: the parser caps long ones). */
  args: string;
  /**
   * The file path a path syscall names (`openat(AT_FDCWD, "/x", …)` → "/x", decoded from C escapes),
   * else the socket address of a socket call ("127.0.0.1:8080", "[::1]:53", "/dev/log"), else the
   * file of a `-y` decorated fd (`write(3</var/log/a.log>, …)`). Absent when none applies.
   */
  path?: string;
  /** Built from an `<unfinished ...>` line and its `<... resumed>` line: `time` is the start. */
  joined?: true;
  /** Only the `<... resumed>` half was seen (strace attached mid-call): `args` is the tail. */
  partial?: true;
}

export interface StraceUnfinishedEvent extends StraceStamp {
  kind: 'unfinished';
  name: string;
  args: string;
  /** Ended by ` <detached ...>` (or cut by a "Process N detached" message): it will never resume. */
  detached?: true;
}

export interface StraceResumedEvent extends StraceStamp, StraceCallResult {
  kind: 'resumed';
  name: string;
  /** The rest of the arguments, printed after `<... NAME resumed>`. */
  args: string;
}

export interface StraceSignalEvent extends StraceStamp {
  kind: 'signal';
  /** "SIGCHLD"; for `--- stopped by SIGSTOP ---` the signal is "SIGSTOP" and info "stopped by". */
  signal: string;
  /** The siginfo braces as printed: "{si_signo=SIGCHLD, si_code=CLD_EXITED, …}". */
  info: string;
}

export interface StraceExitEvent extends StraceStamp {
  kind: 'exit';
  /** `+++ exited with N +++`. */
  code: number | null;
  /** `+++ killed by SIGKILL +++`. */
  killedBy: string | null;
  coreDumped?: true;
  /** `+++ superseded by execve in pid N +++`. */
  supersededBy?: number;
}

/** A line strace itself wrote (`strace: …`), not a traced call. */
export interface StraceMessageEvent {
  kind: 'attach' | 'detach' | 'message';
  /** The pid the message names ("Process 123 attached", "ptrace(PTRACE_SEIZE, 123)"), if any. */
  pid: number | null;
  /** The message without the program prefix: "Process 123 attached with 9 threads". */
  text: string;
  /** "Process 123 attached with 9 threads" → 9. */
  threads?: number;
  /** The failure a message reports ("Operation not permitted", "No such process"). */
  error?: string;
}

export type StraceEvent =
  | StraceSyscallEvent
  | StraceUnfinishedEvent
  | StraceResumedEvent
  | StraceSignalEvent
  | StraceExitEvent
  | StraceMessageEvent;
