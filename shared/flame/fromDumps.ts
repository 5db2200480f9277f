import { StackSamplesBuilder, type StackSamples } from '../parsers/collapsed/index';
import type { PyProcessDump } from '../parsers/pyspy/dumpModel';

/**
 * Periodic `py-spy dump`s (or gdb py-bt runs) aggregated into a flame graph: each thread in each
 * dump is one sample of its stack. A poor man's profiler where `py-spy record` is not possible,
 * built live as dumps arrive. Idle threads are left out unless asked for, as py-spy record does.
 */
export function dumpsToSamples(
  dumps: readonly PyProcessDump[],
  options: { includeIdle?: boolean } = {},
): StackSamples {
  const builder = new StackSamplesBuilder();
  for (const dump of dumps) {
    for (const thread of dump.threads) {
      if (thread.idle && !options.includeIdle) continue;
      if (thread.frames.length === 0) continue;
      // Dump frames are leaf first; a flame graph stack is root first.
      const ids: number[] = [];
      for (let i = thread.frames.length - 1; i >= 0; i--) {
        const f = thread.frames[i];
        if (!f) continue;
        const key = `${f.function}\u0000${f.file}\u0000${f.line ?? ''}`;
        ids.push(
          builder.frameId(key, () => ({
            name: f.function,
            ...(f.file ? { file: f.file } : {}),
            ...(f.line !== null ? { line: f.line } : {}),
          })),
        );
      }
      builder.addStack(ids, 1);
    }
  }
  return builder.build(false);
}
