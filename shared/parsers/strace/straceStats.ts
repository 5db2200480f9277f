/**
 * Bounded aggregates of a live strace stream (used by straceParser.ts). Every table has a cap and
 * an overflow bucket, so memory stays flat however many lines go by (20 000 lines/s for minutes):
 * per syscall, per errno, per (syscall, errno, path), per thread, a 1-second timeline per thread,
 * the last events, messages, signals and exits.
 */
import type {
  StraceErrorGroup,
  StraceEvent,
  StraceMessage,
  StraceMessageEvent,
  StraceSyscallEvent,
  StraceSyscallStats,
  StraceThreadStats,
  StraceThreadTimeline,
  StraceTimelineBucket,
} from './straceModel';
import { addToBuckets } from './straceClock';
import { capText } from './straceText';

export const LIMITS = {
  syscallNames: 512,
  errnos: 256,
  errorGroups: 500,
  threads: 1024,
  timelineBuckets: 120,
  timelineThreads: 16,
  /** Events a parser keeps when it is asked for no other number (a whole file's read). */
  recent: 2000,
  firstMessages: 50,
  lastMessages: 150,
  signals: 64,
  exits: 200,
  /** Characters of args / result kept per retained event and per example. */
  text: 1000,
  example: 300,
};

const OTHER = '(other)';

interface ThreadState extends StraceThreadStats {
  buckets: StraceTimelineBucket[];
}

/** An error group keeps its last call; the example text is built only for a snapshot. */
interface GroupState {
  syscall: string;
  errno: string;
  path: string | null;
  count: number;
  last: StraceSyscallEvent;
}

/** `name(args) = result`, capped: how a call is quoted as evidence. */
export function callText(ev: StraceSyscallEvent, max = LIMITS.example): string {
  return capText(`${ev.name}(${ev.args}) = ${ev.result}`, max);
}

export class StraceStats {
  calls = 0;
  errors = 0;
  private readonly syscalls = new Map<string, StraceSyscallStats>();
  private readonly errnos = new Map<string, number>();
  /** Error groups in the order they appeared (ties keep it in the snapshot), and their index. */
  private readonly groups: GroupState[] = [];
  private readonly groupIndex = new Map<string, Map<string, Map<string, GroupState>>>();
  private otherErrors = 0;
  private readonly threads = new Map<number, ThreadState>();
  private readonly allBuckets: StraceTimelineBucket[] = [];
  private readonly recent: (StraceEvent | undefined)[];
  private recentCount = 0;
  private readonly firstMessages: StraceMessage[] = [];
  private lastMessages: StraceMessage[] = [];
  private readonly signals = new Map<string, number>();
  private exits: { pid: number | null; code: number | null; killedBy: string | null }[] = [];
  private messageCount = 0;
  readonly dropped = { syscallNames: 0, threads: 0 };

  constructor(private readonly recentLimit = LIMITS.recent) {
    this.recent = new Array<StraceEvent | undefined>(recentLimit);
  }

  private thread(pid: number | null, comm: string | undefined): ThreadState | null {
    const key = pid ?? -1;
    let t = this.threads.get(key);
    if (!t) {
      if (this.threads.size >= LIMITS.threads) {
        this.dropped.threads++;
        return null;
      }
      t = { pid, count: 0, errors: 0, busyTime: 0, lastCall: null, buckets: [] };
      this.threads.set(key, t);
    }
    if (comm !== undefined && t.comm !== comm) t.comm = comm;
    return t;
  }

  /** A finished call; `second` is its 1-second bucket (null without timestamps). */
  addCall(ev: StraceSyscallEvent, second: number | null): void {
    this.calls++;
    const failed = ev.errno !== null;
    const busy = ev.duration ?? 0;
    let s = this.syscalls.get(ev.name);
    if (!s) {
      const full = this.syscalls.size >= LIMITS.syscallNames;
      if (full) this.dropped.syscallNames++;
      const name = full ? OTHER : ev.name;
      s = this.syscalls.get(name);
      if (!s) {
        s = { name, count: 0, errors: 0, totalTime: 0, maxTime: 0 };
        this.syscalls.set(name, s);
      }
    }
    s.count++;
    s.totalTime += busy;
    if (busy > s.maxTime) s.maxTime = busy;
    if (failed) {
      this.errors++;
      s.errors++;
      this.addError(ev);
    }
    const t = this.thread(ev.pid, ev.comm);
    if (t) {
      t.count++;
      t.busyTime += busy;
      if (failed) t.errors++;
      t.lastCall = ev.name;
      if (second !== null) addToBuckets(t.buckets, LIMITS.timelineBuckets, second, failed, busy);
    }
    if (second !== null)
      addToBuckets(this.allBuckets, LIMITS.timelineBuckets, second, failed, busy);
    this.remember(ev);
  }

