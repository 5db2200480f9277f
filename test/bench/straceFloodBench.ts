/**
 * strace flood: does the UI stay responsive, and memory bounded, while strace prints ~20 000
 * lines a second into a live capture? Everything real: the lab's OpenSSH sshd, the browser-mode
 * server and Node side, headless Chromium, the app's "Syscalls live (strace)" capture, xterm.js,
 * the parse worker and the strace view. No thresholds: idle figures measured in the same run, in
 * the same tab, are the baseline; read the ratios. See test/bench/README.md.
 *
 * A. real strace: the capture traces a lab Python process that makes cheap syscalls (getppid,
 *    read /dev/zero, write /dev/null, a stat that fails with ENOENT) paced at BENCH_STRACE_RATE
 *    a second, started and stopped by signals. What strace really reached is measured (the
 *    target's own count of its syscalls, one strace line each, and the view's count).
 * B. replay (when A fell short of 90 % of the rate, or BENCH_STRACE_REPLAY=always): a recorded
 *    real trace (test/fixtures/strace/threads-f-tt-T-s64-p.txt, 5 threads, unfinished/resumed
 *    pairs, errors) written at the paced rate, timestamps rewritten to the clock, by a script
 *    named `strace`, typed by hand in a shell tab, where the app recognises `strace -f … -p N`.
 *
 * In each: the same inputs on the idle tab, then during the flood, measured inside the page
 * (event timeStamp → the animation frame that shows the change, and → the task after it): keys
 * typed into the terminal's Find box, clicks on the strace view's tabs, switching app tabs.
 * Long tasks, long animation frames, frames delivered; the page's and the parse worker's JS heap
 * (DevTools protocol, the worker through Target auto-attach) and DOM nodes every second.
 *
 * Standalone (builds out/renderer first if it is older than its sources):
 *   npx tsx -e "import('./test/bench/straceFloodBench.ts').then(async m=>console.log((await m.benchStraceFlood()).lines.join('\n')))"
 * Knobs: BENCH_STRACE_RATE (20000 lines/s), BENCH_STRACE_SECONDS (40 per flood),
 * BENCH_STRACE_REPLAY (auto | always | never), BENCH_STRACE_IDLE_SAMPLES (35).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from '../lab/chromium';
import { type Browser, type CDPSession, type Page } from '@playwright/test';
import { FlowControl } from '../../shared/contract/index';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';
import { LAB_PYTHON } from '../lab/seed000';
import { spawnLab, type LabProcess } from '../lab/procs';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { cpuMeter, describeCpu, type CpuReport } from './cpu';
import { ensureRendererBuilt, rendererDir, repoRoot } from './rendererBuild';
import { parseStraceText } from '../../shared/parsers/strace/index';
import { BenchError, bytesExact, errorText, mb, ratio, table, type BenchResult } from './report';
import { topSelf, type CpuProfile } from './cpuProfile';
import { straceOverOpenSsh, straceToDevNull } from './straceDevNull';
import { holdCpusAwake } from './cpusAwake';
import { splitCores } from './coreSplit';
import { CaptureParams, captureCommand, straceCommand } from '../../shared/captures/recipes';

const VIEWPORT = { width: 1440, height: 900 };
const HOST_LABEL = 'strace-flood-lab';
const CORES = cpus().length;
const FIXTURE = join(repoRoot, 'test', 'fixtures', 'strace', 'threads-f-tt-T-s64-p.txt');

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const now = (): number => performance.now();
const log = (message: string): void => {
  process.stderr.write(`  [strace flood] ${message}\n`);
};

/**
 * The traced program of path A. Paced by the clock, at most 250 ms of debt (a slowed-down target
 * does not burst afterwards). SIGUSR1 starts the flood, SIGUSR2 stops it; on stopping it writes
 * how many syscalls it has made so far (the flood's four calls, one sleep per idle tick).
 */
const TARGET_PY = String.raw`
import os, signal, sys, time
rate = float(sys.argv[1])
count_file = sys.argv[2]
state = {'on': False}
def toggle(sig, frame):
    state['on'] = sig == signal.SIGUSR1
signal.signal(signal.SIGUSR1, toggle)
signal.signal(signal.SIGUSR2, toggle)
zero = os.open('/dev/zero', os.O_RDONLY)
null = os.open('/dev/null', os.O_WRONLY)
payload = b'strace flood payload'
missing = '/nonexistent/strace-flood'
total = 0
while True:
    if not state['on']:
        with open(count_file + '.tmp', 'w') as f:
            f.write(str(total))
        os.replace(count_file + '.tmp', count_file)
        signal.pause()
        continue
    start = time.monotonic()
    done = 0
    while state['on']:
        due = int((time.monotonic() - start) * rate)
        if due - done > rate * 0.25:
            done = due - int(rate * 0.25)
        rounds = (due - done) // 4
        if rounds <= 0:
            time.sleep(0.005)
            total += 1
            continue
        for _ in range(rounds):
            os.getppid()
            os.read(zero, 16)
            os.write(null, payload)
            try:
                os.stat(missing)
            except OSError:
                pass
        total += rounds * 4
        done += rounds * 4
`;

/**
 * Path B: `strace`, as typed in the shell. Prints the recording's "attached" line; SIGUSR1 starts
 * writing the recorded lines in a loop at the paced rate (ticks of 5 ms, at most 250 ms of debt),
 * each line's time of day rewritten to the clock; SIGUSR2 pauses (and writes how many lines so
 * far); SIGTERM ends it with a detach message, as Ctrl-C would end strace.
 */
const REPLAY_PY = String.raw`#!/usr/bin/python3
import json, os, re, signal, sys, time
here = os.path.dirname(os.path.abspath(__file__))
cfg = json.load(open(os.path.join(here, 'replay.json')))
rate = float(cfg['rate'])
lines = open(cfg['fixture'], encoding='utf-8', errors='replace').read().splitlines()
head = lines[0] if lines and lines[0].startswith('strace: Process') else None
body = lines[1:] if head else lines
stamp = re.compile(r'^(\[pid +\d+\] )?\d\d:\d\d:\d\d\.\d{6} ')
parts = []
for line in body:
    m = stamp.match(line)
    parts.append((m.group(1) or '', line[m.end():]) if m else (None, line))
state = {'on': False, 'end': False}
def toggle(sig, frame):
    if sig == signal.SIGTERM:
        state['end'] = True
    state['on'] = sig == signal.SIGUSR1
signal.signal(signal.SIGUSR1, toggle)
signal.signal(signal.SIGUSR2, toggle)
signal.signal(signal.SIGTERM, toggle)
out = sys.stdout.buffer
if head:
    out.write((head + '\n').encode())
out.flush()
def put(path, value):
    with open(path + '.tmp', 'w') as f:
        f.write(str(value))
    os.replace(path + '.tmp', path)
written = 0
i = 0
cached = (-1, '')
put(cfg['pidFile'], os.getpid())
while not state['end']:
    if not state['on']:
        put(cfg['countFile'], written)
        signal.pause()
        continue
    start = time.monotonic()
    wall0 = time.time() - start
    done = 0
    while state['on']:
        t = time.monotonic()
        due = int((t - start) * rate)
        if due - done > rate * 0.25:
            done = due - int(rate * 0.25)
        n = due - done
        if n <= 0:
            time.sleep(0.005)
            continue
        chunk = []
        for k in range(n):
            at = wall0 + t + k / rate
            sec = int(at)
            if sec != cached[0]:
                cached = (sec, time.strftime('%H:%M:%S', time.localtime(sec)))
            prefix, rest = parts[i]
            i = (i + 1) % len(parts)
            if prefix is None:
                chunk.append(rest)
            else:
                chunk.append('%s%s.%06d %s' % (prefix, cached[1], int((at - sec) * 1e6), rest))
        out.write(('\n'.join(chunk) + '\n').encode())
        out.flush()
        done += n
        written += n
out.write(b'strace: Process 10893 detached\n')
out.flush()
`;

