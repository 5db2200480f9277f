/**
 * Pieces of a strace call line: the argument scanner (quotes, escapes, nesting), the result after
 * `= ` and the path or socket address a call names. Reference: tool-output-formats.md §1.6.1.
 *
 *   rename("/srv/lab/app.log.1", "/srv/lab/app.log.2") = -1 ENOENT (No such file or directory) <0.000019>
 *   connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)
 */
import type {
  StraceCallResult,
  StraceResumedEvent,
  StraceStamp,
  StraceSyscallEvent,
} from './straceModel';
import { decimalAt, readCString } from './straceText';
import { StringInterner } from './stringInterner';

/** Errno names repeat on every failed call: one string each, so map lookups on them are cheap. */
const ERRNOS = new StringInterner(64);

/**
 * Index of the `)` that closes a call whose arguments start at `from` (already inside the
 * parentheses), skipping C strings and nested (), [], {}; -1 if the line ends first.
 */
export function findClose(s: string, from: number): number {
  let depth = 0;
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n; i++) {
        const q = s.charCodeAt(i);
        if (q === 92) i++;
        else if (q === 34) break;
      }
      if (i >= n) return -1;
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (depth === 0) return c === 41 ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** Fallback when nesting is broken (e.g. a `-y` path with a bracket): the last `) = ` of the line. */
export function findCloseLoosely(s: string, from: number): number {
  for (let i = s.lastIndexOf(')'); i >= from; i = s.lastIndexOf(')', i - 1)) {
    let j = i + 1;
    while (s.charCodeAt(j) === 32) j++;
    if (s.charCodeAt(j) === 61 && (j + 1 === s.length || s.charCodeAt(j + 1) === 32)) return i;
    if (i === 0) break;
  }
  return -1;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** A `= …` return value at `s[start, end)`: "-1", "47", "0x7f…", "022" (octal), "3</x>", "?". */
function retvalAt(s: string, start: number, end: number): number | null {
  const lt = s.indexOf('<', start);
  if (lt >= 0 && lt < end) end = lt;
  const neg = s.charCodeAt(start) === 45;
  let i = neg ? start + 1 : start;
  if (i >= end) return null;
  let base = 10;
  if (s.charCodeAt(i) === 48 && end - i > 1) {
    if (s.charCodeAt(i + 1) === 120) [base, i] = [16, i + 2];
    else [base, i] = [8, i + 1];
  }
  if (i >= end || end - i > (base === 16 ? 13 : 15)) return null;
  let v = 0;
  for (; i < end; i++) {
    const d = hexDigit(s.charCodeAt(i));
    if (d < 0 || d >= base) return null;
    v = v * base + d;
  }
  return neg ? -v : v;
}

/** `E[A-Z0-9_]+` at `s[start, end)`. */
function isErrnoName(s: string, start: number, end: number): boolean {
  if (end - start < 2 || s.charCodeAt(start) !== 69) return false;
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/**
 * The result that starts at `s[from]` (after `= `) and runs to the end of `s`, which has no
 * trailing spaces: value, errno and its text, comment and the -T duration.
 */
export function resultAt(s: string, from: number): StraceCallResult {
  const out: StraceCallResult = { result: '', retval: null, errno: null, duration: null };
  readResult(s, from, out);
  return out;
}

/** resultAt written into `out` (an event being built), so the hot path allocates no result. */
export function readResult(s: string, from: number, out: StraceCallResult): void {
  let end = s.length;
  let duration: number | null = null;
  if (s.charCodeAt(end - 1) === 62) {
    const lt = s.lastIndexOf(' <', end - 2);
    if (lt >= from) {
      const d = decimalAt(s, lt + 2, end - 1);
      if (!Number.isNaN(d)) {
        duration = d;
        end = lt;
        while (end > from && s.charCodeAt(end - 1) === 32) end--;
      }
    }
  }
  let sp = s.indexOf(' ', from);
  if (sp >= end) sp = -1;
  out.result = s.slice(from, end);
  out.retval = retvalAt(s, from, sp < 0 ? end : sp);
  out.errno = null;
  out.duration = duration;
  if (sp < 0) return;
  const at = sp + 1;
  let sp2 = s.indexOf(' ', at);
  if (sp2 < 0 || sp2 > end) sp2 = end;
  if (isErrnoName(s, at, sp2)) {
    out.errno = ERRNOS.slice(s, at, sp2);
    const close = s.lastIndexOf(')', end - 1);
    if (s.charCodeAt(sp2 + 1) === 40 && close > sp2 + 1) out.errnoText = s.slice(sp2 + 2, close);
  } else if (s.startsWith('(errno ', at) && s.charCodeAt(end - 1) === 41) {
    out.errno = s.slice(at + 1, end - 1);
  }
}

/** A finished call (or its resumed half) whose result is read from `s[from]`: one object shape. */
export function finishedEvent(
  kind: 'syscall' | 'resumed',
  stamp: StraceStamp,
  name: string,
  args: string,
  s: string,
  from: number,
): StraceSyscallEvent | StraceResumedEvent {
  const { pid, time, timeRaw } = stamp;
  const ev: StraceSyscallEvent | StraceResumedEvent = {
    kind,
    pid,
    time,
    timeRaw,
    name,
    args,
    result: '',
    retval: null,
    errno: null,
    duration: null,
  };
  readResult(s, from, ev);
  return ev;
}

/** The text after `= ` (padding already skipped): see resultAt. */
export function parseResult(text: string): StraceCallResult {
  return resultAt(text.trimEnd(), 0);
}

/** Joins the two printed halves of a call: "A, B, " + "NULL" and "A, B" + ", NULL" → "A, B, NULL". */
export function joinArgs(head: string, tail: string): string {
  const h = head.trimEnd();
  const t = tail.trimStart();
  if (h === '') return t;
  if (t === '') return h;
  if (h.endsWith(',')) return `${h} ${t}`;
  return t.startsWith(',') ? h + t : `${h} ${t}`;
}

/** Calls whose first string argument is a file name. */
const PATH_CALLS = new Set(
  (
    'open openat openat2 creat rename renameat renameat2 unlink unlinkat stat lstat stat64 lstat64 ' +
    'newfstatat fstatat64 statx access faccessat faccessat2 execve execveat mkdir mkdirat rmdir chdir ' +
    'chroot chmod fchmodat fchmodat2 chown lchown fchownat link linkat symlink symlinkat readlink ' +
    'readlinkat truncate truncate64 mknod mknodat utime utimes utimensat futimesat statfs statfs64 ' +
    'getxattr lgetxattr setxattr lsetxattr listxattr llistxattr removexattr lremovexattr mount ' +
    'umount umount2 swapon swapoff inotify_add_watch fanotify_mark name_to_handle_at open_tree ' +
    'uselib acct quotactl pivot_root'
  ).split(' '),
);

/** Calls that carry a socket address worth naming. */
const SOCKET_CALLS = new Set(
  'connect bind sendto sendmsg sendmmsg recvfrom recvmsg recvmmsg accept accept4 getpeername getsockname'.split(
    ' ',
  ),
);

/** `<…>` decoration right after `start` (a `-y` fd or dirfd), nested `<char 1:3>` dropped. */
function fdDecoration(s: string, start: number): string | null {
  if (s.charCodeAt(start) !== 60) return null;
  let depth = 0;
  let out = '';
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '<') depth++;
    else if (c === '>') {
      depth--;
      if (depth === 0) return out;
    } else if (depth === 1) out += c;
  }
  return null;
}