  private addError(ev: StraceSyscallEvent): void {
    const errno = ev.errno ?? '';
    const n = this.errnos.get(errno);
    if (n !== undefined) this.errnos.set(errno, n + 1);
    else {
      const e = this.errnos.size < LIMITS.errnos ? errno : OTHER;
      this.errnos.set(e, (this.errnos.get(e) ?? 0) + 1);
    }
    const path = ev.path === undefined ? null : capText(ev.path, 512);
    // Keyed name → errno → path (null and '' alike): no composite key string built per call.
    let byErrno = this.groupIndex.get(ev.name);
    let byPath = byErrno?.get(errno);
    const g = byPath?.get(path ?? '');
    // Keep the example small even when the line was huge.
    if (ev.args.length > LIMITS.example) ev = { ...ev, args: capText(ev.args, LIMITS.example) };
    if (g) {
      g.count++;
      g.last = ev;
    } else if (this.groups.length < LIMITS.errorGroups) {
      const group = { syscall: ev.name, errno, path, count: 1, last: ev };
      this.groups.push(group);
      if (!byErrno) this.groupIndex.set(ev.name, (byErrno = new Map()));
      if (!byPath) byErrno.set(errno, (byPath = new Map()));
      byPath.set(path ?? '', group);
    } else this.otherErrors++;
  }

  /** Keeps an event in the recent ring (args and results capped). */
  remember(ev: StraceEvent): void {
    let kept = ev;
    if (
      'args' in ev &&
      (ev.args.length > LIMITS.text || ('result' in ev && ev.result.length > LIMITS.text))
    ) {
      kept = { ...ev, args: capText(ev.args, LIMITS.text) };
      if ('result' in kept) kept.result = capText(kept.result, LIMITS.text);
    }
    this.recent[this.recentCount % this.recentLimit] = kept;
    this.recentCount++;
  }

  addSignal(signal: string): void {
    const s = this.signals.has(signal) || this.signals.size < LIMITS.signals ? signal : OTHER;
    this.signals.set(s, (this.signals.get(s) ?? 0) + 1);
  }

  addExit(pid: number | null, code: number | null, killedBy: string | null): void {
    this.exits.push({ pid, code, killedBy });
    if (this.exits.length > LIMITS.exits * 2) this.exits = this.exits.slice(-LIMITS.exits);
    const t = this.threads.get(pid ?? -1);
    if (t) t.exit = { code, killedBy };
  }

  addMessage(ev: StraceMessageEvent, line: number): void {
    const m: StraceMessage = {
      kind: ev.kind,
      pid: ev.pid,
      text: capText(ev.text, LIMITS.example),
      line,
    };
    if (ev.error !== undefined) m.error = ev.error;
    this.messageCount++;
    if (this.firstMessages.length < LIMITS.firstMessages) {
      this.firstMessages.push(m);
      return;
    }
    this.lastMessages.push(m);
    if (this.lastMessages.length > LIMITS.lastMessages * 2) {
      this.lastMessages = this.lastMessages.slice(-LIMITS.lastMessages);
    }
  }

  snapshotSyscalls(): StraceSyscallStats[] {
    return [...this.syscalls.values()]
      .map((s) => ({ ...s }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  }

  snapshotErrnos(): { errno: string; count: number }[] {
    return [...this.errnos]
      .map(([errno, count]) => ({ errno, count }))
      .sort((a, b) => b.count - a.count);
  }

  snapshotErrors(): { groups: StraceErrorGroup[]; other: number } {
    const groups = this.groups
      .map(({ last, ...g }): StraceErrorGroup => ({ ...g, example: callText(last) }))
      .sort((a, b) => b.count - a.count);
    return { groups, other: this.otherErrors };
  }

  snapshotThreads(): StraceThreadStats[] {
    return [...this.threads.values()]
      .map(({ buckets: _b, ...t }) => ({ ...t, ...(t.exit ? { exit: { ...t.exit } } : {}) }))
      .sort((a, b) => b.count - a.count);
  }

  snapshotTimeline(): StraceThreadTimeline[] {
    const copy = (bs: StraceTimelineBucket[]): StraceTimelineBucket[] => bs.map((b) => ({ ...b }));
    const busiest = [...this.threads.values()]
      .filter((t) => t.buckets.length > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, LIMITS.timelineThreads);
    if (this.allBuckets.length === 0) return [];
    return [
      { pid: null, all: true, buckets: copy(this.allBuckets) },
      ...busiest.map((t) => ({ pid: t.pid, all: false, buckets: copy(t.buckets) })),
    ];
  }

  snapshotRecent(): StraceEvent[] {
    const n = Math.min(this.recentCount, this.recentLimit);
    const out: StraceEvent[] = [];
    for (let i = this.recentCount - n; i < this.recentCount; i++) {
      const ev = this.recent[i % this.recentLimit];
      if (ev) out.push(ev);
    }
    return out;
  }

  /** The first and the last messages, and how many in between are not shown. */
  snapshotMessages(): { messages: StraceMessage[]; dropped: number } {
    const messages = [...this.firstMessages, ...this.lastMessages.slice(-LIMITS.lastMessages)];
    return {
      messages: messages.map((m) => ({ ...m })),
      dropped: this.messageCount - messages.length,
    };
  }

  snapshotSignals(): { signal: string; count: number }[] {
    return [...this.signals]
      .map(([signal, count]) => ({ signal, count }))
      .sort((a, b) => b.count - a.count);
  }

  snapshotExits(): { pid: number | null; code: number | null; killedBy: string | null }[] {
    return this.exits.slice(-LIMITS.exits).map((e) => ({ ...e }));
  }
}
