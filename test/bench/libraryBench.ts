/**
 * Library search over captured text: `LIBRARY_BENCH_MB` (default 200) of generated strace and
 * py-spy output saved as evidence of 20 investigations by the real NotebookStore, indexed by the
 * real LibraryIndex. Measures the index build (time, event-loop delay while it runs, heap), then
 * 30 queries through `LibraryIndex.search` (results with snippets) against two baselines in the
 * same run, on the same files: a scan in this process (read each file, lower-case, indexOf every
 * word) and GNU `grep -r -l -i -F` of the query's first word. Standalone:
 *   LIBRARY_BENCH_MB=1024 npx tsx -e "import('./test/bench/libraryBench.ts').then(async m=>console.log((await m.benchLibrary()).lines.join('\n')))"
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LibraryIndex } from '../../electron/node/notebook/libraryIndex';
import { NotebookStore } from '../../electron/node/notebook/notebookStore';
import { EVIDENCE_PIECE_CHARS } from '../../shared/contract/index';
import { BENCH_QUERIES, capturedText } from './libraryBenchData';
import { mb, ratio, table, type BenchResult } from './report';

const INVESTIGATIONS = 20;
/** A pinned snapshot keeps at most the last 16 MiB of a capture. */
const SNAPSHOT_BYTES = 16 * 2 ** 20;
/** The scan baselines read everything for every query: fewer queries keep the run short. */
const BASELINE_QUERIES = 10;
const OWNER = 'bench';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function seed(store: NotebookStore, totalBytes: number): Promise<string[]> {
  const files: string[] = [];
  const perInvestigation = Math.ceil(totalBytes / INVESTIGATIONS);
  for (let i = 0; i < INVESTIGATIONS; i++) {
    const id = (await store.create(`Incident ${i + 1}`, OWNER)).summary.id;
    await store.saveNotes(id, `Seen on api-${i}: latency up, pool exhausted.\n`, OWNER);
    for (let left = perInvestigation, n = 0; left > 0; left -= SNAPSHOT_BYTES, n++) {
      const text = capturedText(Math.min(left, SNAPSHOT_BYTES), i * 1000 + n);
      let ref: string | null = null;
      let bytes = 0;
      for (let at = 0; at < text.length; at += EVIDENCE_PIECE_CHARS) {
        const piece = text.slice(at, at + EVIDENCE_PIECE_CHARS);
        const done = at + EVIDENCE_PIECE_CHARS >= text.length;
        ({ ref, bytes } = await store.uploadEvidence(
          id,
          { uploadId: `u_bench${i}x${n}x`, piece, done },
          OWNER,
        ));
      }
      if (!ref) throw new Error('evidence upload without a name');
      await store.addItem(
        id,
        {
          type: 'snapshot',
          title: `strace -f ${n}`,
          eventAt: new Date().toISOString(),
          pinnedAt: new Date().toISOString(),
          hostTime: null,
          source: { host: `api-${i}`, pid: 10_000 + n, command: 'strace -f -tt -T', log: null },
          capture: { kind: 'strace', unparsedLines: 0, data: {} },
          view: {},
          raw: { ref, bytes },
        },
        OWNER,
      );
      files.push(store.evidencePath(id, ref));
    }
  }
  return files;
}

/** Without an index: every file read (from the page cache), lower-cased, every word looked for. */
function scan(files: readonly string[], query: string): number {
  const words = query.toLowerCase().split(/\s+/);
  let hits = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8').toLowerCase();
    if (words.every((w) => text.includes(w))) hits++;
  }
  return hits;
}

function grep(dir: string, query: string): number {
  const word = query.split(/\s+/)[0] ?? query;
  const run = spawnSync('grep', ['-r', '-l', '-i', '-F', '-e', word, dir], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.stdout.split('\n').filter(Boolean).length;
}

export async function benchLibrary(): Promise<BenchResult> {
  const totalMb = Number(process.env['LIBRARY_BENCH_MB'] ?? 200);
  const totalBytes = Math.round(totalMb * 2 ** 20);
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-lib-'));
  try {
    const seedStarted = performance.now();
    const store = new NotebookStore(dataDir);
    const files = await seed(store, totalBytes);
    const seeded = (performance.now() - seedStarted) / 1000;

    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const library = new LibraryIndex(store);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const buildStarted = performance.now();
    const first = await library.search('futex');
    const firstMs = performance.now() - buildStarted;
    let status = first;
    while (status.indexing) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await library.search('futex');
    }
    const buildS = (performance.now() - buildStarted) / 1000;
    loop.disable();
    globalThis.gc?.();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

    const latencies: number[] = [];
    const hits: number[] = [];
    for (const query of BENCH_QUERIES) {
      const started = performance.now();
      const found = await library.search(query);
      latencies.push(performance.now() - started);
      hits.push(found.results.length);
    }
    const baseline = BENCH_QUERIES.slice(0, BASELINE_QUERIES);
    const scanMs: number[] = [];
    const grepMs: number[] = [];
    for (const query of baseline) {
      let started = performance.now();
      scan(files, query);
      scanMs.push(performance.now() - started);
      started = performance.now();
      grep(join(dataDir, 'investigations'), query);
      grepMs.push(performance.now() - started);
    }
    library.dispose();

    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const [index, scanned, grepped] = [sorted(latencies), sorted(scanMs), sorted(grepMs)];
    const indexOnBaseline = sorted(latencies.slice(0, BASELINE_QUERIES));
    const row = (name: string, list: number[]) => [
      name,
      String(list.length),
      ms(percentile(list, 50)),
      ms(percentile(list, 95)),
    ];
    const evidenceBytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    return {
      name: `library search (${mb(evidenceBytes)} MB of captured text, ${INVESTIGATIONS} investigations)`,
      lines: [
        `${files.length} snapshots of at most 16 MiB, generated and saved through NotebookStore in ${seeded.toFixed(1)} s; LIBRARY_BENCH_MB=${totalMb} sets the size`,
        `index build: ${buildS.toFixed(1)} s = ${(evidenceBytes / 1e6 / buildS).toFixed(1)} MB/s (first search answered in ${ms(firstMs)} while it ran), heap +${mb(heapGrowth)} MB${globalThis.gc ? '' : ' (no --expose-gc: approximate)'}`,
        `event loop delay while indexing: p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
        ...table(
          ['query latency', 'queries', 'p50', 'p95'],
          [
            row('LibraryIndex.search (with snippets)', index),
            row('  same, first 10 queries', indexOnBaseline),
            row('baseline: scan in process (read, lower-case, indexOf)', scanned),
            row('baseline: grep -r -l -i -F (first word)', grepped),
          ],
        ),
        `ratio p50 index/scan: ${ratio(percentile(indexOnBaseline, 50), percentile(scanned, 50))}, index/grep: ${ratio(percentile(indexOnBaseline, 50), percentile(grepped, 50))}`,
        `results per query (max 40, 3 per investigation): ${hits.join(' ')}`,
      ],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
