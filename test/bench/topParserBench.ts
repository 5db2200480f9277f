/**
 * Throughput of the `top` batch parser on a realistic 2 000-thread `top -b -H` snapshot (procps-ng
 * 4.x layout), against a baseline measured in the same run: splitting the same text into lines.
 * Called from test/bench/run.ts; standalone:
 *   npx tsx -e "import('./test/bench/topParserBench.ts').then(async m=>console.log(await m.benchTopParser()))"
 */
import { parseTopText, TopStreamParser } from '../../shared/parsers/top';

const THREADS = 2000;
const WARMUP_MS = 300;
const ROUNDS = 9;
const ROUND_MS = 120;

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

const pad = (s: string | number, w: number): string => String(s).padStart(w);

function timePlus(rand: () => number): string {
  const r = rand();
  if (r < 0.6) {
    const cs = Math.floor(rand() * 360 * 60 * 100);
    const m = Math.floor(cs / 6000);
    const s = Math.floor((cs % 6000) / 100);
    return `${m}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
  }
  if (r < 0.85)
    return `${Math.floor(6 + rand() * 90)},${String(Math.floor(rand() * 60)).padStart(2, '0')}`;
  if (r < 0.97) return `${1 + Math.floor(rand() * 30)}d+${Math.floor(rand() * 24)}h`;
  return `${1 + Math.floor(rand() * 9)}w+${Math.floor(rand() * 7)}d`;
}

/** procps `scale_mem`: plain KiB when it fits the column, else the smallest suffix that fits. */
function scaleMem(kib: number, width: number): string {
  if (String(kib).length <= width) return String(kib);
  for (const [div, unit] of [
    [1024, 'm'],
    [1048576, 'g'],
    [1073741824, 't'],
  ] as const) {
    const s = `${(kib / div).toFixed(1)}${unit}`;
    if (s.length <= width) return s;
  }
  return '?';
}

const USERS = ['root', 'www-dat+', 'postgres', 'app', '1001'];
const COMMANDS = [
  'python3',
  'uvicorn',
  'gunicorn',
  'JS Helper',
  'java',
  'postgres',
  'kworker/1:2-events',
  'ThreadPoolExec+',
];
const STATES = ['S', 'S', 'S', 'S', 'R', 'D', 'I'];

/** A procps-ng 4.x `top -b -H` frame with `THREADS` varied rows. */
export function makeTopThreadsSnapshot(threads = THREADS, seed = 42): string {
  const rand = prng(seed);
  const lines = [
    'top - 11:16:55 up 15 days, 12:18, 10 users,  load average: 9.38, 7.29, 6.17',
    `Threads: ${pad(threads, 4)} total,   7 running, ${pad(threads - 7, 4)} sleeping,   0 stopped,   0 zombie`,
    '%Cpu(s): 50.8 us,  1.6 sy,  0.0 ni, 47.6 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
    'MiB Mem :  64397.3 total,   1881.4 free,  40616.1 used,  22191.1 buff/cache     ',
    'MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.  23781.2 avail Mem ',
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  for (let i = 0; i < threads; i++) {
    const tid = 1_000_000 + Math.floor(rand() * 3_000_000);
    const pr = rand() < 0.02 ? 'rt' : rand() < 0.05 ? '0' : '20';
    const ni = pr === '0' ? -20 : 0;
    const cpu = rand() < 0.1 ? rand() * 100 : rand() < 0.3 ? rand() * 2 : 0;
    const virt = Math.floor(200_000 + rand() ** 2 * 60_000_000);
    const res = Math.floor(virt * rand() * 0.5);
    const shr = Math.floor(res * rand() * 0.3);
    const row =
      `${pad(tid, 7)} ${(USERS[i % USERS.length] ?? 'root').padEnd(8)} ${pad(pr, 3)} ${pad(ni, 3)} ` +
      `${pad(scaleMem(virt, 7), 7)} ${pad(scaleMem(res, 6), 6)} ${pad(scaleMem(shr, 6), 6)} ` +
      `${STATES[i % STATES.length] ?? 'S'} ` +
      `${pad(cpu.toFixed(1), 5)} ${pad((rand() * 20).toFixed(1), 5)} ${pad(timePlus(rand), 9)} ` +
      `${COMMANDS[Math.floor(rand() * COMMANDS.length)] ?? 'x'}`;
    lines.push(row);
  }
  return lines.join('\n') + '\n\n';
}

/** Median ms per call of `fn`, over ROUNDS rounds of about ROUND_MS each, after a warm-up. */
function measure(fn: () => number): number {
  let sink = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  let calls = 0;
  while (performance.now() < warmEnd) {
    sink += fn();
    calls++;
  }
  const perRound = Math.max(1, Math.round((calls * ROUND_MS) / WARMUP_MS));
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) sink += fn();
    samples.push((performance.now() - t0) / perRound);
  }
  if (sink === -1) console.log(sink); // keep the work observable
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

export async function benchTopParser(): Promise<{ name: string; lines: string[] }> {
  const text = makeTopThreadsSnapshot();
  const bytes = new TextEncoder().encode(text).length;
  const check = parseTopText(text);
  const rows = check.frames[0]?.rows.length ?? 0;
  if (rows !== THREADS || check.unparsedLines !== 0) {
    throw new Error(`benchmark snapshot parsed to ${rows} rows, ${check.unparsedLines} unparsed`);
  }

  const parseMs = measure(() => parseTopText(text).frames.length);
  const streamMs = measure(() => {
    const p = new TopStreamParser();
    let n = 0;
    for (let i = 0; i < text.length; i += 4096) n += p.push(text.slice(i, i + 4096)).length;
    return n + p.end().length;
  });
  const splitMs = measure(() => text.split('\n').length);

  const mbPerS = (ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1);
  const perS = (ms: number): string => (1000 / ms).toFixed(0);
  await Promise.resolve();
  return {
    name: 'top parser (procps top -b -H, 2000 threads)',
    lines: [
      `snapshot: ${THREADS} rows, ${(bytes / 1024).toFixed(1)} KiB; median of ${ROUNDS} rounds after ${WARMUP_MS} ms warm-up`,
      `parseTopText:           ${parseMs.toFixed(3)} ms/snapshot = ${perS(parseMs)} snapshots/s, ${mbPerS(parseMs)} MB/s`,
      `TopStreamParser (4 KiB): ${streamMs.toFixed(3)} ms/snapshot = ${perS(streamMs)} snapshots/s, ${mbPerS(streamMs)} MB/s`,
      `baseline split('\\n'):    ${splitMs.toFixed(3)} ms/snapshot = ${perS(splitMs)} snapshots/s, ${mbPerS(splitMs)} MB/s`,
      `ratio parser/baseline: ${(parseMs / splitMs).toFixed(1)}x (stream ${(streamMs / splitMs).toFixed(1)}x)`,
    ],
  };
}
