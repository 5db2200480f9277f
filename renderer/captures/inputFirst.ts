/**
 * During a flood, a user's input is drawn before the next batch of terminal output: a click or a
 * key outside the terminal holds the flooding screens' draws for INPUT_HOLD_MS, so the frame that
 * shows the click does not also redraw xterm.js (on the DOM renderer a flood redraw costs 10-20 ms
 * of script and as much of style and layout). Output keeps arriving meanwhile, within flow control;
 * half a window waiting still draws at once (screenDraws.ts).
 */
export const INPUT_HOLD_MS = 100;

let holdUntil = 0;

/** ms left before a flood draw may go, after the last input (0: none). */
export function inputHoldLeft(now: number = performance.now()): number {
  return Math.max(0, holdUntil - now);
}

export function inputArrived(now: number = performance.now()): void {
  holdUntil = now + INPUT_HOLD_MS;
}

/** Typing into a terminal wants its echo on screen, not held. */
function typedIntoTerminal(event: Event): boolean {
  return (
    event.type === 'keydown' &&
    typeof HTMLElement !== 'undefined' &&
    event.target instanceof HTMLElement &&
    event.target.classList.contains('xterm-helper-textarea')
  );
}

/** Notes every click, key and wheel turn, before the app's own handlers see it. */
export function listenForInput(target: Pick<Window, 'addEventListener'>): void {
  const note = (event: Event) => {
    if (!typedIntoTerminal(event)) inputArrived(event.timeStamp || performance.now());
  };
  for (const type of ['pointerdown', 'keydown', 'wheel'])
    target.addEventListener(type, note, { capture: true, passive: true });
}
