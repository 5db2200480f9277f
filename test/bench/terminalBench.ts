/**
 * Terminal throughput: a flood of base64 text (`head -c 200MiB /dev/urandom | base64`, ~283 MB)
 * from a real OpenSSH sshd (the lab's), through the workbench, beside baselines measured in the
 * same run. See test/bench/README.md for how to read it. Called from test/bench/run.ts; standalone:
 *   npx tsx -e "import('./test/bench/terminalBench.ts').then(async m=>console.log(await m.benchTerminal()))"
 * (the browser step needs a built renderer in out/renderer: `npx electron-vite build`).
 *
 * Environment knobs (all optional): BENCH_FLOOD_MIB (default 200), BENCH_BROWSER_MIB (default 100:
 * xterm.js is the slow part), BENCH_TERMINAL_STEPS=source,pty,ssh,node,browser,xterm (default all).
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from '../lab/chromium';
import { type Browser, type Page } from '@playwright/test';
import { FlowControl } from '../../shared/contract/index';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { cpuMeter, cpuMsPerMb, describeCpu, describeCpuPerMb, type CpuReport } from './cpu';
import { topSelf } from './cpuProfile';
import { rendererDir, repoRoot } from './rendererBuild';
import {
  BenchError,
  bytesExact,
  errorText,
  mb,
  mbPerS,
  ProgressTrace,
  ratio,
  Sampler,
  sec,
  table,
  type BenchResult,
} from './report';

const MiB = 1024 * 1024;
const mibFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return Math.round(value * MiB);
};
/** Random bytes behind the flood of the non-browser paths: 200 MiB → 283 299 483 bytes of base64. */
const floodRandomBytes = (): number => mibFromEnv('BENCH_FLOOD_MIB', 200);
/** The browser paths (4 and 5) run at xterm.js speed; 100 MiB keeps the whole run near 3 minutes. */
const browserRandomBytes = (): number => mibFromEnv('BENCH_BROWSER_MIB', 100);
type Step = 'source' | 'pty' | 'ssh' | 'node' | 'browser' | 'xterm';
const selected = process.env.BENCH_TERMINAL_STEPS?.split(',').map((s) => s.trim());
const want = (name: Step): boolean => !selected || selected.includes(name);
const PROFILE = process.env.BENCH_TERMINAL_PROFILE === '1';

const floodCommand = (randomBytes: number) => `head -c ${randomBytes} /dev/urandom | base64`;
/** GNU base64's output size: 4 chars per 3 bytes (padded), a newline after every 76 and at the end. */
function base64Bytes(randomBytes: number, crlf: boolean): number {
  const chars = Math.ceil(randomBytes / 3) * 4;
  return chars + Math.ceil(chars / 76) * (crlf ? 2 : 1);
}

/** As in renderer/features/terminal/useXterm.ts (the theme aside). */
const APP_XTERM_OPTIONS = {
  fontFamily: '"JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  fontSize: 12,
  lineHeight: 1.1,
  scrollback: 10_000,
  cursorBlink: false,
};
const VIEWPORT = { width: 1440, height: 900 };
const BROWSER_FLOOD_TIMEOUT_MS = 240_000;
const HOST_LABEL = 'bench-lab';
const CORES = cpus().length;

const now = (): number => performance.now();
const rss = (): number => process.memoryUsage().rss;
const log = (message: string): void => {
  process.stderr.write(`  [terminal] ${message}\n`);
};

/** One measured path, a row of the final table. */
interface PathFigures {
  label: string;
  bytes: number;
  seconds: number;
  memory: string;
  /** CPU by group over the path: its cost per MB does not depend on how busy the machine was. */
  cpu?: CpuReport | undefined;
}