function socketAddress(args: string): string | undefined {
  const un = args.indexOf('sun_path=');
  if (un >= 0) {
    const at = args.charCodeAt(un + 9) === 64 ? 1 : 0;
    const str = readCString(args, un + 9 + at);
    if (str) return (at ? '@' : '') + str.value;
  }
  const v4 = args.indexOf('inet_addr("');
  const v6 = v4 < 0 ? args.indexOf('inet_pton(AF_INET6, "') : -1;
  if (v4 < 0 && v6 < 0) return undefined;
  const str = readCString(args, v4 >= 0 ? v4 + 10 : v6 + 20);
  if (!str) return undefined;
  const portAt = args.indexOf(v4 >= 0 ? 'sin_port=htons(' : 'sin6_port=htons(');
  const port = portAt < 0 ? '' : args.slice(portAt + (v4 >= 0 ? 15 : 16)).match(/^\d+/)?.[0];
  const host = v4 >= 0 ? str.value : `[${str.value}]`;
  return port ? `${host}:${port}` : host;
}

/** The path (or socket address, or `-y` fd file) a call names; see StraceSyscallEvent.path. */
export function extractPath(name: string, args: string): string | undefined {
  if (PATH_CALLS.has(name)) {
    const q = args.indexOf('"');
    if (q < 0) return undefined;
    const str = readCString(args, q);
    if (!str) return undefined;
    let path = str.value;
    if (!path.startsWith('/') && q > 0) {
      // openat(3</srv/app>, "x.log", …) or openat(AT_FDCWD</srv>, …) with -y: make it absolute.
      const lt = args.indexOf('<');
      const dir = lt >= 0 && lt < q ? fdDecoration(args, lt) : null;
      if (dir && dir.startsWith('/')) path = `${dir.replace(/\/$/, '')}/${path}`;
    }
    return path;
  }
  if (SOCKET_CALLS.has(name)) {
    const addr = socketAddress(args);
    if (addr !== undefined) return addr;
  }
  const c = args.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    let i = 1;
    while (i < args.length && args.charCodeAt(i) >= 48 && args.charCodeAt(i) <= 57) i++;
    const deco = fdDecoration(args, i);
    if (deco) return deco;
  }
  return undefined;
}
