/**
 * Terminal throughput: a flood of base64 text (`head -c 200MiB /dev/urandom | base64`, ~283 MB)
 * from a real OpenSSH sshd (the lab's), through the workbench, beside baselines measured in the
 * same run. See test/bench/README.md for how to read it. Called from test/bench/run.ts; standalone:
 *   npx tsx -e "import('./test/bench/terminalBench.ts').then(async m=>console.log(await m.benchTerminal()))"
 * (the browser step needs out/renderer: `npx electron-vite build`).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { FlowControl } from '../../shared/contract/index';
import { createWorkbench, type Workbench } from '../../electron/node/workbench';
import { startWebServer, type WebServer } from '../../electron/server/webServer';
import { startLabSshd, type LabSshd } from '../lab/sshd';
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
import { rendererDir, repoRoot } from './rendererBuild';

const MiB = 1024 * 1024;
/** Random bytes fed to base64 by every path (200 MiB → 283 299 483 bytes of text, 286 978 698 through a PTY). */
const FLOOD_RANDOM_BYTES = Number(process.env.BENCH_FLOOD_MIB ?? 200) * MiB;
/** The browser paths (4 and 5) may be run smaller: BENCH_BROWSER_MIB=100. */
const BROWSER_RANDOM_BYTES = Number(process.env.BENCH_BROWSER_MIB ?? 200) * MiB;
const floodCommand = (randomBytes: number) => `head -c ${randomBytes} /dev/urandom | base64`;
/** GNU base64 output size: 4 chars per 3 bytes (padded), a newline after every 76 and at the end. */
function base64Bytes(randomBytes: number, crlf: boolean): number {
  const chars = Math.ceil(randomBytes / 3) * 4;
  return chars + Math.ceil(chars / 76) * (crlf ? 2 : 1);
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Same as renderer/features/terminal/useXterm.ts (theme aside). */
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

const now = (): number => performance.now();
const rss = (): number => process.memoryUsage().rss;
const log = (message: string): void => {
  process.stderr.write(`  [terminal] ${message}\n`);
};

/** One measured path: its flood rate and what the report says about it. */
interface PathFigures {
  label: string;
  bytes: number;
  seconds: number;
  memory: string;
}

/** Run a command with stdout to /dev/null: the purest "how fast can it go" reading. */
async function timeToDevNull(
  file: string,
  args: string[],
): Promise<{ seconds: number; stderr: string }> {
  const devNull = openSync('/dev/null', 'w');
  try {
    const started = now();
    const child = spawn(file, args, { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const seconds = (now() - started) / 1000;
    if (code !== 0) throw new Error(`${file} exited with ${code}: ${stderr.trim()}`);
    return { seconds, stderr };
  } finally {
    closeSync(devNull);
  }
}

function sshArgs(lab: LabSshd, knownHosts: string, tty: '-tt' | '-T', command: string): string[] {
  return [
    tty,
    '-F',
    '/dev/null',
    '-i',
    lab.keys.ed25519,
    '-p',
    String(lab.port),
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'LogLevel=ERROR',
    `${lab.user}@${lab.host}`,
    command,
  ];
}

/** Wait for `terminal.onExit` of one terminal (events may arrive before the id is known). */
function exitWatcher(workbench: Workbench) {
  const exits = new Map<string, { exitCode: number | null; reason?: string }>();
  const waiters = new Map<string, () => void>();
  const detach = workbench.events.attach((name, payload) => {
    if (name !== 'terminal.onExit') return;
    const exit = payload as { terminalId: string; exitCode: number | null; reason?: string };
    exits.set(exit.terminalId, exit);
    waiters.get(exit.terminalId)?.();
  });
  return {
    detach,
    wait(terminalId: string): Promise<{ exitCode: number | null; reason?: string }> {
      const known = exits.get(terminalId);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) =>
        waiters.set(terminalId, () => resolve(exits.get(terminalId) ?? { exitCode: null })),
      );
    },
  };
}

/** Step 3: the workbench's Node services alone, acking every chunk at once. */
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

    const rssSampler = await Sampler.start(rss, 100);
    const cpuBefore = process.cpuUsage();
    const started = now();
    const info = await workbench.terminals.open({
      connectionId,
      cols: 80,
      rows: 24,
      title: 'flood',
      command: floodCommand(FLOOD_RANDOM_BYTES),
    });
    const session = workbench.terminals.get(info.terminalId);
    if (!session) throw new Error('the flood terminal vanished before it could be attached');
    let count = 0;
    let sends = 0;
    const trace = new ProgressTrace(() => count);
    session.attach({
      send(bytes) {
        count += bytes.length;
        sends++;
        session.receive({ t: 'ack', bytes: bytes.length });
      },
    });
    const exit = await exits.wait(info.terminalId);
    const seconds = (now() - started) / 1000;
    trace.stop();
    const cpu = process.cpuUsage(cpuBefore);
    const memory = await rssSampler.stop();
    if (exit.exitCode !== 0) {
      throw new Error(`the flood exited with ${exit.exitCode} ${exit.reason ?? ''}`);
    }
    const cpuShare = (cpu.user + cpu.system) / 1e6 / seconds;
    lines.push(
      `Node side: ssh.connect ${sec(connectSeconds)} (not counted); open → exit ${sec(seconds)}, ` +
        `${bytesExact(count)} bytes in ${bytesExact(sends)} chunks (avg ${(count / sends / 1024).toFixed(1)} KiB), ` +
        `steady ${trace.steadyMbPerS().toFixed(1)} MB/s`,
      `  peak unacked ${bytesExact(session.peakUnackedBytes)} bytes (sink acks at once), ` +
        `Node CPU ${(cpuShare * 100).toFixed(0)} % of one core, RSS peak +${mb(memory.growth)} MB (from ${mb(memory.first)} MB)`,
    );
    return {
      label: 'Node side alone (ssh2 + TerminalSession)',
      bytes: count,
      seconds,
      memory: `RSS +${mb(memory.growth)} MB`,
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
      throw new Error(`no ${pattern} in the terminal after ${timeoutMs} ms; it shows:\n${rows.join('\n')}`);
    }
    await sleep(100);
  }
}