/**
 * Installed in the page before the app's scripts. `arm(spec)` prepares one measured input: the
 * next event of `spec.types` gets its timeStamp noted, then every animation frame checks whether
 * the DOM shows the change (`spec.test`); the first frame that does is the one that paints it.
 * `result(ms)` resolves with event → handler (input delay), → that frame, → the task after it.
 * Also: long tasks, long animation frames, and a requestAnimationFrame tick (frames delivered).
 */
const INSTRUMENT = String.raw`
(() => {
  const s = { armed: null, last: null, longTasks: [], loafs: [], frames: [] };
  window.__sfb = s;
  const q = (selector) => document.querySelector(selector);
  const makeTest = (test) => {
    if (test.kind === 'append') {
      const el = q(test.selector);
      const want = (el ? el.value : '') + test.text;
      return () => { const e = q(test.selector); return !!e && e.value === want; };
    }
    return () => test.selectors.every((sel) => !!q(sel));
  };
  s.arm = (spec) => {
    if (spec.focus) {
      const el = q(spec.focus);
      if (!el) return { error: 'nothing to focus at ' + spec.focus };
      if (document.activeElement !== el) el.focus();
    }
    const test = makeTest(spec.test);
    if (test()) return { error: 'the change is already there: ' + JSON.stringify(spec.test) };
    let point = null;
    if (spec.target) {
      const el = q(spec.target);
      if (!el) return { error: 'nothing to click at ' + spec.target };
      const r = el.getBoundingClientRect();
      point = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    const a = { types: spec.types, test, ts: null, handledAt: null, done: false };
    a.promise = new Promise((resolve) => { a.resolve = resolve; });
    s.armed = a;
    s.last = a;
    return { point };
  };
  const finish = (a, value) => {
    if (a.done) return;
    a.done = true;
    if (s.armed === a) s.armed = null;
    a.resolve(value);
  };
  const onInput = (event) => {
    const a = s.armed;
    if (!a || a.ts !== null || !a.types.includes(event.type)) return;
    a.ts = event.timeStamp;
    a.handledAt = performance.now();
    const check = () => {
      if (a.done) return;
      const at = performance.now();
      if (a.test()) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          finish(a, { ok: true, delay: a.handledAt - a.ts, frame: at - a.ts, after: performance.now() - a.ts });
        channel.port2.postMessage(0);
      } else if (at - a.ts > 20000) finish(a, { ok: false, delay: a.handledAt - a.ts });
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };
  for (const type of ['keydown', 'click']) window.addEventListener(type, onInput, true);
  s.result = (ms) => {
    const a = s.last;
    if (!a) return Promise.resolve({ ok: false, error: 'not armed' });
    const timer = new Promise((resolve) =>
      setTimeout(() => resolve({ ok: false, error: a.ts === null ? 'no input event came' : 'no frame showed it' }), ms));
    return Promise.race([a.promise, timer]).then((r) => { finish(a, r); return r; });
  };
  const observe = (type, push) => {
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) push(e); })
        .observe({ type, buffered: true });
    } catch {}
  };
  observe('longtask', (e) => s.longTasks.push([e.startTime, e.duration]));
  // Long animation frames (Chromium): what ran in them, by invoker and function, and rendering.
  const base = (url) => (url || '').split('/').pop().replace(/-[\w-]{8}\.js$/, '.js');
  observe('long-animation-frame', (e) => s.loafs.push([
    e.startTime,
    e.duration,
    e.blockingDuration || 0,
    e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
    (e.scripts || []).map((x) => [
      x.invokerType + ' ' + x.invoker,
      (x.sourceFunctionName || '?') + ' (' + base(x.sourceURL) + ')',
      x.duration,
    ]),
  ]));
  // Terminal bytes in (binary WebSocket messages) and byte chunks posted to the parse worker.
  s.io = { wsMessages: 0, wsBytes: 0, workerPosts: 0, workerBytes: 0 };
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string') return;
        s.io.wsMessages++;
        s.io.wsBytes += e.data.byteLength || 0;
      });
    }
  };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.bytes && message.bytes.byteLength !== undefined) {
      s.io.workerPosts++;
      s.io.workerBytes += message.bytes.byteLength;
    }
    return post.call(this, message, ...rest);
  };
  const tick = () => { s.frames.push(performance.now()); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  s.window = (t0, t1, skip) => {
    // Entries that overlap a skipped range (our forced GC) are left out.
    const skipped = (a, b) => (skip || []).some(([x, y]) => a < y && b > x);
    const inside = (e) => e[0] >= t0 && e[0] < t1 && !skipped(e[0], e[0] + e[1]);
    const lt = s.longTasks.filter(inside);
    const lf = s.loafs.filter(inside);
    const fr = s.frames.filter((t) => t >= t0 && t < t1);
    let gap = 0;
    for (let i = 1; i < fr.length; i++) {
      if (!skipped(fr[i - 1], fr[i])) gap = Math.max(gap, fr[i] - fr[i - 1]);
    }
    const sum = (list, i) => list.reduce((a, e) => a + e[i], 0);
    const scripts = new Map();
    for (const e of lf) {
      for (const [invoker, fn, duration] of e[4]) {
        const key = invoker + ' → ' + fn;
        const v = scripts.get(key) || [0, 0];
        scripts.set(key, [v[0] + duration, v[1] + 1]);
      }
    }
    return {
      loafRenderMs: sum(lf, 3),
      loafScripts: [...scripts].sort((x, y) => y[1][0] - x[1][0]).slice(0, 6)
        .map(([key, [duration, count]]) => ({ key, duration, count })),
      ms: t1 - t0,
      longTasks: lt.length,
      longTaskMs: sum(lt, 1),
      longestTask: lt.reduce((m, e) => Math.max(m, e[1]), 0),
      loafs: lf.length,
      loafMs: sum(lf, 1),
      loafBlockingMs: sum(lf, 2),
      frames: fr.length,
      longestGap: gap,
      loafSupported: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'),
      io: { ...s.io },
    };
  };
})();
`;