/** Run a command with stdout to /dev/null: how fast it goes with nothing reading behind it. */
async function timeToDevNull(file: string, args: string[]): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  try {
    const started = now();
    const child = spawn(file, args, { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const seconds = (now() - started) / 1000;
    if (code !== 0) throw new Error(`${file} exited with ${code}: ${stderr.trim()}`);
    return seconds;
  } finally {
    closeSync(devNull);
  }
}

function sshArgs(lab: LabSshd, knownHosts: string, tty: '-tt' | '-T', command: string): string[] {
  const options = [
    `UserKnownHostsFile=${knownHosts}`,
    'GlobalKnownHostsFile=/dev/null',
    'StrictHostKeyChecking=yes',
    'BatchMode=yes',
    'IdentitiesOnly=yes',
    'LogLevel=ERROR', // no "Connection to 127.0.0.1 closed." after -tt
  ];
  return [
    tty,
    ...['-F', '/dev/null', '-i', lab.keys.ed25519, '-p', String(lab.port)],
    ...options.flatMap((o) => ['-o', o]),
    `${lab.user}@${lab.host}`,
    command,
  ];
}

/** `terminal.onExit` of one terminal (the event may come before its id is known to the caller). */
function exitWatcher(workbench: Workbench) {
  type Exit = { exitCode: number | null; reason?: string };
  const exits = new Map<string, Exit>();
  const waiters = new Map<string, (exit: Exit) => void>();
  const detach = workbench.events.attach((name, payload) => {
    if (name !== 'terminal.onExit') return;
    const exit = payload as Exit & { terminalId: string };
    exits.set(exit.terminalId, exit);
    waiters.get(exit.terminalId)?.(exit);
  });
  return {
    detach,
    wait(terminalId: string): Promise<Exit> {
      const known = exits.get(terminalId);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => waiters.set(terminalId, resolve));
    },
  };
}

/** Step 3: the workbench's Node services in this process, a sink that acks every chunk at once. */
async function nodeSideFlood(
  workbench: Workbench,
  hostId: string,
  lines: string[],
): Promise<PathFigures> {
  const exits = exitWatcher(workbench);
  let connectionId: string | undefined;
  try {
    const connectStarted = now();
    connectionId = (await workbench.handlers['ssh.connect']({ hostId })).connectionId;
    const connectSeconds = (now() - connectStarted) / 1000;

    const memory = await Sampler.start(rss, 100);
    const cpu = cpuMeter(CORES);
    const started = now();
    const info = await workbench.terminals.open({
      connectionId,
      cols: 80,
      rows: 24,
      title: 'flood',
      command: floodCommand(floodRandomBytes()),
    });
    const session = workbench.terminals.get(info.terminalId);
    if (!session) throw new Error('the flood terminal ended before it could be attached');
    let count = 0;
    let sends = 0;
    const trace = new ProgressTrace(() => count);
    session.attach({
      send(bytes) {
        count += bytes.length;
        sends++;
        session.receive({ t: 'ack', bytes: bytes.length });
      },
      end() {},
      note() {},
    });
    const exit = await exits.wait(info.terminalId);
    const seconds = (now() - started) / 1000;
    trace.stop();
    const cpuReport = cpu.stop();
    const rssFigures = await memory.stop();
    if (exit.exitCode !== 0) {
      throw new Error(`the flood exited with ${exit.exitCode} ${exit.reason ?? ''}`);
    }
    lines.push(
      `Node side alone: ssh.connect ${sec(connectSeconds)} (not counted), terminals.open → onExit ${sec(seconds)}, ` +
        `${bytesExact(count)} bytes in ${bytesExact(sends)} chunks (avg ${(count / Math.max(1, sends) / 1024).toFixed(1)} KiB), ` +
        `steady ${trace.steadyMbPerS().toFixed(1)} MB/s`,
      `  peak unacked ${bytesExact(session.peakUnackedBytes)} bytes (the sink acks at once), ` +
        `RSS peak +${mb(rssFigures.growth)} MB (from ${mb(rssFigures.first)} MB)`,
      `  ${describeCpu(cpuReport)}`,
      `  ${describeCpuPerMb(cpuReport, count)}`,
    );
    if (count !== base64Bytes(floodRandomBytes(), true)) {
      lines.push(`  NOTE: expected ${bytesExact(base64Bytes(floodRandomBytes(), true))} bytes`);
    }
    return {
      label: 'Node side alone (ssh2 + TerminalSession)',
      bytes: count,
      seconds,
      memory: `RSS +${mb(rssFigures.growth)} MB`,
      cpu: cpuReport,
    };
  } finally {
    exits.detach();
    if (connectionId) await workbench.handlers['ssh.disconnect']({ connectionId });
  }
}

