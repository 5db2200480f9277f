/**
 * Keeps the CPUs out of deep idle states for a benchmark, through the kernel's PM QoS file
 * `/dev/cpu_dma_latency` (the request holds while the file is open).
 *
 * Why: strace stops the traced process at every syscall and waits for it, so its rate is set by
 * how fast an idle core wakes up. On a VM (cpuidle driver haltpoll) that dominates: strace of a
 * syscall loop with its output to /dev/null took 45.7 s on an otherwise idle machine, 8.9 s with
 * this request held, 7.2 s beside a niced busy loop. So a baseline run on a quiet machine came out
 * *slower* than the same strace printing into the app, whose own work kept the cores awake.
 * With the request held, every path of the flood runs under the same wake-up latency.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface CpusAwake {
  /** One line for the report: held, or why not (the figures then depend on idle wake-ups). */
  note: string;
  release(): void;
}

export function holdCpusAwake(): CpusAwake {
  if (process.env.BENCH_CPU_IDLE === 'deep')
    return {
      note: 'CPU idle: deep idle states allowed (BENCH_CPU_IDLE=deep); strace rates depend on wake-ups',
      release: () => undefined,
    };
  try {
    const fd = openSync('/dev/cpu_dma_latency', 'w');
    const zero = Buffer.alloc(4); // a 32-bit latency in µs: 0 = the shallowest idle state only
    writeSync(fd, zero);
    return {
      note: 'CPU idle: /dev/cpu_dma_latency held at 0 µs for the whole run (idle wake-ups do not set the rates)',
      release: () => closeSync(fd),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      note: `CPU idle: /dev/cpu_dma_latency not held (${reason}); strace's rates then depend on how fast idle cores wake`,
      release: () => undefined,
    };
  }
}