/** What `__sfb.window(t0, t1)` returns. */
interface MainThreadWindow {
  ms: number;
  longTasks: number;
  longTaskMs: number;
  longestTask: number;
  loafs: number;
  loafMs: number;
  loafBlockingMs: number;
  frames: number;
  longestGap: number;
  loafSupported: boolean;
  /** Of the long animation frames: time from their rendering start to their end. */
  loafRenderMs: number;
  /** Script time inside long animation frames, by invoker → function (file), heaviest first. */
  loafScripts: { key: string; duration: number; count: number }[];
  /** Counters since the page loaded (differences between windows are what count). */
  io: { wsMessages: number; wsBytes: number; workerPosts: number; workerBytes: number };
}

type InputKind = 'key' | 'view' | 'tab-away' | 'tab-back';
interface ProbeResult {
  ok: boolean;
  /** event timeStamp → our capture-phase listener ran (time queued behind other tasks), ms. */
  delay?: number;
  /** event → the animation frame whose DOM shows the change, ms. */
  frame?: number;
  /** event → the first task after that frame (its style, layout and paint done), ms. */
  after?: number;
  error?: string;
}
interface Sample extends ProbeResult {
  kind: InputKind;
}

interface ArmSpec {
  types: ('keydown' | 'click')[];
  focus?: string;
  target?: string;
  test:
    { kind: 'append'; selector: string; text: string } | { kind: 'present'; selectors: string[] };
}

const ACTIVE = '.tab-view:not([hidden])';
const FIND = `${ACTIVE} input[aria-label="Find in terminal"]`;
const VIEW_TABS = ['calls', 'errors', 'threads', 'recent'] as const;
const VIEW_CONTENT: Record<(typeof VIEW_TABS)[number], string> = {
  calls: 'table[aria-label="Calls per syscall"]',
  errors: 'table[aria-label="Errors by errno and path"]',
  threads: 'table[aria-label="Threads"]',
  recent: 'ol.recent-events',
};
const KEYS = 'futexreadwrite';

/** One tab of the app: its terminal id and its position in the tab bar (1-based). */
interface AppTab {
  terminalId: string;
  index: number;
}

/** Drives the measured inputs in one page; keeps its position in the input cycle between phases. */
class Inputs {
  private step = 0;
  private keyIndex = 0;

  constructor(private readonly page: Page) {}

  private async probe(
    kind: InputKind,
    spec: ArmSpec,
    act: (point: Point | null) => Promise<void>,
  ): Promise<Sample> {
    const armed = (await this.page.evaluate(`window.__sfb.arm(${JSON.stringify(spec)})`)) as {
      error?: string;
      point: Point | null;
    };
    if (armed.error) return { kind, ok: false, error: armed.error };
    await act(armed.point);
    const result = (await this.page.evaluate('window.__sfb.result(20000)')) as ProbeResult;
    return { kind, ...result };
  }

  private async key(): Promise<Sample> {
    // Keep the Find box short: clear it (not measured) every 8 characters.
    const length = await this.page.evaluate(
      `(document.querySelector(${JSON.stringify(FIND)})?.value ?? '').length`,
    );
    if (typeof length === 'number' && length >= 8) {
      await this.page.focus(FIND);
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.press('Backspace');
    }
    const text = KEYS[this.keyIndex++ % KEYS.length] ?? 'x';
    return this.probe(
      'key',
      { types: ['keydown'], focus: FIND, test: { kind: 'append', selector: FIND, text } },
      () => this.page.keyboard.type(text),
    );
  }

  private async view(): Promise<Sample> {
    // Each strace view keeps its own tab: click the one after the selected one.
    const selected = await this.page.evaluate(
      `[...document.querySelectorAll(${JSON.stringify(`${ACTIVE} .strace-view .view-tabs button`)})]` +
        `.findIndex((b) => b.getAttribute('aria-selected') === 'true')`,
    );
    const viewIndex = ((typeof selected === 'number' ? selected : -1) + 1) % VIEW_TABS.length;
    const name = VIEW_TABS[viewIndex] ?? 'calls';
    const button = `${ACTIVE} .strace-view .view-tabs button:nth-of-type(${viewIndex + 1})`;
    return this.probe(
      'view',
      {
        types: ['click'],
        target: button,
        test: {
          kind: 'present',
          selectors: [`${button}[aria-selected="true"]`, `${ACTIVE} ${VIEW_CONTENT[name]}`],
        },
      },
      (point) => this.click(point),
    );
  }

  private async tab(kind: 'tab-away' | 'tab-back', to: AppTab): Promise<Sample> {
    const button = `.tabbar .tabs > .tab:nth-child(${to.index}) button[role="tab"]`;
    return this.probe(
      kind,
      {
        types: ['click'],
        target: button,
        test: { kind: 'present', selectors: [`${ACTIVE} [data-terminal-id="${to.terminalId}"]`] },
      },
      (point) => this.click(point),
    );
  }

  private async click(point: Point | null): Promise<void> {
    if (point) await this.page.mouse.click(point.x, point.y);
  }

  /** The next measured input of the cycle: key, key, view tab, key, key, away to `other`, back. */
  async next(flood: AppTab, other: AppTab): Promise<Sample[]> {
    const which = this.step++ % 6;
    if (which === 2) return [await this.view()];
    if (which === 5) return [await this.tab('tab-away', other), await this.tab('tab-back', flood)];
    return [await this.key()];
  }
}

interface Point {
  x: number;
  y: number;
}

/** The parse worker's DevTools session, reached through the page's Target auto-attach. */
class WorkerSession {
  private sessionId: string | undefined;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    (reply: { result?: unknown; error?: unknown }) => void
  >();
  title = '';

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(cdp: CDPSession): Promise<WorkerSession> {
    const session = new WorkerSession(cdp);
    cdp.on('Target.attachedToTarget', (event) => {
      const info = event.targetInfo;
      if (info.type === 'worker' && /parse/.test(`${info.title} ${info.url}`)) {
        session.sessionId = event.sessionId;
        session.title = info.title || info.url;
      }
    });
    cdp.on('Target.detachedFromTarget', (event) => {
      if (event.sessionId === session.sessionId) session.sessionId = undefined;
    });
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      if (reply.id === undefined) return;
      session.waiting.get(reply.id)?.(reply);
      session.waiting.delete(reply.id);
    });
    // Not flattened: Playwright's CDPSession cannot address child sessions, this way it can.
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    return session;
  }

  get attached(): boolean {
    return this.sessionId !== undefined;
  }

  async send<T>(method: string, params: object = {}): Promise<T> {
    const sessionId = this.sessionId;
    if (!sessionId) throw new Error('the parse worker is not attached');
    const id = this.nextId++;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((resolve, reject) => {
      this.waiting.set(id, resolve);
      setTimeout(() => {
        if (this.waiting.delete(id)) reject(new Error(`${method}: no reply from the worker`));
      }, 10_000);
    });
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const { result, error } = await reply;
    if (error) throw new Error(`${method}: ${JSON.stringify(error)}`);
    return result as T;
  }
}

