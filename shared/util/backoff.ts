/**
 * When to try again after a connection dropped: 1 s, 2 s, 4 s… doubling up to 30 s, each delay
 * spread by ±20 % so that many tabs (or many workbenches) that lost the same bastion do not all
 * knock on it in the same second.
 */
export const RECONNECT_BACKOFF = {
  firstMs: 1_000,
  maxMs: 30_000,
  /** Fraction of the delay added or taken away at random. */
  jitter: 0.2,
} as const;

/**
 * The wait before reconnect attempt `attempt` (1 = the first), in ms. `random` is a number in
 * [0, 1) (Math.random in the app, fixed in tests); out-of-range values are clamped.
 */
export function reconnectDelayMs(attempt: number, random: number): number {
  const { firstMs, maxMs, jitter } = RECONNECT_BACKOFF;
  const step = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^30 s is far past the cap: stop doubling there so the number stays finite.
  const base = Math.min(maxMs, firstMs * 2 ** Math.min(step - 1, 30));
  const spread = Number.isFinite(random) ? Math.min(1, Math.max(0, random)) : 0.5;
  const delay = base * (1 - jitter + 2 * jitter * spread);
  return Math.round(Math.min(maxMs, delay));
}