/** The rows xterm.js's DOM renderer shows in the visible pane, one string per row. */
function visibleRows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll('.tab-view:not([hidden]) .xterm-rows > div'),
      (row) => row.textContent?.replace(/\u00a0/g, ' ') ?? '',
    ),
  );
}

async function waitForRow(page: Page, pattern: RegExp, timeoutMs: number): Promise<string[]> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const rows = await visibleRows(page);
    if (rows.some((row) => pattern.test(row))) return rows;
    if (now() > deadline) {
      throw new Error(
        `no ${pattern} on screen after ${timeoutMs} ms; it shows:\n${rows.join('\n')}`,
      );
    }
    await sleep(100);
  }
}

interface PageFigures {
  heapPeak: number;
  /** The heaviest functions of the page's main thread (BENCH_TERMINAL_PROFILE=1), else empty. */
  profile: string[];
  /** Seconds of the page's main thread: all tasks, JS, layout + style recalculation. */
  task: number;
  script: number;
  layout: number;
  /** Layouts the page did: about one per frame drawn with new rows. */
  layouts: number;
}

/** The page's JS heap (sampled every 500 ms) and main-thread time, from the DevTools protocol. */
async function pageMetrics(page: Page): Promise<{ stop(): Promise<PageFigures> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const before = await metrics();
  const heap = await Sampler.start(
    async () => (await metrics()).get('JSHeapUsedSize') ?? Number.NaN,
    500,
  );
  return {
    async stop() {
      const { peak } = await heap.stop();
      const after = await metrics();
      const profile = PROFILE
        ? topSelf('CPU profile of the page', (await cdp.send('Profiler.stop')).profile, 14)
        : [];
      await cdp.detach().catch(() => undefined);
      const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
      return {
        heapPeak: peak,
        profile,
        task: delta('TaskDuration'),
        script: delta('ScriptDuration'),
        layout: delta('LayoutDuration') + delta('RecalcStyleDuration'),
        layouts: delta('LayoutCount'),
      };
    },
  };
}