async function jsHeapSampler(page: Page): Promise<{ stop(): Promise<number> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')
      ?.value ?? Number.NaN;
  const sampler = await Sampler.start(read, 500);
  return {
    async stop() {
      const { peak } = await sampler.stop();
      await cdp.detach().catch(() => undefined);
      return peak;
    },
  };
}

/** Step 4: the browser mode, typing the flood into the app's shell tab as a user would. */
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
    const hostElement = page.locator('.tab-view:not([hidden]) [data-terminal-id][data-renderer]');
    await hostElement.first().waitFor({ timeout: 30_000 });
    const terminalId = await hostElement.first().getAttribute('data-terminal-id');
    const renderer = (await hostElement.first().getAttribute('data-renderer')) ?? '?';
    const session = terminalId ? workbench.terminals.get(terminalId) : undefined;
    if (!terminalId || !session) throw new Error(`no Node-side session for terminal ${terminalId}`);

    // The shell is ready once it has run a command; `stty size` says what the PTY is after fit.
    await page.locator('.tab-view:not([hidden]) .xterm').first().click();
    await page.keyboard.type('stty size; echo "READY""-1"\n');
    const shown = await waitForRow(page, /^READY-1\s*$/, 90_000);
    const size = shown.map((row) => /^(\d+) (\d+)\s*$/.exec(row)).find(Boolean);
    const rows = Number(size?.[1] ?? 0);
    const cols = Number(size?.[2] ?? 0);
    await sleep(300); // let the prompt arrive

    // Typed without Enter first, so the clock starts at the Enter key.
    await page.keyboard.type(`${floodCommand(BROWSER_RANDOM_BYTES)}; echo "FLOOD""-DONE"`);
    await sleep(300);
    const heap = await jsHeapSampler(page);
    const rssSampler = await Sampler.start(rss, 100);
    const cpuBefore = process.cpuUsage();
    const trace = new ProgressTrace(() => session.totalSentBytes);
    const bytesBefore = session.totalSentBytes;
    const started = now();
    await page.keyboard.press('Enter');
    let done = false;
    while (!done) {
      await sleep(250);
      done = await page.evaluate(() =>
        Boolean(
          document
            .querySelector('.tab-view:not([hidden]) .xterm-rows')
            ?.textContent?.includes('FLOOD-DONE'),
        ),
      );
      if (!done && now() - started > BROWSER_FLOOD_TIMEOUT_MS) {
        throw new Error(
          `no FLOOD-DONE after ${BROWSER_FLOOD_TIMEOUT_MS / 1000} s ` +
            `(${bytesExact(session.totalSentBytes - bytesBefore)} bytes sent)`,
        );
      }
    }
    const seconds = (now() - started) / 1000;
    const bytes = session.totalSentBytes - bytesBefore;
    trace.stop();
    const cpu = process.cpuUsage(cpuBefore);
    const memory = await rssSampler.stop();
    const heapPeak = await heap.stop();
    if (pageErrors.length) lines.push(`  page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    lines.push(
      `Browser mode: terminal ${cols}x${rows}, renderer "${renderer}"; Enter → FLOOD-DONE on screen ${sec(seconds)}, ` +
        `${bytesExact(bytes)} bytes sent by the Node side, steady ${trace.steadyMbPerS().toFixed(1)} MB/s`,
      `  peak unacked ${bytesExact(session.peakUnackedBytes)} bytes (window ${FlowControl.HIGH_WATERMARK_BYTES / 1024} KiB), ` +
        `Node CPU ${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)} % of one core, ` +
        `Node RSS peak +${mb(memory.growth)} MB, page JS heap peak ${mb(heapPeak)} MB`,
    );
    await page.close();
    return {
      label: `Browser mode → xterm.js (${renderer})`,
      bytes,
      seconds,
      memory: `RSS +${mb(memory.growth)} MB, heap ${mb(heapPeak)} MB`,
      renderer,
      cols,
      rows,
    };
  } finally {
    await context.close();
  }
}

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
    const hasTerminal = await page.evaluate(() => typeof (window as { Terminal?: unknown }).Terminal);
    if (hasTerminal !== 'function') throw new Error('xterm.js UMD build did not define window.Terminal');
    const heap = await jsHeapSampler(page);
    const options = {
      randomBytes: BROWSER_RANDOM_BYTES,
      cols: size.cols,
      rows: size.rows,
      windowBytes: FlowControl.HIGH_WATERMARK_BYTES,
      linesPerChunk: 840, // 840 x 78 bytes = 65 520 bytes, just under 64 KiB
      terminalOptions: APP_XTERM_OPTIONS,
    };
    const result = await page.evaluate(
      (opts) =>
        (
          window as unknown as { wbXtermAlone(o: typeof opts): Promise<XtermAloneResult> }
        ).wbXtermAlone(opts),
      options,
    );
    const heapPeak = await heap.stop();
    const expected = base64Bytes(BROWSER_RANDOM_BYTES, true);
    if (result.bytes !== expected) {
      throw new Error(`xterm.js alone wrote ${result.bytes} bytes, expected ${expected}`);
    }
    const seconds = result.ms / 1000;
    lines.push(
      `xterm.js alone: terminal ${result.cols}x${result.rows}, DOM renderer, ${bytesExact(result.bytes)} bytes ` +
        `in ${bytesExact(result.chunks)} chunks of ≤64 KiB, ≤${FlowControl.HIGH_WATERMARK_BYTES / 1024} KiB in flight ` +
        `(peak ${bytesExact(result.peakInFlight)}); ${sec(seconds)}, of which generating the text ${sec(result.generateMs / 1000)}` +
        ` (without it: ${mbPerS(result.bytes, (result.ms - result.generateMs) / 1000).toFixed(1)} MB/s)`,
      `  page JS heap peak ${mb(heapPeak)} MB; buffer ${result.scrollback} lines, last line "${(result.lastLine ?? '').slice(0, 20)}…"`,
    );
    return {
      label: 'C  xterm.js alone in Chromium (dom)',
      bytes: result.bytes,
      seconds,
      memory: `heap ${mb(heapPeak)} MB`,
    };
  } finally {
    await context.close();
  }
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

export async function benchTerminal(): Promise<BenchResult> {
  const benchStarted = now();
  const lines: string[] = [];
  const failures: string[] = [];
  const ptyBytes = base64Bytes(FLOOD_RANDOM_BYTES, true);
  const pipeBytes = base64Bytes(FLOOD_RANDOM_BYTES, false);
  lines.push(
    `flood: \`${floodCommand(FLOOD_RANDOM_BYTES)}\` = ${bytesExact(pipeBytes)} bytes of text, ` +
      `${bytesExact(ptyBytes)} through a PTY (\\n → \\r\\n); 1 MB = 10^6 bytes`,
  );
  if (BROWSER_RANDOM_BYTES !== FLOOD_RANDOM_BYTES) {
    lines.push(
      `browser paths (4, 5) use a smaller flood: ${BROWSER_RANDOM_BYTES / MiB} MiB random = ` +
        `${bytesExact(base64Bytes(BROWSER_RANDOM_BYTES, true))} bytes through a PTY`,
    );
  }
  lines.push(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);

  const scratch = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  const dataDir = join(scratch, 'data');
  const knownHosts = join(scratch, 'known_hosts');
  let lab: LabSshd | undefined;
  let workbench: Workbench | undefined;
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const figures: PathFigures[] = [];
  const extra: PathFigures[] = [];
  try {
    lab = await startLabSshd();
    const theLab = lab;
    writeFileSync(knownHosts, `${lab.knownHostsLine()}\n`);
    mkdtempSync(join(scratch, 'x')); // (scratch dir is writable: fail early otherwise)

    // Sources of the flood without SSH: the command itself, and the same through a local PTY.
    await step('source alone', failures, lines, async () => {
      const { seconds } = await timeToDevNull('bash', ['-c', floodCommand(FLOOD_RANDOM_BYTES)]);
      extra.push({ label: 'source alone (no SSH, no PTY)', bytes: pipeBytes, seconds, memory: '' });
    });
    if (existsSync('/usr/bin/script')) {
      await step('local PTY alone', failures, lines, async () => {
        const { seconds } = await timeToDevNull('script', [
          '-q',
          '-e',
          '-c',
          floodCommand(FLOOD_RANDOM_BYTES),
          '/dev/null',
        ]);
        extra.push({
          label: 'local PTY alone (script, no SSH)',
          bytes: ptyBytes,
          seconds,
          memory: '',
        });
      });
    }

    // OpenSSH's own connect + auth + remote `true` + close: what the wall times below include.
    const setup = await step('OpenSSH setup', failures, lines, async () => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        times.push((await timeToDevNull('ssh', sshArgs(theLab, knownHosts, '-T', 'true'))).seconds);
      }
      times.sort((a, b) => a - b);
      return times[1] ?? 0;
    });
    const setupSeconds = setup ?? 0;
    lines.push(
      `OpenSSH setup (connect, auth, \`true\`, close; median of 3): ${sec(setupSeconds)}, ` +
        `subtracted from the ssh wall times below`,
    );
    for (const [tty, label, bytes] of [
      ['-tt', 'A  OpenSSH ssh -tt (PTY)', ptyBytes],
      ['-T', 'B  OpenSSH ssh -T (no PTY)', pipeBytes],
    ] as const) {
      await step(label, failures, lines, async () => {
        const args = sshArgs(theLab, knownHosts, tty, floodCommand(FLOOD_RANDOM_BYTES));
        const { seconds } = await timeToDevNull('ssh', args);
        const flood = Math.max(0.001, seconds - setupSeconds);
        lines.push(
          `${label.slice(0, 1)}: wall ${sec(seconds)} (${mbPerS(bytes, seconds).toFixed(1)} MB/s), flood ${sec(flood)}; ` +
            `stdout → /dev/null, ${bytesExact(bytes)} bytes (computed)`,
        );
        figures.push({ label, bytes, seconds: flood, memory: '' });
      });
    }

    // The app: one workbench for step 3 (in-process) and step 4 (browser mode), lab key trusted.
    writeFileSync(join(mkdirData(dataDir), 'known_hosts'), `${lab.knownHostsLine()}\n`);
    const theWorkbench = createWorkbench({ dataDir, trustedKnownHosts: [] });
    workbench = theWorkbench;
    const host = await theWorkbench.handlers['hosts.save']({
      label: HOST_LABEL,
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.ed25519,
    });

    await step('Node side alone', failures, lines, async () => {
      const result = await nodeSideFlood(theWorkbench, host.id, lines);
      if (result.bytes !== ptyBytes) {
        lines.push(`  NOTE: ${bytesExact(result.bytes)} bytes, expected ${bytesExact(ptyBytes)}`);
      }
      figures.push(result);
    });

    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error(`${rendererDir}/index.html is missing: run \`npx electron-vite build\``);
    }
    server = await startWebServer({ workbench: theWorkbench, staticDir: rendererDir });
    const theServer = server;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const theBrowser = browser;
    lines.push(`browser: Chromium ${browser.version()} headless, viewport ${VIEWPORT.width}x${VIEWPORT.height}`);

    const app = await step('browser mode', failures, lines, async () => {
      const result = await browserFlood(theBrowser, theWorkbench, theServer, lines);
      figures.push(result);
      return result;
    });
    const size = app?.cols && app.rows ? app : { cols: 160, rows: 45 };
    if (!app?.cols) lines.push(`xterm.js alone: app size unknown, using ${size.cols}x${size.rows}`);
    await step('xterm.js alone', failures, lines, async () => {
      figures.push(await xtermAlone(theBrowser, size, lines));
    });
  } catch (err) {
    failures.push('setup');
    lines.push(`FAILED: ${errorText(err)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    workbench?.dispose();
    await lab?.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }

  const rate = (f: PathFigures | undefined) => (f ? mbPerS(f.bytes, f.seconds) : undefined);
  const baselineA = rate(figures.find((f) => f.label.startsWith('A ')));
  const baselineC = rate(figures.find((f) => f.label.startsWith('C ')));
  const ordered = [...extra, ...figures];
  lines.push(
    '',
    ...table(
      ['path', 'MB', 'seconds', 'MB/s', 'vs A (ssh -tt)', 'vs C (xterm alone)', 'peak memory'],
      ordered.map((f) => {
        const r = mbPerS(f.bytes, f.seconds);
        return [
          f.label,
          mb(f.bytes),
          f.seconds.toFixed(2),
          r.toFixed(1),
          ratio(r, baselineA),
          f.label.startsWith('Browser') || f.label.startsWith('C ') ? ratio(r, baselineC) : '',
          f.memory,
        ];
      }),
    ),
    '',
    `terminal benchmark took ${sec((now() - benchStarted) / 1000)}`,
  );
  const result = { name: 'terminal throughput (200 MiB urandom | base64 over SSH)', lines };
  if (failures.length) {
    throw new BenchError(`terminal benchmark: ${failures.join(', ')} failed`, result.lines);
  }
  return result;
}

function mkdirData(dir: string): string {
  mkdtempSync(`${dir}-`); // keep mkdtemp semantics out of the way: create the dir itself below
  return mkdirSyncRecursive(dir);
}

function mkdirSyncRecursive(dir: string): string {
  // Imported lazily to keep the top import list to what the measuring code uses.
  return (mkdirSyncImpl(dir), dir);
}

import { mkdirSync as mkdirSyncImpl } from 'node:fs';