/** One memory sample of the page. */
/** The flood terminal's Node-side byte counters. */
interface Bytes {
  sent: number;
  unacked: number;
}

interface MemorySample {
  t: number;
  pageHeap: number;
  workerHeap: number;
  /** Elements in the document. */
  elements: number;
  /** DOM nodes alive in the renderer, detached ones not yet collected included (CDP `Nodes`). */
  nodes: number;
  /** The strace view's call count (what the user sees), NaN when not shown. */
  calls: number;
  /** Bytes the Node side has sent to the page for the flood terminal. */
  sent: number;
  /** Of which not yet acknowledged by the page (flow control pauses the source at the window). */
  unacked: number;
  /** This process's RSS (the Node side lives in it). */
  rss: number;
}

class Probe {
  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
    readonly worker: WorkerSession,
  ) {}

  static async open(page: Page): Promise<Probe> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const worker = await WorkerSession.attach(cdp);
    return new Probe(page, cdp, worker);
  }

  pageNow(): Promise<number> {
    return this.page.evaluate('performance.now()') as Promise<number>;
  }

  io(): Promise<MainThreadWindow['io']> {
    return this.page.evaluate('({ ...window.__sfb.io })') as Promise<MainThreadWindow['io']>;
  }

  mainThread(t0: number, t1: number, skip: [number, number][]): Promise<MainThreadWindow> {
    return this.page.evaluate(
      `window.__sfb.window(${t0}, ${t1}, ${JSON.stringify(skip)})`,
    ) as Promise<MainThreadWindow>;
  }

  /** The strace view's "N calls" in the tab of `terminalId`. */
  async calls(terminalId: string): Promise<number> {
    const text = await this.page.evaluate(
      `document.querySelector('[data-terminal-id="${terminalId}"]')?.closest('.tab-view')` +
        `?.querySelector('.strace-view .facts span')?.textContent ?? ''`,
    );
    const match = /^([\d,]+) calls/.exec(String(text));
    return match?.[1] ? Number(match[1].replaceAll(',', '')) : Number.NaN;
  }

  async memory(terminalId: string, bytes: () => Bytes): Promise<MemorySample> {
    const [heap, metrics, elements, workerHeap, calls] = await Promise.all([
      this.cdp.send('Runtime.getHeapUsage'),
      this.cdp.send('Performance.getMetrics'),
      this.page.evaluate('document.getElementsByTagName("*").length') as Promise<number>,
      this.worker.attached
        ? this.worker.send<{ usedSize: number }>('Runtime.getHeapUsage').then((r) => r.usedSize)
        : Promise.resolve(Number.NaN),
      this.calls(terminalId),
    ]);
    return {
      t: now(),
      pageHeap: heap.usedSize,
      workerHeap,
      elements,
      nodes: metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? Number.NaN,
      calls,
      ...bytes(),
      rss: process.memoryUsage().rss,
    };
  }

  /** CPU profiles of the page's main thread and of the parse worker (BENCH_STRACE_PROFILE=1). */
  async startProfiles(): Promise<void> {
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await this.cdp.send('Profiler.start');
    if (this.worker.attached) {
      await this.worker.send('Profiler.enable');
      await this.worker.send('Profiler.setSamplingInterval', { interval: 500 });
      await this.worker.send('Profiler.start');
    }
  }

  async stopProfiles(phase: string): Promise<string[]> {
    const { profile } = await this.cdp.send('Profiler.stop');
    // For DevTools (Performance → load profile) or a script: the whole profile, callers included.
    const keep = process.env.BENCH_STRACE_PROFILE_OUT;
    if (keep) writeFileSync(keep, JSON.stringify(profile));
    const lines = topSelf(`CPU profile of the page main thread during ${phase}`, profile);
    if (this.worker.attached) {
      const worker = await this.worker.send<{ profile: CpuProfile }>('Profiler.stop');
      lines.push(...topSelf(`CPU profile of the parse worker during ${phase}`, worker.profile));
    }
    return lines;
  }

  /** Page-time ranges of the forced GCs, left out of the long-task and frame figures. */
  readonly gcRanges: [number, number][] = [];

  /** Full GC in the page and the worker, then their heaps. */
  async collected(): Promise<Heaps> {
    const t0 = await this.pageNow();
    await this.cdp.send('HeapProfiler.collectGarbage');
    this.gcRanges.push([t0, await this.pageNow()]);
    let workerHeap = Number.NaN;
    if (this.worker.attached) {
      await this.worker.send('HeapProfiler.collectGarbage');
      workerHeap = (await this.worker.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    }
    const pageHeap = (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? Number.NaN;
    return { pageHeap, workerHeap, nodes };
  }
}

/** Samples memory every second in the background while a phase runs. */
class MemoryTrace {
  readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly probe: Probe,
    private readonly terminalId: string,
    private readonly bytes: () => Bytes,
  ) {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), 1000);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      this.samples.push(await this.probe.memory(this.terminalId, this.bytes));
    } catch {
      // A lost sample (the page busy past a timeout) is not worth failing for.
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<MemorySample[]> {
    clearInterval(this.timer);
    while (this.busy) await sleep(20);
    await this.sample();
    return this.samples;
  }
}

// ------------------------------------------------------------------------------- statistics

const quantile = (values: number[], q: number): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? NaN;
};
const median = (values: number[]): number => quantile(values, 0.5);
const maxOf = (values: number[]): number => quantile(values, 1);
const minOf = (values: number[]): number => quantile(values, 0);
const ms = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '-';
const int = (value: number): string =>
  Number.isFinite(value) ? bytesExact(Math.round(value)) : '-';
const mbOrDash = (bytes: number): string => (Number.isFinite(bytes) ? `${mb(bytes)} MB` : '-');

