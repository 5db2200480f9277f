/**
 * Throughput of the strace stream parser on ~200 000 generated but realistic `strace -f -tt -T`
 * lines (8 threads; reads, writes, futex waits, refused connects, a logging loop of `sendto` +
 * `rename` = -1 ENOENT, unfinished/resumed pairs, strings with quotes, escapes and `) = `), against
 * baselines measured in the same run: `text.split('\n')`, and one regex match per line. Also the
 * parser's retained heap after 2 000 000 lines, to show it is bounded.
 * Called from test/bench/run.ts; standalone:
 *   node --expose-gc --import tsx -e "import('./test/bench/straceParserBench.ts').then(async m=>console.log((await m.benchStraceParser()).lines.join('\n')))"
 */
import { StraceParser } from '../../shared/parsers/strace';

const LINES = 200_000;
const MEMORY_LINES = 2_000_000;
const ROUNDS = 7;
const CHUNK = 64 * 1024;

/** Small deterministic PRNG (mulberry32) so every run parses the same text. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIDS = [11735, 11736, 11737, 11738, 11740, 11741, 11745, 11750];

function stamp(us: number): string {
  const s = Math.floor(us / 1e6);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(us % 1e6).padStart(6, '0')}`;
}

const dur = (r: () => number, scale: number): string => ` <${(r() * scale).toFixed(6)}>`;

/** A complete call (args, result) for thread `i`; `n` counts thread 0's calls. */
function call(r: () => number, i: number, n: number): [string, string, string] {
  const x = r();
  if (i === 0) {
    // the logging loop of seed 003: sendto, rename, sendto, rename…
    return n % 2 === 0
      ? [
          'sendto',
          '3, "<14>app: rotating log handler failed, retrying", 46, 0, {sa_family=AF_UNIX, sun_path="/dev/log"}, 11',
          '-1 ENOENT (No such file or directory)',
        ]
      : [
          'rename',
          '"/srv/app/app.log.1", "/srv/app/app.log.2"',
          '-1 ENOENT (No such file or directory)',
        ];
  }
  if (x < 0.2)
    return [
      'read',
      `${5 + i}, "GET /api/items?id=${Math.floor(r() * 1e5)} HTTP/1.1\\r\\nHost: x\\r\\n"..., 65536`,
      `${200 + Math.floor(r() * 800)}`,
    ];
  if (x < 0.35)
    return [
      'write',
      `${5 + i}, "f(x) = \\"y\\" ) = -1 ENOENT (No such file or directory) \\303\\251"..., 4096`,
      '4096',
    ];
  if (x < 0.45)
    return [
      'read',
      `${5 + i}, 0x7f3c2c0a1000, 65536`,
      '-1 EAGAIN (Resource temporarily unavailable)',
    ];
  if (x < 0.55)
    return [
      'openat',
      `AT_FDCWD, "/etc/app/conf.d/${Math.floor(r() * 50)}.conf", O_RDONLY|O_CLOEXEC`,
      '-1 ENOENT (No such file or directory)',
    ];
  if (x < 0.62)
    return [
      'connect',
      `${7 + i}, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("10.0.0.5")}, 16`,
      '-1 ECONNREFUSED (Connection refused)',
    ];
  if (x < 0.72) return ['epoll_wait', '4, [{events=EPOLLIN, data={u32=9, u64=9}}], 1024, 0', '1'];
  if (x < 0.8)
    return [
      'mmap',
      'NULL, 262144, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0',
      '0x7f3c2c0a1000',
    ];
  if (x < 0.9) return ['close', `${9 + i}`, '0'];
  return ['futex', '0xa563d8, FUTEX_WAKE_PRIVATE, 1', '1'];
}

/** `count` lines of `strace -f -tt -T` output (about 14 % of them unfinished/resumed halves). */
export function makeStraceLines(count: number, seed = 42): string[] {
  const r = prng(seed);
  const out: string[] = [];
  let us = 15 * 3600e6 + 9 * 60e6;
  const blocked = new Map<number, string>();
  let loopCalls = 0;
  while (out.length < count) {
    us += 1 + Math.floor(r() * 60);
    const i = Math.floor(r() * PIDS.length);
    const pid = PIDS[i] ?? 1;
    const lead = `[pid ${pid}] ${stamp(us)} `;
    const inFlight = blocked.get(pid);
    if (inFlight !== undefined) {
      blocked.delete(pid);
      const ok = r() < 0.8;
      out.push(
        `${lead}<... ${inFlight} resumed>) = ${ok ? '0' : '-1 ETIMEDOUT (Connection timed out)'}${dur(r, 0.05)}`,
      );
    } else if (i !== 0 && r() < 0.08) {
      const name = r() < 0.7 ? 'futex' : 'clock_nanosleep';
      blocked.set(pid, name);
      out.push(
        name === 'futex'
          ? `${lead}futex(0x28598500, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>`
          : `${lead}clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=2698, tv_nsec=570016990},  <unfinished ...>`,
      );
    } else {
      const [name, args, result] = call(r, i, i === 0 ? loopCalls++ : 0);
      out.push(`${lead}${name}(${args}) = ${result}${dur(r, 0.0001)}`);
    }
  }
  return out;
}

