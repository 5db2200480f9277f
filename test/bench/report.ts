/** Small helpers shared by the benchmarks: result type, number formatting, tables, sampling. */

export interface BenchResult {
  name: string;
  lines: string[];
}

/** A benchmark that failed part-way: run.ts prints `lines` (what was measured) and the error. */
export class BenchError extends Error {
  constructor(
    message: string,
    readonly lines: string[],
  ) {
    super(message);
    this.name = 'BenchError';
  }
}

/** 1 MB = 10^6 bytes throughout the report. */
export const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
export const mbPerS = (bytes: number, seconds: number): number => bytes / 1e6 / seconds;
export const ratio = (value: number, base: number | undefined): string =>
  base === undefined || !Number.isFinite(base) || base <= 0 ? '-' : `${(value / base).toFixed(2)}x`;
export const sec = (seconds: number): string => `${seconds.toFixed(2)} s`;
/** Group thousands so byte counts are readable and exact: 286 978 698. */
export const bytesExact = (n: number): string => n.toLocaleString('en-US').replaceAll(',', ' ');

/** Left-aligned first column, right-aligned others. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message.split('\n').slice(0, 6).join('\n  ') : String(err);

/**
 * Samples `read()` every `everyMs` until stop(): first value and peak. An async read that is still
 * pending when the next tick comes is not started twice.
 */
export class Sampler {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  first = Number.NaN;
  peak = Number.NaN;
  count = 0;

  private constructor(private readonly read: () => number | Promise<number>) {}

  static async start(read: () => number | Promise<number>, everyMs: number): Promise<Sampler> {
    const sampler = new Sampler(read);
    await sampler.sample();
    sampler.timer = setInterval(() => void sampler.sample(), everyMs);
    return sampler;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const value = await this.read();
      if (Number.isNaN(this.first)) this.first = value;
      this.peak = Number.isNaN(this.peak) ? value : Math.max(this.peak, value);
      this.count++;
    } catch {
      // A sample lost (e.g. a page closing) is not worth failing the benchmark for.
    } finally {
      this.busy = false;
    }
  }

  /** Takes one last sample, then stops. */
  async stop(): Promise<{ first: number; peak: number; growth: number }> {
    clearInterval(this.timer);
    await this.sample();
    return { first: this.first, peak: this.peak, growth: this.peak - this.first };
  }
}

/** Byte counter sampled over time, to find the steady rate between 10 % and 90 % of the total. */
export class ProgressTrace {
  private readonly points: { t: number; bytes: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => number,
    everyMs = 100,
  ) {
    this.mark();
    this.timer = setInterval(() => this.mark(), everyMs);
  }

  mark(): void {
    this.points.push({ t: performance.now(), bytes: this.read() });
  }

  stop(): void {
    clearInterval(this.timer);
    this.mark();
  }

  /** MB/s between the moments 10 % and 90 % of the bytes had gone by (start and end effects left out). */
  steadyMbPerS(): number {
    const first = this.points[0];
    const last = this.points[this.points.length - 1];
    if (!first || !last) return Number.NaN;
    const total = last.bytes - first.bytes;
    const at = (fraction: number) =>
      this.points.find((p) => p.bytes - first.bytes >= total * fraction);
    const a = at(0.1);
    const b = at(0.9);
    if (!a || !b || b.t <= a.t) return Number.NaN;
    return mbPerS(b.bytes - a.bytes, (b.t - a.t) / 1000);
  }
}