/** Least-squares slope of `value` over time (per minute), over the samples given. */
function slopePerMinute(samples: MemorySample[], value: (s: MemorySample) => number): number {
  const points = samples
    .map((s) => [s.t / 60_000, value(s)] as const)
    .filter(([, v]) => Number.isFinite(v));
  if (points.length < 3) return Number.NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

// ------------------------------------------------------------------------------- the phases

interface PhaseResult {
  samples: Sample[];
  /** The flood terminal's unacknowledged bytes, every 100 ms. */
  unacked: number[];
  window: MainThreadWindow;
  memory: MemorySample[];
  cpu: CpuReport | undefined;
  seconds: number;
}

/**
 * Measured inputs on `flood` until `until()` says stop; memory sampled every second meanwhile.
 * `midway` runs once, half-way through `halfMs`.
 */
async function runPhase(
  probe: Probe,
  inputs: Inputs,
  tabs: { flood: AppTab; other: AppTab },
  bytes: () => Bytes,
  until: (samples: number) => boolean,
  midway?: { afterMs: number; run: () => Promise<void> },
): Promise<PhaseResult> {
  const memory = new MemoryTrace(probe, tabs.flood.terminalId, bytes);
  const cpu = cpuMeter(CORES);
  const started = now();
  const t0 = await probe.pageNow();
  const io0 = await probe.io();
  const unacked: number[] = [];
  const unackedTimer = setInterval(() => unacked.push(bytes().unacked), 100);
  const samples: Sample[] = [];
  const gaps = [60, 170, 110, 230, 90, 140];
  let midwayDone = !midway;
  while (!until(samples.length)) {
    if (midway && !midwayDone && now() - started >= midway.afterMs) {
      midwayDone = true;
      await midway.run();
    }
    samples.push(...(await inputs.next(tabs.flood, tabs.other)));
    await sleep(gaps[samples.length % gaps.length] ?? 100);
  }
  clearInterval(unackedTimer);
  const t1 = await probe.pageNow();
  const seconds = (now() - started) / 1000;
  const cpuReport = cpu.stop();
  const window = await probe.mainThread(t0, t1, probe.gcRanges);
  window.io = {
    wsMessages: window.io.wsMessages - io0.wsMessages,
    wsBytes: window.io.wsBytes - io0.wsBytes,
    workerPosts: window.io.workerPosts - io0.workerPosts,
    workerBytes: window.io.workerBytes - io0.workerBytes,
  };
  return {
    samples,
    unacked,
    window,
    memory: await memory.stop(),
    cpu: cpuReport,
    seconds,
  };
}

/** Waits until the view's count has not moved for `quietMs` (max `timeoutMs`); the time it took. */
async function drained(
  probe: Probe,
  terminalId: string,
  quietMs = 1200,
  timeoutMs = 30_000,
): Promise<{ seconds: number; calls: number }> {
  const started = now();
  let last = await probe.calls(terminalId);
  let changedAt = now();
  while (now() - changedAt < quietMs && now() - started < timeoutMs) {
    await sleep(200);
    const calls = await probe.calls(terminalId);
    if (calls !== last) {
      last = calls;
      changedAt = now();
    }
  }
  return { seconds: (changedAt - started) / 1000, calls: last };
}

const readCount = (path: string): number => {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return Number.NaN;
  }
};

async function waitFor<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** The visible terminal's rows (DOM renderer), to wait for a shell's output. */
async function screenHas(page: Page, text: string): Promise<boolean> {
  return (await page.evaluate(
    `document.querySelector('${ACTIVE} .xterm-rows')?.textContent?.includes(${JSON.stringify(text)}) ?? false`,
  )) as boolean;
}

/** A flood source: started by SIGUSR1, paused by SIGUSR2, then it writes its line count. */
interface Source {
  pid: number;
  countFile: string;
  /** Finished calls per printed line (joined unfinished/resumed pairs count once). */
  callsPerLine: number;
}

interface PathReport {
  idle: PhaseResult;
  flood: PhaseResult;
  /** Heaps after a forced full GC: before the idle phase, half-way through the flood, drained. */
  gc: { before: Heaps; mid: Heaps; after: Heaps };
  /** Lines the source printed during the flood (its own count). */
  printed: number;
  callsPerLine: number;
  /** Calls the view counted during the flood, once drained. */
  viewCalls: number;
  drainSeconds: number;
  rate: number;
  profile: string[];
}

interface Heaps {
  pageHeap: number;
  workerHeap: number;
  /** DOM nodes alive (CDP `Nodes`) after the GC. */
  nodes: number;
}

/**
 * One path: a short burst first (so that the idle view shows the same tables as during the
 * flood), the idle inputs, then the flood with the same inputs, then the drain.
 */
async function measurePath(
  probe: Probe,
  inputs: Inputs,
  tabs: { flood: AppTab; other: AppTab },
  bytes: () => Bytes,
  source: Source,
  options: {
    floodSeconds: number;
    idleSamples: number;
    profile: 'flood' | 'idle' | null;
    name: string;
  },
): Promise<PathReport> {
  const terminalId = tabs.flood.terminalId;
  process.kill(source.pid, 'SIGUSR1');
  await sleep(1500);
  process.kill(source.pid, 'SIGUSR2');
  await drained(probe, terminalId);
  const before = await probe.collected();
  log(`${options.name}: idle inputs`);
  if (options.profile === 'idle') await probe.startProfiles();
  const idle = await runPhase(probe, inputs, tabs, bytes, (n) => n >= options.idleSamples);
  const idleProfile = options.profile === 'idle' ? await probe.stopProfiles('idle inputs') : [];
  const countBefore = readCount(source.countFile);
  const callsBefore = await probe.calls(terminalId);
  if (options.profile === 'flood') await probe.startProfiles();
  log(`${options.name}: flood`);
  process.kill(source.pid, 'SIGUSR1');
  const started = now();
  let mid: Heaps = { pageHeap: Number.NaN, workerHeap: Number.NaN, nodes: Number.NaN };
  const flood = await runPhase(
    probe,
    inputs,
    tabs,
    bytes,
    () => now() - started >= options.floodSeconds * 1000,
    {
      afterMs: (options.floodSeconds * 1000) / 2,
      run: async () => {
        mid = await probe.collected();
      },
    },
  );
  process.kill(source.pid, 'SIGUSR2');
  const floodTime = (now() - started) / 1000;
  const profile = options.profile === 'flood' ? await probe.stopProfiles('the flood') : idleProfile;
  const drain = await drained(probe, terminalId);
  const countAfter = await waitFor(
    'the source to pause',
    () => {
      const count = readCount(source.countFile);
      return count !== countBefore ? count : undefined;
    },
    15_000,
  );
  const printed = countAfter - countBefore;
  return {
    idle,
    flood,
    gc: { before, mid, after: await probe.collected() },
    printed,
    callsPerLine: source.callsPerLine,
    viewCalls: drain.calls - callsBefore,
    drainSeconds: drain.seconds,
    rate: printed / floodTime,
    profile,
  };
}

// ------------------------------------------------------------------------------- the report

const pctOf = (part: number, whole: number): string =>
  whole > 0 ? `${((part / whole) * 100).toFixed(0)} %` : '-';

