interface Props {
  values: readonly number[];
  /** The value drawn at full height. */
  max: number;
  width?: number;
  height?: number;
  label: string;
}

/** A tiny inline history: one bar per sample, no axes. */
export function Sparkline({ values, max, width = 80, height = 14, label }: Props) {
  const slots = Math.max(values.length, 20);
  const barWidth = width / slots;
  const offset = slots - values.length;
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      {values.map((value, i) => {
        const h = max > 0 ? Math.max(1, Math.min(1, value / max) * height) : 1;
        return (
          <rect
            key={i}
            x={(offset + i) * barWidth}
            y={height - h}
            width={Math.max(1, barWidth - 0.5)}
            height={h}
          />
        );
      })}
    </svg>
  );
}
