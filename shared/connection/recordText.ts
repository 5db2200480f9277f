import type { ClockOffset, ConnectionRecord } from '../contract/connectionRecord';

/** Decimals that show the offset to the precision it has: `±0.010 s` gets three, `±0.4 s` one. */
function decimalsFor(uncertainty: number): number {
  if (uncertainty < 0.01) return 3;
  if (uncertainty < 0.1) return 2;
  return 1;
}

/** `clock +0.30 s ±0.01 s`: the host's clock minus ours. */
export function clockText(clock: ClockOffset | null): string {
  if (!clock) return 'clock unknown';
  const decimals = decimalsFor(clock.uncertaintySeconds);
  const offset = clock.offsetSeconds.toFixed(decimals);
  const sign = offset.startsWith('-') ? '' : '+';
  return `clock ${sign}${offset} s ±${clock.uncertaintySeconds.toFixed(decimals)} s`;
}

/**
 * The record in one line: `SHA256:… · via ops@edge (SHA256:…) → ops@core (SHA256:…) · user ops ·
 * uname Linux … · clock +0.30 s ±0.01 s`: the target's key first, then the chain with each jump
 * host's key.
 */
export function connectionRecordText(record: ConnectionRecord): string {
  const target = record.hops.at(-1);
  const jumps = record.hops.slice(0, -1);
  return [
    target ? `${target.address} ${target.fingerprint}` : null,
    jumps.length > 0
      ? `via ${jumps.map((hop) => `${hop.address} (${hop.fingerprint})`).join(' → ')}`
      : null,
    `user ${record.user}`,
    `uname ${record.uname ?? 'unknown'}`,
    clockText(record.clock),
  ]
    .filter((part) => part !== null)
    .join(' · ');
}