function latencyRows(idle: Sample[], flood: Sample[]): string[][] {
  const kinds: [string, (s: Sample) => boolean][] = [
    ['all inputs', () => true],
    ['key in the Find box', (s) => s.kind === 'key'],
    ['click: strace view tab', (s) => s.kind === 'view'],
    ['click: to the other app tab', (s) => s.kind === 'tab-away'],
    ['click: back to the flood tab', (s) => s.kind === 'tab-back'],
  ];
  return kinds.map(([name, pick]) => {
    const i = idle.filter((s) => pick(s) && s.ok);
    const f = flood.filter((s) => pick(s) && s.ok);
    const lost = flood.filter((s) => pick(s) && !s.ok).length;
    const frame = (list: Sample[]) => list.map((s) => s.frame ?? NaN);
    const delay = f.map((s) => s.delay ?? NaN);
    return [
      name,
      `${i.length}/${f.length}${lost ? ` (+${lost} lost)` : ''}`,
      ms(median(frame(i))),
      ms(quantile(frame(i), 0.95)),
      ms(median(frame(f))),
      ms(quantile(frame(f), 0.95)),
      ms(maxOf(frame(f))),
      ratio(median(frame(f)), median(frame(i))),
      ratio(quantile(frame(f), 0.95), quantile(frame(i), 0.95)),
      `${ms(median(delay))} / ${ms(quantile(delay, 0.95))}`,
      ms(median(f.map((s) => s.after ?? NaN))),
      pctOf(f.filter((s) => (s.frame ?? Infinity) <= 100).length, f.length + lost),
    ];
  });
}

function mainThreadLines(label: string, w: MainThreadWindow): string[] {
  const seconds = w.ms / 1000;
  const lines = [
    `${label}: ${(w.frames / seconds).toFixed(0)} frames/s (longest gap ${ms(w.longestGap)}); ` +
      `${w.longTasks} long tasks (>50 ms), ${ms(w.longTaskMs)} = ${pctOf(w.longTaskMs, w.ms)} of the time ` +
      `(${(w.longTasks / seconds).toFixed(1)}/s, longest ${ms(w.longestTask)})`,
  ];
  if (w.loafSupported) {
    lines.push(
      `${' '.repeat(label.length)}  ${w.loafs} long animation frames (>50 ms), ${ms(w.loafMs)}, ` +
        `blocking ${ms(w.loafBlockingMs)}, rendering (style, layout, paint) ${ms(w.loafRenderMs)}` +
        (w.loafScripts.length ? '; script time in them:' : ''),
      ...w.loafScripts.map(
        (x) =>
          `${' '.repeat(label.length)}    ${ms(x.duration).padStart(8)} in ${x.count}  ${x.key}`,
      ),
    );
  }
  return lines;
}

function memoryRows(report: PathReport): string[][] {
  const m = report.flood.memory;
  const idle = report.idle.memory;
  const first = m[0];
  const last = m[m.length - 1];
  const second = m.filter((s) => s.t >= (first?.t ?? 0) + (report.flood.seconds * 1000) / 2);
  const row = (
    name: string,
    get: (s: MemorySample) => number,
    fmt: (n: number) => string,
    slope: (n: number) => string,
    gc?: (h: Heaps) => number,
  ): string[] => [
    name,
    fmt(maxOf(idle.map(get))),
    first ? fmt(get(first)) : '-',
    fmt(maxOf(m.map(get))),
    last ? fmt(get(last)) : '-',
    slope(slopePerMinute(second, get)),
    gc ? [report.gc.before, report.gc.mid, report.gc.after].map((h) => fmt(gc(h))).join(' → ') : '',
  ];
  const mbMin = (n: number) => (Number.isFinite(n) ? `${(n / 1e6).toFixed(2)} MB/min` : '-');
  const perMin = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)}/min` : '-');
  return [
    row(
      'page JS heap',
      (s) => s.pageHeap,
      mbOrDash,
      mbMin,
      (h) => h.pageHeap,
    ),
    row(
      'parse worker JS heap',
      (s) => s.workerHeap,
      mbOrDash,
      mbMin,
      (h) => h.workerHeap,
    ),
    row('elements in the document', (s) => s.elements, int, perMin),
    row(
      'DOM nodes alive (CDP Nodes)',
      (s) => s.nodes,
      int,
      perMin,
      (h) => h.nodes,
    ),
    row('Node side RSS (this process)', (s) => s.rss, mbOrDash, mbMin),
  ];
}

function describePath(report: PathReport, lines: string[]): void {
  const f = report.flood;
  const perSecond: number[] = [];
  for (let i = 1; i < f.memory.length; i++) {
    const a = f.memory[i - 1];
    const b = f.memory[i];
    if (a && b && Number.isFinite(a.calls) && Number.isFinite(b.calls)) {
      perSecond.push((b.calls - a.calls) / ((b.t - a.t) / 1000));
    }
  }
  const inner = perSecond.slice(1, -1);
  const sent = (f.memory[f.memory.length - 1]?.sent ?? 0) - (f.memory[0]?.sent ?? 0);
  const expected = report.printed * report.callsPerLine;
  const unacked = f.unacked.filter(Number.isFinite);
  const behind = unacked.filter((u) => u >= FlowControl.HIGH_WATERMARK_BYTES / 2).length;
  const io = f.window.io;
  const seconds = f.window.ms / 1000;
  lines.push(
    `rate: ${int(report.printed)} lines printed in ${f.seconds.toFixed(1)} s = ${int(report.rate)} lines/s ` +
      `(the source's own count); the view counted ${int(report.viewCalls)} calls, ` +
      `${pctOf(report.viewCalls, expected)} of the ${int(expected)} in those lines ` +
      `(${report.callsPerLine.toFixed(3)} per line); in the view per second: min ${int(minOf(inner))}, ` +
      `median ${int(median(inner))}, max ${int(maxOf(inner))} calls; ` +
      `it settled ${report.drainSeconds.toFixed(1)} s after the flood stopped`,
    `the Node side sent ${mb(sent)} MB to the page for this terminal (${mb(sent / f.seconds)} MB/s); ` +
      `flow control: unacknowledged bytes median ${int(median(unacked) / 1024)} KiB, at least half the ` +
      `${FlowControl.HIGH_WATERMARK_BYTES / 1024} KiB window in ${pctOf(behind, unacked.length)} of ` +
      `${unacked.length} samples (often = the page is what limits the rate)`,
    `the page received ${int(io.wsMessages)} binary WebSocket messages (${int(io.wsMessages / seconds)}/s, ` +
      `${int(io.wsBytes / Math.max(1, io.wsMessages))} bytes each on average) and posted ` +
      `${int(io.workerPosts)} byte chunks to the parse worker (${int(io.workerPosts / seconds)}/s, ` +
      `${int(io.workerBytes / Math.max(1, io.workerPosts))} bytes each)`,
    '',
    ...table(
      [
        'input → frame showing it',
        'n idle/flood',
        'idle med',
        'idle p95',
        'flood med',
        'flood p95',
        'flood max',
        'med ratio',
        'p95 ratio',
        'flood input delay med/p95',
        'flood → after frame med',
        'flood ≤ 100 ms',
      ],
      latencyRows(report.idle.samples, f.samples),
    ),
    '',
    ...mainThreadLines('idle ', report.idle.window),
    ...mainThreadLines('flood', f.window),
    '',
    ...table(
      [
        'memory, sampled every second',
        'idle peak',
        'flood start',
        'flood peak',
        'flood end',
        'slope, 2nd half',
        'after full GC: before → mid-flood → drained',
      ],
      memoryRows(report),
    ),
    '',
    `idle:  ${describeCpu(report.idle.cpu)}`,
    `flood: ${describeCpu(f.cpu)}`,
  );
  if (report.profile.length) lines.push('', ...report.profile);
  const errors = [...report.idle.samples, ...f.samples].filter((s) => s.error);
  if (errors.length) {
    lines.push(
      `inputs not measured: ${errors.length} (${[...new Set(errors.map((s) => s.error))].slice(0, 3).join('; ')})`,
    );
  }
}