const pct = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(0)} %`;
const describePage = (page: PageFigures, seconds: number): string =>
  `page main thread busy ${pct(page.task, seconds)} of the time ` +
  `(JS ${pct(page.script, seconds)}, layout+style ${pct(page.layout, seconds)}, ` +
  `rest ${pct(Math.max(0, page.task - page.script - page.layout), seconds)}), ` +
  `${page.layouts} layouts (${(page.layouts / seconds).toFixed(0)}/s), JS heap peak ${mb(page.heapPeak)} MB`;

/** How far behind the consumer was: the session's unacknowledged bytes, sampled every 50 ms. */
class UnackedTrace {
  private samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(read: () => number) {
    this.timer = setInterval(() => this.samples.push(read()), 50);
  }

  stop(): string {
    clearInterval(this.timer);
    const n = Math.max(1, this.samples.length);
    const mean = this.samples.reduce((a, b) => a + b, 0) / n;
    const behind = this.samples.filter((b) => b >= FlowControl.HIGH_WATERMARK_BYTES / 2).length;
    return (
      `unacked: mean ${(mean / 1024).toFixed(0)} KiB, at least half the window in ` +
      `${pct(behind, n)} of ${n} samples`
    );
  }
}

/** Step 4: the browser mode, the flood typed into the app's shell tab as a user would. */
async function browserFlood(
  browser: Browser,
  workbench: Workbench,
  server: WebServer,
  lines: string[],
): Promise<PathFigures & { renderer: string; cols: number; rows: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page
      .getByRole('listitem', { name: `Host ${HOST_LABEL}` })
      .getByRole('button', { name: 'Connect' })
      .click();
    const hostElement = page
      .locator('.tab-view:not([hidden]) [data-terminal-id][data-renderer]')
      .first();
    await hostElement.waitFor({ timeout: 30_000 });
    const terminalId = await hostElement.getAttribute('data-terminal-id');
    const renderer = (await hostElement.getAttribute('data-renderer')) ?? '?';
    const session = terminalId ? workbench.terminals.get(terminalId) : undefined;
    if (!terminalId || !session) throw new Error(`no Node-side session for terminal ${terminalId}`);

    // The shell is ready once it has run a command; `stty size` says what the PTY is after fit.
    await page.locator('.tab-view:not([hidden]) .xterm').first().click();
    await page.keyboard.type('stty size; echo "READY""-1"\n');
    const shown = await waitForRow(page, /^READY-1\s*$/, 90_000);
    const size = shown.map((row) => /^(\d+) (\d+)\s*$/.exec(row)).find(Boolean);
    const rows = Number(size?.[1] ?? 0);
    const cols = Number(size?.[2] ?? 0);
    await sleep(300); // the prompt

    // Typed without Enter first, so that the clock starts at the Enter key. The quotes keep the
    // echoed command line from matching FLOOD-DONE.
    await page.keyboard.type(`${floodCommand(browserRandomBytes())}; echo "FLOOD""-DONE"`);
    await sleep(300);
    const pageFigures = await pageMetrics(page);
    const memory = await Sampler.start(rss, 100);
    const cpu = cpuMeter(CORES);
    const trace = new ProgressTrace(() => session.totalSentBytes);
    const unacked = new UnackedTrace(() => session.unackedBytes);
    const bytesBefore = session.totalSentBytes;
    const started = now();
    await page.keyboard.press('Enter');
    for (;;) {
      await sleep(250);
      const done = await page.evaluate(() =>
        Boolean(
          document
            .querySelector('.tab-view:not([hidden]) .xterm-rows')
            ?.textContent?.includes('FLOOD-DONE'),
        ),
      );
      if (done) break;
      if (now() - started > BROWSER_FLOOD_TIMEOUT_MS) {
        throw new Error(
          `no FLOOD-DONE after ${BROWSER_FLOOD_TIMEOUT_MS / 1000} s ` +
            `(${bytesExact(session.totalSentBytes - bytesBefore)} bytes sent)`,
        );
      }
    }
    const seconds = (now() - started) / 1000;
    const bytes = session.totalSentBytes - bytesBefore;
    trace.stop();
    const cpuReport = cpu.stop();
    const behind = unacked.stop();
    const rssFigures = await memory.stop();
    const figures = await pageFigures.stop();
    lines.push(
      `Browser mode: terminal ${cols}x${rows}, renderer "${renderer}"; Enter → FLOOD-DONE on screen ${sec(seconds)}, ` +
        `${bytesExact(bytes)} bytes sent by the Node side, steady ${trace.steadyMbPerS().toFixed(1)} MB/s`,
      `  peak unacked ${bytesExact(session.peakUnackedBytes)} bytes (window ${FlowControl.HIGH_WATERMARK_BYTES / 1024} KiB); ` +
        `${behind}; Node RSS peak +${mb(rssFigures.growth)} MB`,
      `  ${describePage(figures, seconds)}`,
      `  ${describeCpu(cpuReport)}`,
      `  ${describeCpuPerMb(cpuReport, bytes)}`,
      ...figures.profile.map((line) => `  ${line}`),
    );
    if (pageErrors.length) lines.push(`  page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    await page.close();
    return {
      label: `Browser mode → xterm.js (${renderer})`,
      bytes,
      seconds,
      memory: `RSS +${mb(rssFigures.growth)} MB, heap ${mb(figures.heapPeak)} MB`,
      cpu: cpuReport,
      renderer,
      cols,
      rows,
    };
  } finally {
    await context.close();
  }
}

/** What xtermAlone.browser.js resolves with. */
interface XtermAloneResult {
  bytes: number;
  chunks: number;
  ms: number;
  generateMs: number;
  peakInFlight: number;
  cols: number;
  rows: number;
  lastLine?: string;
  scrollback: number;
}

