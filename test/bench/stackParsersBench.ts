/**
 * Throughput of the stack parsers on generated but realistic inputs, each beside baselines
 * measured in the same run (no thresholds; the ratios are what matter):
 *
 * - `PyDumpTextParser` on ~50 000 lines of periodic `py-spy dump` output (seed-000-like: an event
 *   loop and a 20-thread pool, some `--locals` blocks), whole and in 4 KiB pieces;
 * - `CollapsedStackParser` on `generateCollapsedFile()`: ~100 000 distinct stacks of depth 8–40
 *   carrying ~1 000 000 samples, py-spy raw frames (`func (pkg/module.py:123)`).
 *
 * Baselines: `text.split('\n')` (the least a line parser must do) and a trivial per-line regex
 * over the split lines (the issue's); for collapsed stacks also a naive parser giving the same
 * frame ids (naiveFrameIds). Median of several timed rounds after a warm-up. Standalone:
 *   npx tsx -e "import('./test/bench/stackParsersBench.ts').then(async m=>console.log((await m.benchStackParsers()).lines.join('\n')))"
 */
import { CollapsedStackParser } from '../../shared/parsers/collapsed';
import { PyDumpTextParser } from '../../shared/parsers/pyspy';
import { collapsedByteReading } from '../../renderer/workers/collapsedScanner';

/** mulberry32: a small deterministic PRNG, so every run parses the same text. */
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

const MODULES = [
  'app/views', 'app/services', 'app/models', 'app/tasks', 'app/serializers', 'app/billing',
  'django/core/handlers/base', 'django/db/models/query', 'django/db/backends/utils',
  'django/template/base', 'sqlalchemy/orm/query', 'sqlalchemy/engine/base', 'sqlalchemy/pool/base',
  'requests/sessions', 'requests/adapters', 'urllib3/connectionpool', 'urllib3/response',
  'json/decoder', 'json/encoder', 'logging/__init__', 'asyncio/base_events', 'asyncio/events',
  'concurrent/futures/thread', 'gunicorn/workers/sync', 'jinja2/runtime', 'redis/client',
  'pandas/core/frame', 'http/client', 'ssl', 'socket', 're/_compiler', 'threading', 'selectors',
]; // prettier-ignore
const VERBS = ['get', 'load', 'save', 'handle', 'process', 'render', 'parse', 'build', 'fetch', 'send', 'read', 'write', 'compute', 'validate', 'serialize', 'dispatch', 'execute', 'wrap', 'resolve', 'emit']; // prettier-ignore
const NOUNS = ['user', 'order', 'report', 'request', 'response', 'row', 'query', 'template', 'invoice', 'session', 'token', 'payload', 'record', 'batch', 'item', 'cursor', 'result', 'context', 'chunk', 'frame']; // prettier-ignore

const FRAME_POOL = 6000;
const CALLEES = 8;

/** The frame texts of a synthetic program: `verb_noun (pkg/module.py:line)`. */
function framePool(rand: () => number): string[] {
  const pool: string[] = [];
  for (let i = 0; i < FRAME_POOL; i++) {
    const fn = `${VERBS[Math.floor(rand() * VERBS.length)] ?? 'f'}_${NOUNS[Math.floor(rand() * NOUNS.length)] ?? 'x'}`;
    const mod = MODULES[Math.floor(rand() * MODULES.length)] ?? 'app';
    pool.push(`${fn} (${mod}.py:${1 + Math.floor(rand() * 1500)})`);
  }
  return pool;
}

/**
 * A deterministic collapsed ("folded") file like `py-spy record --format raw` writes: 100 000
 * distinct stacks of depth 8–40 (root first), about 1 000 000 samples in all (a skewed weight per
 * stack), ~70 MB. Distinctness is by construction: the first six levels spell the stack's index in
 * base 8 through each frame's fixed callee list; deeper levels follow random callees.
 */
