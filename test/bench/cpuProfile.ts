/** DevTools CPU profiles of a page or worker, summed by function (the benches' BENCH_*_PROFILE knobs). */

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** A DevTools CPU profile (the fields used here). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The heaviest functions of a CPU profile by self time. */
export function topSelf(label: string, profile: CpuProfile, count = 10): string[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const frame = frames.get(id);
    const dt = (deltas[i + 1] ?? 0) / 1000;
    total += dt;
    if (!frame) return;
    const file =
      frame.url
        .split('/')
        .pop()
        ?.replace(/-[\w-]{8}\.js$/, '.js') ?? '';
    const key = file
      ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
      : frame.functionName;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const idle = self.get('(idle)') ?? 0;
  return [
    `${label}: ${ms(total)} profiled, idle ${((idle / Math.max(1, total)) * 100).toFixed(0)} %; heaviest by self time:`,
    ...[...self]
      .filter(([key]) => key !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(
        ([key, t]) =>
          `    ${ms(t).padStart(8)} ${((t / total) * 100).toFixed(1).padStart(5)} %  ${key}`,
      ),
  ];
}