// ------------------------------------------------------------------------------- the bench

/** Finished calls per line of the recording, as our parser counts them, looped as replayed. */
function recordingCallsPerLine(): number {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean);
  const body = `${lines.slice(1).join('\n')}\n`;
  const model = parseStraceText(body.repeat(10));
  return model.calls / ((lines.length - 1) * 10);
}

export async function benchStraceFlood(): Promise<BenchResult> {
  const benchStarted = now();
  const rate = num('BENCH_STRACE_RATE', 20_000);
  const floodSeconds = num('BENCH_STRACE_SECONDS', 40);
  const idleSamples = Math.round(num('BENCH_STRACE_IDLE_SAMPLES', 35));
  const replayMode = process.env.BENCH_STRACE_REPLAY ?? 'auto';
  // `1` (or `flood`): profiles of the flood; `idle`: of the idle inputs before it.
  const profileWanted = process.env.BENCH_STRACE_PROFILE;
  const profile =
    profileWanted === 'idle'
      ? 'idle'
      : profileWanted === '1' || profileWanted === 'flood'
        ? 'flood'
        : null;
  const lines: string[] = [];
  const built = await ensureRendererBuilt();
  lines.push(built);
  log(built);

  const scratch = mkdtempSync(join(tmpdir(), 'wb-strace-flood-'));
  const dataDir = join(scratch, 'data');
  let lab: LabSshd | undefined;
  let target: LabProcess | undefined;
  let workbench: Workbench | undefined;
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const awake = holdCpusAwake();
  lines.push(awake.note);
  log(awake.note);
  const split = splitCores();
  if (split) {
    lines.push(split.note);
    log(split.note);
  }
  try {
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing');
    lab = await startLabSshd();
    split?.toLab(split.sshdPid(lab.dir));
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'known_hosts'), `${lab.knownHostsLine()}\n`);
    const wb = createWorkbench({ dataDir, trustedKnownHosts: [] });
    workbench = wb;
    await wb.handlers['hosts.save']({
      label: HOST_LABEL,
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.ed25519,
    });
    server = await startWebServer({ workbench: wb, staticDir: rendererDir });
    const bytesOf = (terminalId: string) => (): Bytes => {
      const session = wb.terminals.get(terminalId);
      return {
        sent: session?.totalSentBytes ?? Number.NaN,
        unacked: session?.unackedBytes ?? Number.NaN,
      };
    };
    const targetCount = join(scratch, 'target.count');
    target = spawnLab(LAB_PYTHON, ['-c', TARGET_PY, String(rate), targetCount]);
    split?.toLab(target.pid);
    const theTarget = target;
    await waitFor('the traced program', () => (existsSync(targetCount) ? true : undefined), 10_000);

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript({ content: INSTRUMENT });
    const probe = await Probe.open(page);
    await page.goto(server.url);
    await page
      .getByRole('listitem', { name: `Host ${HOST_LABEL}` })
      .getByRole('button', { name: 'Connect' })
      .click();
    const shellHost = page.locator(`${ACTIVE} [data-terminal-id][data-renderer]`).first();
    await shellHost.waitFor({ timeout: 30_000 });
    const shell: AppTab = {
      terminalId: (await shellHost.getAttribute('data-terminal-id')) ?? '',
      index: 1,
    };
    const renderer = (await shellHost.getAttribute('data-renderer')) ?? '?';
    await page.locator(`${ACTIVE} .xterm`).first().click();
    await page.keyboard.type('echo "READY""-1"\n');
    await waitFor(
      'the shell',
      async () => ((await screenHas(page, 'READY-1')) ? true : undefined),
      90_000,
    );
    lines.push(
      `Chromium ${browser.version()} headless ${VIEWPORT.width}x${VIEWPORT.height}, xterm.js renderer "${renderer}"; ` +
        `lab sshd on 127.0.0.1; paced at ${int(rate)} lines/s, ${floodSeconds} s per flood`,
    );
    log('connected');

    // ------------------------------------------------------------- A0: strace → /dev/null
    // The capture's strace (the dialog shows its command), its trace to /dev/null, over the same
    // connection, before the capture attaches: a process has one tracer at a time.
    const straceParams = CaptureParams.parse({ recipe: 'strace', pid: theTarget.pid });
    if (straceParams.recipe !== 'strace') throw new Error('the strace params did not parse');
    const command = captureCommand(straceParams);
    const traced = { pid: theTarget.pid, countFile: targetCount };
    const devNullCommand = straceCommand(straceParams, '/dev/null');
    log(`baseline: ${devNullCommand}`);
    const devNull = await straceToDevNull(wb, devNullCommand, traced, floodSeconds, CORES);
    const knownHostsFile = join(scratch, 'known_hosts.openssh');
    writeFileSync(knownHostsFile, `${lab.knownHostsLine()}\n`);
    // A1 (the capture's command) and A2 (strace straight into the PTY) through OpenSSH.
    const sshd = lab;
    const overSsh = (remote: string) => {
      log(`baseline: ssh -tt … '${remote}' > /dev/null`);
      return straceOverOpenSsh(sshd, knownHostsFile, remote, traced, floodSeconds, CORES);
    };
    const overOpenSsh = await overSsh(command);
    const unbatchedCommand = straceCommand(straceParams, null);
    const unbatched = await overSsh(unbatchedCommand);

    // ------------------------------------------------------------- A: the real capture
    await page.getByRole('button', { name: 'New capture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New capture' });
    await dialog.getByLabel('Capture').selectOption({ label: 'Syscalls live (strace)' });
    await dialog.getByLabel('PID').fill(String(theTarget.pid));
    await waitFor(
      'preflight',
      async () =>
        (await dialog.getByLabel('Preflight').textContent())?.includes('✓') ? true : undefined,
      30_000,
    );
    const shownCommand = (await dialog.getByLabel('Command').textContent())?.trim() ?? '';
    if (shownCommand !== command) {
      throw new Error(`the capture runs \`${shownCommand}\`, the baseline ran \`${command}\``);
    }
    await dialog.getByRole('button', { name: 'Start capture' }).click();
    await page.locator(`${ACTIVE} .strace-view`).waitFor({ timeout: 30_000 });
    const capture: AppTab = {
      terminalId:
        (await page
          .locator(`${ACTIVE} [data-terminal-id]`)
          .first()
          .getAttribute('data-terminal-id')) ?? '',
      index: 2,
    };
    await page.locator(`${ACTIVE} .xterm`).first().click();
    await page.keyboard.press('Control+Shift+F');
    await page.locator(FIND).waitFor();
    log(`capture running: ${command}`);
    const inputs = new Inputs(page);
    const a = await measurePath(
      probe,
      inputs,
      { flood: capture, other: shell },
      bytesOf(capture.terminalId),
      { pid: theTarget.pid, countFile: targetCount, callsPerLine: 1 },
      { floodSeconds, idleSamples, profile, name: 'A' },
    );
    lines.push(
      '',
      `A. real strace: the "Syscalls live (strace)" capture, \`${command}\`, tracing a Python loop paced at ` +
        `${int(rate)} syscalls/s (getppid, read /dev/zero, write /dev/null, stat → ENOENT; one strace line each)`,
    );
    describePath(a, lines);
    lines.push(
      `baseline A0: the capture's strace writing its trace to /dev/null on the remote side, over the same connection ` +
        `(\`${devNull.command}\`, run just before the capture): ${int(devNull.printed)} lines in ` +
        `${devNull.seconds.toFixed(1)} s = ${int(devNull.rate)} lines/s; ${describeCpu(devNull.cpu)}`,
      `baseline A1: the capture's command through OpenSSH \`ssh -tt\` to the same sshd, the client's output to /dev/null ` +
        `(a PTY and sshd, no app): ${int(overOpenSsh.printed)} lines in ${overOpenSsh.seconds.toFixed(1)} s = ` +
        `${int(overOpenSsh.rate)} lines/s = ${ratio(overOpenSsh.rate, devNull.rate)} A0; ${describeCpu(overOpenSsh.cpu)}`,
      `baseline A2: strace printing straight into the PTY, no relay (\`${unbatchedCommand}\`), through \`ssh -tt\` as A1: ` +
        `${int(unbatched.printed)} lines in ${unbatched.seconds.toFixed(1)} s = ` +
        `${int(unbatched.rate)} lines/s = ${ratio(unbatched.rate, devNull.rate)} A0; ${describeCpu(unbatched.cpu)}`,
      `strace printing into the app: ${int(a.rate)} lines/s = ${ratio(a.rate, devNull.rate)} the rate to /dev/null (A0), ` +
        `${ratio(a.rate, overOpenSsh.rate)} the rate through ssh -tt (A1)`,
    );

    // ------------------------------------------------------------- B: a recorded trace, replayed
    const replay = replayMode === 'always' || (replayMode === 'auto' && a.rate < rate * 0.9);
    if (!replay) {
      lines.push(
        '',
        `B. replay: not run (BENCH_STRACE_REPLAY=${replayMode}; A reached ${int(a.rate)} lines/s)`,
      );
    } else {
      const dir = join(scratch, 'replay');
      mkdirSync(dir);
      const script = join(dir, 'strace');
      writeFileSync(script, REPLAY_PY);
      chmodSync(script, 0o755);
      const pidFile = join(dir, 'pid');
      const countFile = join(dir, 'count');
      writeFileSync(
        join(dir, 'replay.json'),
        JSON.stringify({ fixture: FIXTURE, rate, pidFile, countFile }),
      );
      await page
        .locator(`.tabbar .tabs > .tab:nth-child(${shell.index}) button[role="tab"]`)
        .click();
      await page.locator(`${ACTIVE} .xterm`).first().click();
      await page.keyboard.type(`${script} -f -tt -T -s 64 -p 10893\n`);
      const replayPid = await waitFor(
        'the replay',
        () => (existsSync(countFile) ? readCount(pidFile) : undefined),
        30_000,
      );
      await page.locator(`${ACTIVE} .strace-view`).waitFor({ timeout: 30_000 });
      await page.locator(`${ACTIVE} .xterm`).first().click();
      await page.keyboard.press('Control+Shift+F');
      await page.locator(FIND).waitFor();
      try {
        const b = await measurePath(
          probe,
          inputs,
          { flood: shell, other: capture },
          bytesOf(shell.terminalId),
          { pid: replayPid, countFile, callsPerLine: recordingCallsPerLine() },
          { floodSeconds, idleSamples, profile, name: 'B' },
        );
        lines.push(
          '',
          `B. replay: test/fixtures/strace/${FIXTURE.split('/').pop()} (real strace 6.1 -f -tt -T -s 64 ` +
            `output, 5 threads, unfinished/resumed pairs, errors) written in a loop at ${int(rate)} lines/s ` +
            `by a script named strace typed in the shell tab (\`…/strace -f -tt -T -s 64 -p 10893\`, ` +
            `recognised by the app), time of day rewritten to the clock` +
            (replayMode === 'auto' ? `; run because A reached ${int(a.rate)} lines/s` : ''),
        );
        describePath(b, lines);
      } finally {
        try {
          process.kill(replayPid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
    }
    lines.push(
      '',
      "latency = the input event's timeStamp → the requestAnimationFrame callback of the first frame whose " +
        'DOM shows the change (that frame paints it); "after frame" = → the first task after that frame; ' +
        'input delay = → our capture-phase listener (how long the input waited behind other tasks). ' +
        "Inputs, in a cycle with 60-230 ms pauses: a key typed in the terminal's Find box (Ctrl+Shift+F), " +
        'a click on the next strace view tab (calls, errors, threads, recent), a click on the other app tab ' +
        'and back. Idle = the same tab and inputs, the source paused, just before the flood (a 1.5 s burst ' +
        'first fills the view). The forced full GCs are left out of the long-task and frame figures.',
    );
    if (pageErrors.length) lines.push(`page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    if (!probe.worker.title) lines.push('NOTE: the parse worker was never attached');
  } catch (err) {
    lines.push(`FAILED: ${errorText(err)}`);
    throw new BenchError(errorText(err), lines);
  } finally {
    awake.release();
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await workbench?.dispose();
    await target?.stop().catch(() => undefined);
    await lab?.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
    lines.push(`strace flood benchmark took ${((now() - benchStarted) / 1000).toFixed(1)} s`);
  }
  return { name: 'strace flood: UI responsiveness and memory, live capture over SSH', lines };
}