export function generateCollapsedFile(stacks = 100_000, seed = 7): string {
  const rand = prng(seed);
  const pool = framePool(rand);
  const callees = Array.from({ length: FRAME_POOL }, () =>
    Array.from({ length: CALLEES }, () => Math.floor(rand() * FRAME_POOL)),
  );
  const roots = [0, 1, 2, 3];
  const out: string[] = [];
  for (let i = 0; i < stacks; i++) {
    const depth = 8 + Math.floor(rand() * 33);
    let frame = roots[i % roots.length] ?? 0;
    const ids = [frame];
    let digits = Math.floor(i / roots.length);
    for (let d = 1; d < depth; d++) {
      const pick = d <= 6 ? digits % CALLEES : Math.floor(rand() * CALLEES);
      if (d <= 6) digits = Math.floor(digits / CALLEES);
      frame = callees[frame]?.[pick] ?? 0;
      ids.push(frame);
    }
    // Mean ≈ 10 samples per stack, a long tail as in real profiles.
    const weight = 1 + Math.floor(-Math.log(1 - rand()) * 9);
    out.push(`${ids.map((id) => pool[id]).join(';')} ${weight}\n`);
  }
  return out.join('');
}

/** ~`lines` lines of periodic `py-spy dump` output of a seed-000-like uvicorn service. */
export function generateDumpText(lines = 50_000, seed = 3): string {
  const rand = prng(seed);
  const loop = ['select (selectors.py:468)', '_run_once (asyncio/base_events.py:1884)', 'run_forever (asyncio/base_events.py:607)', 'run_until_complete (asyncio/base_events.py:640)', 'run (asyncio/runners.py:118)', 'run (uvicorn/server.py:60)', 'main (uvicorn/main.py:437)', '<module> (uvicorn/__main__.py:4)', '_run_code (<frozen runpy>:88)', '_run_module_as_main (<frozen runpy>:198)']; // prettier-ignore
  const pool = ['run (concurrent/futures/thread.py:58)', '_worker (concurrent/futures/thread.py:83)', 'run (threading.py:975)', '_bootstrap_inner (threading.py:1038)', '_bootstrap (threading.py:995)']; // prettier-ignore
  const leaves = [['summarize (app.py:50)', 'get_user_state (app.py:40)'], ['readinto (socket.py:706)', '_read_status (http/client.py:284)', 'begin (http/client.py:323)', 'getresponse (http/client.py:1403)', 'do_open (urllib/request.py:1365)', 'urlopen (urllib/request.py:216)', 'get_user_state (app.py:38)'], ['_worker (concurrent/futures/thread.py:81)']]; // prettier-ignore
  const out: string[] = [];
  let n = 0;
  for (let run = 0; n < lines; run++) {
    out.push('Process 10029: /usr/bin/python3 -m uvicorn app:app --host 127.0.0.1 --port 40329');
    out.push('Python v3.11.2 (/usr/bin/python3.11)', '');
    out.push('Thread 10029 (idle): "MainThread"', ...loop.map((f) => `    ${f}`));
    n += 14;
    for (let t = 0; t < 20; t++) {
      const kind = rand();
      const leaf = leaves[kind < 0.6 ? 0 : kind < 0.85 ? 1 : 2] ?? [];
      const status = kind < 0.6 ? (t === run % 20 ? 'active+gil' : 'active') : 'idle';
      out.push(`Thread ${10063 + t} (${status}): "asyncio_${t}"`);
      for (const f of [...leaf, ...pool.slice(leaf.length === 1 ? 2 : 0)]) {
        out.push(`    ${f}`);
        n++;
        if (rand() < 0.05) {
          out.push('        Arguments:', `            self: <Thread at 0x7fa0${t}c4dd3f90>`);
          n += 2;
        }
      }
      n++;
    }
  }
  return out.join('\n') + '\n';
}

const WARMUP_MS = 300;
const ROUNDS = 7;

/** Median ms per call over ROUNDS rounds (each ≥ ~100 ms or one call), after a warm-up. */
function measure(fn: () => number, rounds = ROUNDS): number {
  let sink = 0;
  let calls = 0;
  const warmStart = performance.now();
  do {
    sink += fn();
    calls++;
  } while (performance.now() - warmStart < WARMUP_MS);
  const perCall = (performance.now() - warmStart) / calls;
  const perRound = Math.max(1, Math.round(100 / perCall));
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) sink += fn();
    samples.push((performance.now() - t0) / perRound);
  }
  if (sink === -1) console.log(sink); // keeps the work observable
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