/** Median ms of `fn` over ROUNDS rounds after one warm-up call. */
function measure(fn: () => number): number {
  let sink = fn();
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    sink += fn();
    samples.push(performance.now() - t0);
  }
  if (sink === -1) console.log(sink); // keep the work observable
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

function feed(parser: StraceParser, text: string): void {
  for (let i = 0; i < text.length; i += CHUNK) parser.push(text.slice(i, i + CHUNK));
}

const ONE_REGEX =
  /^\[pid +(\d+)\] (\S+) (?:<\.\.\. )?(\w+)[( ](.*?)(?:\) += (.*?))?(?: <([\d.]+)>)?$/;

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

export async function benchStraceParser(): Promise<{ name: string; lines: string[] }> {
  const text = `${makeStraceLines(LINES).join('\n')}\n`;
  const bytes = new TextEncoder().encode(text).length;
  const check = new StraceParser();
  feed(check, text);
  check.end();
  const model = check.snapshot();
  if (model.unparsedLines !== 0 || model.lines !== LINES) {
    throw new Error(
      `benchmark text parsed to ${model.lines} lines, ${model.unparsedLines} unparsed`,
    );
  }

  const parseMs = measure(() => {
    const p = new StraceParser();
    feed(p, text);
    p.end();
    return p.unparsedLines;
  });
  const snapshotMs = measure(() => check.snapshot().recent.length);
  const splitMs = measure(() => text.split('\n').length);
  const regexMs = measure(() => {
    let n = 0;
    for (const line of text.split('\n')) if (ONE_REGEX.exec(line)) n++;
    return n;
  });

  // Retained memory: one parser fed MEMORY_LINES lines (the same 200 000 ten times, timestamps and
  // all), heap measured with the parser still referenced.
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const before = heapMiB();
  const big = new StraceParser();
  const marks: string[] = [];
  for (let done = 0; done < MEMORY_LINES; done += LINES) {
    feed(big, text);
    if (
      done + LINES === LINES ||
      done + LINES === MEMORY_LINES / 2 ||
      done + LINES === MEMORY_LINES
    ) {
      marks.push(
        `${((done + LINES) / 1e6).toFixed(1)}M lines: +${(heapMiB() - before).toFixed(1)} MiB`,
      );
    }
  }
  big.end();
  const last = big.snapshot();

  const linesPerS = (ms: number): string => `${(((LINES / ms) * 1000) / 1e3).toFixed(0)}k lines/s`;
  const mbPerS = (ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
  await Promise.resolve();
  return {
    name: `strace parser (-f -tt -T, ${LINES} lines)`,
    lines: [
      `text: ${LINES} lines, ${(bytes / 1e6).toFixed(1)} MB, ${CHUNK / 1024} KiB chunks; median of ${ROUNDS} rounds after a warm-up`,
      `StraceParser:             ${parseMs.toFixed(0)} ms = ${linesPerS(parseMs)}, ${mbPerS(parseMs)}`,
      `baseline split('\\n'):     ${splitMs.toFixed(1)} ms = ${linesPerS(splitMs)}, ${mbPerS(splitMs)}`,
      `baseline 1 regex / line:  ${regexMs.toFixed(0)} ms = ${linesPerS(regexMs)}, ${mbPerS(regexMs)}`,
      `ratio parser/split: ${(parseMs / splitMs).toFixed(1)}x, parser/regex: ${(parseMs / regexMs).toFixed(2)}x`,
      // Lines per second of the parser over those of the regex: ≥ 1.00x means at least as fast.
      `speed vs one regex per line: ${(regexMs / parseMs).toFixed(2)}x`,
      `snapshot(): ${snapshotMs.toFixed(2)} ms (${model.recent.length} recent events, ${model.syscalls.length} syscalls, ${model.threads.length} threads)`,
      `retained heap of one parser ${gc ? '(after global.gc)' : '(no --expose-gc: figures include garbage)'}: ${marks.join(', ')}`,
      `after ${(MEMORY_LINES / 1e6).toFixed(0)}M lines: ${last.calls} calls, loop ${last.loop ? `${last.loop.cycle.map((c) => c.name).join('; ')} ×${last.loop.repeats}` : 'none'}`,
    ],
  };
}