/** Step 5: xterm.js alone in the same Chromium, fed generated text, no network. */
async function xtermAlone(
  browser: Browser,
  size: { cols: number; rows: number },
  lines: string[],
): Promise<PathFigures> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    const xtermDir = join(repoRoot, 'node_modules', '@xterm', 'xterm');
    await page.addStyleTag({ path: join(xtermDir, 'css', 'xterm.css') });
    await page.addScriptTag({ path: join(xtermDir, 'lib', 'xterm.js') });
    await page.addScriptTag({ path: join(repoRoot, 'test', 'bench', 'xtermAlone.browser.js') });
    const defined = await page.evaluate(() => typeof (window as { Terminal?: unknown }).Terminal);
    if (defined !== 'function') throw new Error('the xterm.js UMD build did not define Terminal');
    const options = {
      randomBytes: browserRandomBytes(),
      cols: size.cols,
      rows: size.rows,
      windowBytes: FlowControl.HIGH_WATERMARK_BYTES,
      linesPerChunk: 840, // 840 lines x 78 bytes = 65 520 bytes, just under 64 KiB
      terminalOptions: APP_XTERM_OPTIONS,
    };
    const pageFigures = await pageMetrics(page);
    const cpu = cpuMeter(CORES);
    const result = await page.evaluate(
      (opts) =>
        (
          window as unknown as { wbXtermAlone(o: typeof opts): Promise<XtermAloneResult> }
        ).wbXtermAlone(opts),
      options,
    );
    const cpuReport = cpu.stop();
    const figures = await pageFigures.stop();
    const expected = base64Bytes(browserRandomBytes(), true);
    if (result.bytes !== expected) {
      throw new Error(`xterm.js alone wrote ${result.bytes} bytes, expected ${expected}`);
    }
    const seconds = result.ms / 1000;
    lines.push(
      `xterm.js alone: terminal ${result.cols}x${result.rows}, DOM renderer, ${bytesExact(result.bytes)} bytes ` +
        `in ${bytesExact(result.chunks)} writes of ≤64 KiB, ≤${FlowControl.HIGH_WATERMARK_BYTES / 1024} KiB unparsed ` +
        `(peak ${bytesExact(result.peakInFlight)}); ${sec(seconds)}, generating the text ${sec(result.generateMs / 1000)} of it ` +
        `(${mbPerS(result.bytes, (result.ms - result.generateMs) / 1000).toFixed(1)} MB/s without)`,
      `  ${describePage(figures, seconds)}; ${result.scrollback} lines in the buffer, last "${(result.lastLine ?? '').slice(0, 12)}…"`,
      `  ${describeCpu(cpuReport)}`,
      `  ${describeCpuPerMb(cpuReport, result.bytes)}`,
      ...figures.profile.map((line) => `  ${line}`),
    );
    return {
      label: 'C  xterm.js alone in Chromium (dom)',
      bytes: result.bytes,
      seconds,
      memory: `heap ${mb(figures.heapPeak)} MB`,
      cpu: cpuReport,
    };
  } finally {
    await context.close();
  }
}

/**
 * The browser path against C by CPU per MB: on a machine whose cores are all busy (the source,
 * sshd, Node and Chromium share them, C has them to itself) the MB/s ratio says how the CPU was
 * shared; CPU per MB says what each path costs.
 */
function cpuComparison(rows: readonly PathFigures[]): string[] {
  const browserPath = rows.find((f) => f.label.startsWith('Browser'));
  const alone = rows.find((f) => f.label.startsWith('C '));
  if (!browserPath?.cpu || !alone?.cpu) return [];
  const perMb = (f: PathFigures, group?: 'Chromium renderer') =>
    cpuMsPerMb(f.cpu, f.bytes, group) ?? Number.NaN;
  const page = [perMb(browserPath, 'Chromium renderer'), perMb(alone, 'Chromium renderer')];
  const all = [perMb(browserPath), perMb(alone)];
  return [
    `CPU per MB, browser mode vs C: Chromium renderer ${page[0]?.toFixed(0)} vs ${page[1]?.toFixed(0)} ms ` +
      `(C/browser ${ratio(page[1] ?? Number.NaN, page[0])}); everything the path ran ` +
      `${all[0]?.toFixed(0)} vs ${all[1]?.toFixed(0)} ms (C/browser ${ratio(all[1] ?? Number.NaN, all[0])})`,
    '',
  ];
}

