/**
 * Incremental parser of a live strace stream (`strace -f -tt -T -p PID` over SSH, a PTY or a file)
 * into bounded aggregates. Grammar: docs/tool-output-formats.md §1.6.
 *
 *   strace: Process 10893 attached with 5 threads
 *   [pid 10908] 08:23:42.301598 futex(0x28598500, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL <unfinished ...>
 *   [pid 10909] 08:23:42.308061 connect(4, {…}, 16) = -1 ECONNREFUSED (Connection refused) <0.000131>
 *   [pid 10908] 08:23:42.332302 <... futex resumed>) = 0 <0.030691>
 *
 * `<unfinished ...>` / `<... NAME resumed>` halves are joined per pid (a thread has one call in
 * flight; an exit or a detach drops it). A `-c` table in the stream (-c, -C) goes to `summary`.
 * Work is per line, so any chunking of the same text gives the same snapshot. Memory is bounded
 * (straceStats.ts LIMITS, sequenceDetector.ts window), whatever the number of lines.
 */
import { LineStreamParser } from '../lineStreamParser';
import { SequenceDetector } from './sequenceDetector';
import { joinArgs, extractPath } from './straceArgs';
import { StraceClock } from './straceClock';
import { fastStraceEvent } from './straceFastLine';
import { eventsOfCleanLine, parseCutCall } from './straceLine';
import { embeddedMessageAt, parseStraceMessage } from './straceMessage';
import type {
  StraceEvent,
  StraceModel,
  StracePendingCall,
  StraceResumedEvent,
  StraceSyscallEvent,
} from './straceModel';
import { LIMITS, StraceStats } from './straceStats';
import { StraceSummaryReader } from './straceSummaryParser';
import { capText, isBlank } from './straceText';

/** A `-k` stack frame under a call: ` > /lib/x86_64-linux-gnu/libc.so.6(__write+0x14) [0xf1234]`. */
const STACK_FRAME = /^ *> \S/;

export class StraceParser extends LineStreamParser<StraceModel> {
  private readonly stats: StraceStats;
  private readonly detector = new SequenceDetector();
  private readonly summary = new StraceSummaryReader();
  private summarySeen = false;
  /** A call line that a "Process N attached/detached" message cut: its rest may come next line. */
  private cut: string | null = null;
  /** The message that cut it was a detach: the call will never finish. */
  private cutByDetach = false;
  private readonly pending = new Map<number, StracePendingCall>();

  private lines = 0;
  private unparsed = 0;
  private readonly clock = new StraceClock();
  private hasDurations = false;

  /** `recentEvents`: how many of the last events the model keeps (2 000 unless told). */
  constructor(options: { recentEvents?: number } = {}) {
    super();
    this.stats = new StraceStats(options.recentEvents);
  }

  protected override streamEnded(): void {
    this.flushCut();
  }

  protected takeLine(line: string): void {
    this.line(line);
  }

