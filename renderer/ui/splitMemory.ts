/**
 * The share of a split's start pane the user chose, kept in localStorage. Only a share that
 * leaves both panes visible is kept or read back: a pane dragged to a sliver, or a value
 * from an older layout format, must not make the next tab open with a 13 px pane.
 */
const KEY_PREFIX = 'workbench:split:';
const LOWEST = 15;
const HIGHEST = 85;

function usable(share: unknown): share is number {
  return typeof share === 'number' && Number.isFinite(share) && share >= LOWEST && share <= HIGHEST;
}

export function rememberedStartPercent(name: string): number | null {
  try {
    const share: unknown = JSON.parse(localStorage.getItem(KEY_PREFIX + name) ?? 'null');
    return usable(share) ? share : null;
  } catch {
    return null;
  }
}

export function rememberStartPercent(name: string, share: number): void {
  if (!usable(share)) return;
  try {
    localStorage.setItem(KEY_PREFIX + name, JSON.stringify(share));
  } catch {
    // Storage full or refused: the split still works, it just is not remembered.
  }
}
