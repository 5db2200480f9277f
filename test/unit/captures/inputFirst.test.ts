import { afterEach, describe, expect, it } from 'vitest';
import {
  INPUT_HOLD_MS,
  inputArrived,
  inputHoldLeft,
  listenForInput,
} from '../../../renderer/captures/inputFirst';
import {
  DRAW_NOW_BYTES,
  FLOOD_DRAW_MS,
  FLOOD_WRITE_BYTES,
  ScreenDraws,
} from '../../../renderer/captures/screenDraws';

/** Draws whose scheduling the test runs by hand, with the hold it reports. */
function heldDraws() {
  const written: number[] = [];
  const scheduled: { draw: () => void; afterMs: number }[] = [];
  const hold = { left: 0 };
  const draws = new ScreenDraws(
    (_bytes, count) => written.push(count),
    (draw, afterMs) => void scheduled.push({ draw, afterMs }),
    () => hold.left,
  );
  const runNext = () => scheduled.shift()?.draw();
  return { draws, written, scheduled, hold, runNext };
}

describe('a flood draw gives way to a user input', () => {
  afterEach(() => inputArrived(-10 * INPUT_HOLD_MS)); // no hold left for other tests

  it('waits out the hold, then draws everything held', () => {
    const { draws, written, scheduled, hold, runNext } = heldDraws();
    draws.push(new Uint8Array(FLOOD_WRITE_BYTES));
    runNext(); // the first big draw: a flood from now on
    draws.push(new Uint8Array(1000));
    expect(scheduled.map((s) => s.afterMs)).toEqual([FLOOD_DRAW_MS]);
    hold.left = 40;
    runNext();
    expect(written).toEqual([FLOOD_WRITE_BYTES]);
    expect(scheduled.map((s) => s.afterMs)).toEqual([40]);
    draws.push(new Uint8Array(500));
    hold.left = 0;
    runNext();
    expect(written).toEqual([FLOOD_WRITE_BYTES, 1500]);
  });

  it('does not hold output that is not a flood (a prompt, an echo)', () => {
    const { draws, written, hold, runNext } = heldDraws();
    hold.left = 80;
    draws.push(new Uint8Array(10));
    runNext();
    expect(written).toEqual([10]);
  });

  it('does not hold half a flow-control window: the host must not wait', () => {
    const { draws, written, scheduled, hold, runNext } = heldDraws();
    draws.push(new Uint8Array(FLOOD_WRITE_BYTES));
    runNext();
    hold.left = 80;
    draws.push(new Uint8Array(1000));
    draws.push(new Uint8Array(DRAW_NOW_BYTES));
    // Half a window arrived: a draw at the next frame, which the hold does not delay.
    expect(scheduled.at(-1)?.afterMs).toBe(0);
    scheduled.pop()?.draw();
    expect(written.reduce((a, b) => a + b, 0)).toBe(FLOOD_WRITE_BYTES + 1000 + DRAW_NOW_BYTES);
  });

  it('a click, a key or a wheel turn starts the hold; it ends INPUT_HOLD_MS later', () => {
    const target = new EventTarget();
    listenForInput(target);
    for (const type of ['pointerdown', 'keydown', 'wheel']) {
      inputArrived(-10 * INPUT_HOLD_MS);
      expect(inputHoldLeft()).toBe(0);
      target.dispatchEvent(new Event(type));
      expect(inputHoldLeft()).toBeGreaterThan(INPUT_HOLD_MS / 2);
    }
    inputArrived(1_000);
    expect(inputHoldLeft(1_000 + INPUT_HOLD_MS / 4)).toBe((3 * INPUT_HOLD_MS) / 4);
    expect(inputHoldLeft(1_000 + INPUT_HOLD_MS)).toBe(0);
  });
});