/** Runs one step; a failure is recorded in the report and the next step still runs. */
async function step<T>(
  what: string,
  failures: string[],
  lines: string[],
  fn: () => Promise<T>,
): Promise<T | undefined> {
  log(`${what}…`);
  const started = now();
  try {
    const result = await fn();
    log(`${what}: ${sec((now() - started) / 1000)}`);
    return result;
  } catch (err) {
    failures.push(what);
    lines.push(`${what}: FAILED: ${errorText(err)}`);
    log(`${what}: FAILED after ${sec((now() - started) / 1000)}: ${errorText(err)}`);
    return undefined;
  }
}

/** A command with stdout to /dev/null, as a table row plus a detail line with its CPU. */
async function commandPath(
  label: string,
  bytes: number,
  file: string,
  args: string[],
  lines: string[],
  setupSeconds = 0,
): Promise<PathFigures> {
  const cpu = cpuMeter(CORES);
  const wall = await timeToDevNull(file, args);
  const cpuReport = cpu.stop();
  const seconds = Math.max(0.001, wall - setupSeconds);
  lines.push(
    `${label}: wall ${sec(wall)}` +
      (setupSeconds ? ` (${mbPerS(bytes, wall).toFixed(1)} MB/s), flood ${sec(seconds)}` : '') +
      `; stdout → /dev/null, ${bytesExact(bytes)} bytes (computed)`,
    `  ${describeCpu(cpuReport)}`,
    `  ${describeCpuPerMb(cpuReport, bytes)}`,
  );
  return { label, bytes, seconds, memory: '', cpu: cpuReport };
}