interface Row {
  label: string;
  ms: number;
}

/** The figure the issue asks for: regex-per-line time over the parser's (>1 means faster). */
function speedVsRegex(rows: Row[], parser: string): string {
  const regex = rows.find((r) => r.label.startsWith('baseline regex'))?.ms ?? NaN;
  const mine = rows.find((r) => r.label === parser)?.ms ?? NaN;
  return `  ${parser} speed vs one regex per line: ${(regex / mine).toFixed(2)}x`;
}

function report(
  title: string,
  bytes: number,
  lines: number,
  rows: Row[],
  parser: string,
): string[] {
  const base = rows.find((r) => r.label.startsWith('baseline split'))?.ms ?? NaN;
  const regex = rows.find((r) => r.label.startsWith('baseline regex'))?.ms ?? NaN;
  const out = [title];
  const w = Math.max(...rows.map((r) => r.label.length));
  for (const r of rows) {
    const s = r.ms / 1000;
    out.push(
      `  ${r.label.padEnd(w)}  ${r.ms.toFixed(1).padStart(8)} ms  ` +
        `${(lines / s / 1e6).toFixed(2).padStart(6)} M lines/s  ${(bytes / 1e6 / s).toFixed(1).padStart(7)} MB/s  ` +
        `×split ${(r.ms / base).toFixed(1).padStart(5)}  ×regex ${(r.ms / regex).toFixed(1).padStart(5)}`,
    );
  }
  out.push(speedVsRegex(rows, parser));
  return out;
}

/** The same, over a second baseline whose label starts with `baseline`. */
function speedVs(rows: Row[], parser: string, baseline: string, what: string): string {
  const base = rows.find((r) => r.label === baseline)?.ms ?? NaN;
  const mine = rows.find((r) => r.label === parser)?.ms ?? NaN;
  return `  ${parser} speed vs ${what}: ${(base / mine).toFixed(2)}x`;
}

const NAIVE = 'baseline naive parser: regex, split(";"), Map';
const BYTES = 'CollapsedStackParser from UTF-8 bytes (WebAssembly scanner)';

const splitLines = (text: string): number => text.split('\n').length;

/**
 * A second baseline for collapsed stacks, beside the regex (which only matches lines): the
 * plainest parser that gives the same frame ids, one regex per line, `split(';')` of its frames
 * and a Map from frame text to id (no cleaning, no stack merging, no frame records).
 */
function naiveFrameIds(text: string): number {
  const re = /^(.*) (\d+)$/;
  const ids = new Map<string, number>();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (m === null) continue;
    for (const frame of (m[1] ?? '').split(';')) {
      let id = ids.get(frame);
      if (id === undefined) ids.set(frame, (id = ids.size));
      sum += id;
    }
  }
  return sum;
}

function regexLines(text: string, re: RegExp): number {
  let n = 0;
  for (const line of text.split('\n')) if (re.exec(line) !== null) n++;
  return n;
}

function inPieces(text: string, p: { push(t: string): void; end(): void }, size: number): void {
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  p.end();
}