  protected takeOverlong(): void {
    this.lines++;
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  /** A line whose handling hit a bug: not understood. */
  protected override lineFailed(): void {
    this.unparsed++;
  }

  private line(clean: string): void {
    const s = clean.trimEnd();
    if (isBlank(s)) return;
    this.lines++;
    const mentionsStrace = s.indexOf('strace: ') >= 0;
    if (this.cut === null && !mentionsStrace) {
      const ev = this.commonLineEvent(s);
      if (ev) {
        this.event(ev);
        return;
      }
    }
    if (this.cut !== null && this.continueCut(s)) return;
    const split = mentionsStrace ? embeddedMessageAt(s) : -1;
    if (split > 0) {
      // `clone3({…}strace: Process 16312 attached` then ` => {parent_tid=[16312]}, 88) = 16312`.
      const msg = parseStraceMessage(s.slice(split));
      if (msg) this.event(msg);
      this.cut = s.slice(0, split);
      this.cutByDetach = msg?.kind === 'detach';
      return;
    }
    const events = eventsOfCleanLine(s);
    if (events.length === 0) {
      if (this.summary.accept(s)) this.summarySeen = true;
      else if (!STACK_FRAME.test(s)) this.unparsed++;
      return;
    }
    for (const ev of events) this.event(ev);
  }

  /**
   * The event of a common call line read by the fast path (straceFastLine.ts), or null to read the
   * line with the general parser. A seam for the tests that compare the two.
   */
  protected commonLineEvent(s: string): StraceEvent | null {
    return fastStraceEvent(s);
  }

  /** Joins the cut call with this line when this line is its rest; else flushes the cut call. */
  private continueCut(s: string): boolean {
    const head = this.cut ?? '';
    const alone = eventsOfCleanLine(s);
    const first = alone[0];
    if (
      alone.length === 0 ||
      (alone.length === 1 && first?.kind === 'detach' && first.pid === null)
    ) {
      const joined = eventsOfCleanLine(head + s);
      if (joined.length > 0) {
        this.cut = null;
        for (const ev of joined) this.event(ev);
        return true;
      }
    }
    this.flushCut();
    return false;
  }

  /** A cut call whose rest never came: it was in flight when strace attached or detached. */
  private flushCut(): void {
    if (this.cut === null) return;
    const ev = parseCutCall(this.cut, this.cutByDetach);
    this.cut = null;
    if (ev) this.event(ev);
  }

  private event(ev: StraceEvent): void {
    switch (ev.kind) {
      case 'syscall':
        this.finish(ev, this.clock.observe(ev));
        return;
      case 'unfinished': {
        this.clock.observe(ev);
        const key = ev.pid ?? -1;
        if (ev.detached) this.pending.delete(key);
        else if (this.pending.has(key) || this.pending.size < LIMITS.threads) {
          this.pending.set(key, {
            pid: ev.pid,
            name: ev.name,
            args: capText(ev.args, LIMITS.text),
            since: ev.time,
            sinceRaw: ev.timeRaw,
          });
        }
        return;
      }
      case 'resumed': {
        const second = this.clock.observe(ev);
        const start = this.takePending(ev.pid, ev.name);
        const call = syscallOfResumed(ev);
        if (start) {
          call.args = joinArgs(start.args, ev.args);
          if (start.sinceRaw !== null) {
            call.time = start.since;
            call.timeRaw = start.sinceRaw;
          }
          call.joined = true;
        } else call.partial = true;
        const path = extractPath(call.name, call.args);
        if (path !== undefined) call.path = path;
        this.finish(call, second);
        return;
      }
      case 'signal':
        this.clock.observe(ev);
        this.stats.addSignal(ev.signal);
        this.stats.remember(ev);
        return;
      case 'exit':
        this.clock.observe(ev);
        this.pending.delete(ev.pid ?? -1);
        this.stats.addExit(ev.pid, ev.code, ev.killedBy);
        this.stats.remember(ev);
        return;
      default:
        if (ev.kind === 'detach' && ev.pid !== null) this.pending.delete(ev.pid);
        this.stats.addMessage(ev, this.lines);
        this.stats.remember(ev);
    }
  }

  private finish(ev: StraceSyscallEvent, second: number | null): void {
    if (ev.duration !== null) this.hasDurations = true;
    this.stats.addCall(ev, second);
    this.detector.push(ev.pid, ev.name, ev.errno, this.clock.now());
  }

  /** The resumed call's first half: same pid, else (prefix shown or not) the only candidate. */
  private takePending(pid: number | null, name: string): StracePendingCall | null {
    const key = pid ?? -1;
    let p = this.pending.get(key);
    let at = key;
    if (!p && key !== -1) {
      p = this.pending.get(-1);
      at = -1;
    } else if (!p && this.pending.size === 1) {
      for (const [k, v] of this.pending) [p, at] = [v, k];
    }
    if (!p || p.name !== name) return null;
    this.pending.delete(at);
    return p;
  }

  snapshot(): StraceModel {
    const errors = this.stats.snapshotErrors();
    const messages = this.stats.snapshotMessages();
    return {
      lines: this.lines,
      unparsedLines: this.unparsed,
      calls: this.stats.calls,
      errors: this.stats.errors,
      timeFormat: this.clock.format,
      hasDurations: this.hasDurations,
      firstTime: this.clock.firstTime,
      lastTime: this.clock.lastTime,
      firstTimeRaw: this.clock.firstTimeRaw,
      lastTimeRaw: this.clock.lastTimeRaw,
      syscalls: this.stats.snapshotSyscalls(),
      errnos: this.stats.snapshotErrnos(),
      errorGroups: errors.groups,
      otherErrors: errors.other,
      threads: this.stats.snapshotThreads(),
      timeline: this.stats.snapshotTimeline(),
      recent: this.stats.snapshotRecent(),
      pending: [...this.pending.values()].map((p) => ({ ...p })),
      messages: messages.messages,
      signals: this.stats.snapshotSignals(),
      exits: this.stats.snapshotExits(),
      loop: this.detector.result(),
      summary: this.summarySeen ? this.summary.current() : null,
      dropped: { ...this.stats.dropped, messages: messages.dropped },
    };
  }
}

/** The resumed half as a finished call (same fields in the same order; no object spread: hot). */
function syscallOfResumed(ev: StraceResumedEvent): StraceSyscallEvent {
  const call: StraceSyscallEvent = {
    kind: 'syscall',
    pid: ev.pid,
    time: ev.time,
    timeRaw: ev.timeRaw,
    name: ev.name,
    args: ev.args,
    result: ev.result,
    retval: ev.retval,
    errno: ev.errno,
    duration: ev.duration,
  };
  if (ev.errnoText !== undefined) call.errnoText = ev.errnoText;
  if (ev.relative !== undefined) call.relative = ev.relative;
  if (ev.comm !== undefined) call.comm = ev.comm;
  return call;
}

/** Parses a whole capture at once. */
export function parseStraceText(text: string): StraceModel {
  const parser = new StraceParser();
  parser.push(text);
  parser.end();
  return parser.snapshot();
}