export async function benchTerminal(): Promise<BenchResult> {
  const benchStarted = now();
  const lines: string[] = [];
  const failures: string[] = [];
  const ptyBytes = base64Bytes(floodRandomBytes(), true);
  const pipeBytes = base64Bytes(floodRandomBytes(), false);
  const flood = floodCommand(floodRandomBytes());
  lines.push(
    `flood: \`${flood}\` = ${bytesExact(pipeBytes)} bytes of text, ` +
      `${bytesExact(ptyBytes)} through a PTY (\\n → \\r\\n); 1 MB = 10^6 bytes`,
  );
  if (browserRandomBytes() !== floodRandomBytes()) {
    lines.push(
      `browser paths (4, C) use a smaller flood to keep the run short: ` +
        `\`${floodCommand(browserRandomBytes())}\` = ${bytesExact(base64Bytes(browserRandomBytes(), true))} bytes ` +
        `through a PTY; MB/s compare across sizes (each path runs for many seconds)`,
    );
  }

  const scratch = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  const dataDir = join(scratch, 'data');
  const knownHosts = join(scratch, 'known_hosts');
  let lab: LabSshd | undefined;
  let workbench: Workbench | undefined;
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const rows: PathFigures[] = [];
  try {
    lab = await startLabSshd();
    const theLab = lab;
    writeFileSync(knownHosts, `${lab.knownHostsLine()}\n`);

    // Where the text comes from, without SSH: the command itself, then through a local PTY.
    if (want('source')) {
      await step('source alone', failures, lines, async () => {
        rows.push(
          await commandPath(
            'source alone (no SSH, no PTY)',
            pipeBytes,
            'bash',
            ['-c', flood],
            lines,
          ),
        );
      });
    }
    if (want('pty') && !existsSync('/usr/bin/script')) {
      lines.push('local PTY alone: skipped, no /usr/bin/script (util-linux)');
    } else if (want('pty')) {
      await step('local PTY alone', failures, lines, async () => {
        const args = ['-q', '-e', '-c', flood, '/dev/null'];
        rows.push(
          await commandPath('local PTY alone (script, no SSH)', ptyBytes, 'script', args, lines),
        );
      });
    }

    if (want('ssh')) {
      // OpenSSH's connect + auth + remote `true` + close, included in the wall times of A and B.
      const setup = await step('OpenSSH setup', failures, lines, async () => {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          times.push(await timeToDevNull('ssh', sshArgs(theLab, knownHosts, '-T', 'true')));
        }
        const median = times.sort((a, b) => a - b)[1] ?? 0;
        lines.push(
          `OpenSSH setup (connect, auth, \`true\`, close; median of 3): ${sec(median)}, ` +
            `subtracted from the wall times of A and B`,
        );
        return median;
      });
      for (const [tty, label, bytes] of [
        ['-tt', 'A  OpenSSH ssh -tt (PTY)', ptyBytes],
        ['-T', 'B  OpenSSH ssh -T (no PTY)', pipeBytes],
      ] as const) {
        await step(label, failures, lines, async () => {
          const args = sshArgs(theLab, knownHosts, tty, flood);
          rows.push(await commandPath(label, bytes, 'ssh', args, lines, setup ?? 0));
        });
      }
    }

    // The app: one workbench for step 3 (in this process) and step 4 (browser mode). The lab's
    // host key is pre-trusted in the workbench's own known_hosts, so no prompt comes up.
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'known_hosts'), `${lab.knownHostsLine()}\n`);
    const theWorkbench = createWorkbench({ dataDir, trustedKnownHosts: [] });
    workbench = theWorkbench;
    const host = await theWorkbench.handlers['hosts.save']({
      label: HOST_LABEL,
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.ed25519,
    });

    if (want('node')) {
      await step('Node side alone', failures, lines, async () => {
        rows.push(await nodeSideFlood(theWorkbench, host.id, lines));
      });
    }

    if (want('browser') || want('xterm')) {
      browser = await launchChromium();
      const theBrowser = browser;
      lines.push(
        `browser: Chromium ${browser.version()} headless, viewport ${VIEWPORT.width}x${VIEWPORT.height}`,
      );
      let size = { cols: 0, rows: 0 };
      if (want('browser')) {
        await step('browser mode', failures, lines, async () => {
          if (!existsSync(join(rendererDir, 'index.html'))) {
            throw new Error(`${rendererDir}/index.html is missing: npx electron-vite build`);
          }
          server = await startWebServer({ workbench: theWorkbench, staticDir: rendererDir });
          const result = await browserFlood(theBrowser, theWorkbench, server, lines);
          size = result;
          rows.push(result);
        });
      }
      if (want('xterm')) {
        if (!size.cols || !size.rows) {
          size = { cols: 160, rows: 58 };
          lines.push(`xterm.js alone: the app's size is unknown, using ${size.cols}x${size.rows}`);
        }
        const theSize = size;
        await step('xterm.js alone', failures, lines, async () => {
          rows.push(await xtermAlone(theBrowser, theSize, lines));
        });
      }
    }
  } catch (err) {
    failures.push('setup');
    lines.push(`FAILED: ${errorText(err)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await workbench?.dispose();
    await lab?.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }

  const rate = (f: PathFigures | undefined) => (f ? mbPerS(f.bytes, f.seconds) : undefined);
  const baselineA = rate(rows.find((f) => f.label.startsWith('A ')));
  const baselineC = rate(rows.find((f) => f.label.startsWith('C ')));
  lines.push(
    '',
    ...table(
      ['path', 'MB', 'seconds', 'MB/s', 'vs A (ssh -tt)', 'vs C (xterm alone)', 'peak memory'],
      rows.map((f) => {
        const r = mbPerS(f.bytes, f.seconds);
        const inBrowser = f.label.startsWith('Browser') || f.label.startsWith('C ');
        return [
          f.label,
          mb(f.bytes),
          f.seconds.toFixed(2),
          r.toFixed(1),
          ratio(r, baselineA),
          inBrowser ? ratio(r, baselineC) : '',
          f.memory,
        ];
      }),
    ),
    '',
    // Browser mode is fed by the same sshd and PTY as A: it cannot beat A, whatever the page does.
    ...(baselineA !== undefined && baselineC !== undefined
      ? [
          `ceiling of browser mode vs C here: A / C = ${ratio(baselineA, baselineC)} ` +
            '(what OpenSSH itself gets from this sshd through a PTY, over what xterm.js alone parses)',
        ]
      : []),
    ...cpuComparison(rows),
    `(seconds of A and B: wall time minus OpenSSH setup; of the Node side: terminals.open → onExit; ` +
      `of browser mode: Enter → FLOOD-DONE on screen; of C: first write → last write parsed)`,
    `terminal benchmark took ${sec((now() - benchStarted) / 1000)}`,
  );
  const result = { name: 'terminal throughput (urandom | base64 flood over SSH)', lines };
  if (failures.length) {
    throw new BenchError(`terminal benchmark: ${failures.join(', ')} failed`, result.lines);
  }
  return result;
}
