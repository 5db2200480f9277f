/**
 * `npm run bench`: every benchmark in sequence, each against baselines measured in the same run
 * (no hard-coded numbers, no pass/fail thresholds). One failing benchmark prints its error and
 * the others still run; the exit code is 1 if any failed. See test/bench/README.md.
 * Progress goes to stderr, the report to stdout.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { BenchError, type BenchResult } from './report';
import { ensureRendererBuilt } from './rendererBuild';
import { benchTerminal } from './terminalBench';
import { benchFlame } from './flameBench';
import { benchStackParsers } from './stackParsersBench';
import { benchStraceParser } from './straceParserBench';
import { benchStraceFlood } from './straceFloodBench';
import { benchTopParser } from './topParserBench';
import { benchLibrary } from './libraryBench';
import { benchNotebookOpen } from './notebookOpenBench';

interface Bench {
  title: string;
  run(): Promise<BenchResult>;
}

const benches: Bench[] = [
  { title: 'top parser', run: benchTopParser },
  { title: 'py-spy dump and collapsed-stack parsers', run: benchStackParsers },
  { title: 'strace parser', run: benchStraceParser },
  { title: 'flame graph vs speedscope', run: benchFlame },
  { title: 'library search', run: benchLibrary },
  { title: 'notebook: opening a big investigation', run: benchNotebookOpen },
  {
    title: 'terminal throughput',
    async run() {
      // Built here so the browser-mode path serves the renderer of the current sources.
      const built = await ensureRendererBuilt();
      process.stderr.write(`  [terminal] ${built}\n`);
      const result = await benchTerminal().catch((err: unknown) => {
        if (err instanceof BenchError) err.lines.unshift(built);
        throw err;
      });
      return { ...result, lines: [built, ...result.lines] };
    },
  },
  // Builds out/renderer itself when it is older than its sources.
  { title: 'strace flood: UI responsiveness and memory', run: benchStraceFlood },
];

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const indent = (lines: string[]): void => {
  for (const line of lines) for (const part of line.split('\n')) print(part ? `  ${part}` : '');
};

async function main(): Promise<number> {
  const started = performance.now();
  print(`incident-workbench benchmarks, ${new Date().toISOString()}`);
  print(
    `${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, Node ${process.version}`,
  );
  const failed: string[] = [];
  for (const bench of benches) {
    print();
    process.stderr.write(`running ${bench.title}…\n`);
    const benchStarted = performance.now();
    try {
      const result = await bench.run();
      print(`== ${result.name} ==`);
      indent(result.lines);
    } catch (err) {
      failed.push(bench.title);
      print(`== ${bench.title}: FAILED ==`);
      if (err instanceof BenchError) indent([...err.lines, `FAILED: ${err.message}`]);
      else indent([err instanceof Error ? (err.stack ?? err.message) : String(err)]);
    }
    process.stderr.write(
      `${bench.title}: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s\n`,
    );
  }
  print();
  print(
    `${benches.length - failed.length} of ${benches.length} benchmarks ran to the end` +
      (failed.length ? `; FAILED: ${failed.join(', ')}` : '') +
      ` (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return failed.length ? 1 : 0;
}

const code = await main().catch((err: unknown) => {
  console.error(err);
  return 1;
});
process.exitCode = code;
// Everything is closed in finally blocks; if a stray handle still holds the loop, do not hang.
setTimeout(() => {
  process.stderr.write('bench: handles still open 10 s after the end, exiting anyway\n');
  process.exit(code);
}, 10_000).unref();