export async function benchStackParsers(): Promise<{ name: string; lines: string[] }> {
  const out: string[] = [];

  const dump = generateDumpText();
  const dumpBytes = new TextEncoder().encode(dump).length;
  const dumpLines = splitLines(dump) - 1;
  const check = new PyDumpTextParser();
  check.push(dump);
  check.end();
  if (check.unparsedLines !== 0) throw new Error(`dump text: ${check.unparsedLines} unparsed`);
  const runs = check.snapshot().dumps.length;
  out.push(
    ...report(
      `py-spy dump text: ${dumpLines} lines, ${(dumpBytes / 1e6).toFixed(2)} MB, ${runs} dumps of 21 threads`,
      dumpBytes,
      dumpLines,
      [
        { label: 'baseline split("\\n")', ms: measure(() => splitLines(dump)) },
        {
          label: 'baseline regex per line',
          ms: measure(() => regexLines(dump, /^ +(\S+) \((.*)\)$/)),
        },
        {
          label: 'PyDumpTextParser',
          ms: measure(() => {
            const p = new PyDumpTextParser();
            p.push(dump);
            p.end();
            return p.unparsedLines;
          }),
        },
        {
          label: 'PyDumpTextParser 4 KiB pieces',
          ms: measure(() => {
            const p = new PyDumpTextParser();
            inPieces(dump, p, 4096);
            return p.unparsedLines;
          }),
        },
      ],
      'PyDumpTextParser',
    ),
  );
  await Promise.resolve();

  const t0 = performance.now();
  const folded = generateCollapsedFile();
  const genMs = performance.now() - t0;
  const foldedUtf8 = new TextEncoder().encode(folded);
  const foldedBytes = foldedUtf8.length;
  const foldedLines = splitLines(folded) - 1;
  const cp = new CollapsedStackParser();
  cp.push(folded);
  cp.end();
  const samples = cp.snapshot();
  if (cp.unparsedLines !== 0) throw new Error(`collapsed: ${cp.unparsedLines} unparsed`);
  const reading = collapsedByteReading();
  const scanned = new CollapsedStackParser();
  scanned.pushBytes(foldedUtf8, reading);
  scanned.end();
  if (!scanned.scannedBytes) throw new Error('collapsed: the WebAssembly scanner did not run');
  if (JSON.stringify(scanned.snapshot()) !== JSON.stringify(cp.snapshot())) {
    throw new Error('collapsed: the bytes gave another model than the text');
  }
  const depth = samples.stacks.reduce((n, s) => n + s.frameIds.length, 0) / samples.stacks.length;
  const collapsedRows: Row[] = [
    { label: 'baseline split("\\n")', ms: measure(() => splitLines(folded), 5) },
    {
      label: 'baseline regex per line',
      ms: measure(() => regexLines(folded, /^(.*) (\d+)$/), 5),
    },
    { label: NAIVE, ms: measure(() => naiveFrameIds(folded), 5) },
    {
      label: 'CollapsedStackParser',
      ms: measure(() => {
        const p = new CollapsedStackParser();
        p.push(folded);
        p.end();
        return p.unparsedLines;
      }, 5),
    },
    {
      label: 'CollapsedStackParser 64 KiB pieces',
      ms: measure(() => {
        const p = new CollapsedStackParser();
        inPieces(folded, p, 65536);
        return p.unparsedLines;
      }, 5),
    },
    {
      label: BYTES,
      ms: measure(() => {
        const p = new CollapsedStackParser();
        p.pushBytes(foldedUtf8, reading);
        p.end();
        return p.unparsedLines;
      }, 5),
    },
    {
      label: 'CollapsedStackParser.snapshot()',
      ms: measure(() => cp.snapshot().stacks.length, 5),
    },
  ];
  out.push(
    '',
    ...report(
      `collapsed stacks (generateCollapsedFile, made in ${genMs.toFixed(0)} ms): ${foldedLines} lines, ` +
        `${(foldedBytes / 1e6).toFixed(1)} MB, ${samples.stacks.length} distinct stacks ` +
        `(mean depth ${depth.toFixed(1)}), ${samples.frames.length} distinct frames, ` +
        `${samples.totalWeight} samples`,
      foldedBytes,
      foldedLines,
      collapsedRows,
      'CollapsedStackParser',
    ),
    speedVs(collapsedRows, 'CollapsedStackParser', NAIVE, 'the naive parser (same frame ids)'),
    speedVs(collapsedRows, BYTES, 'baseline regex per line', 'one regex per line (its text)'),
    '  (from bytes: the file as the worker reads it, no decoding; the regex reads the decoded text)',
    '  (×split / ×regex: time relative to the baselines on the same text; median of rounds)',
  );
  return { name: 'stack parsers (py-spy dump text, collapsed stacks)', lines: out };
}
