import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Terminal } from '@xterm/xterm';
import type { CastTimeline } from '../../../shared/captureLog/castTimeline';

/** Full reset (RIS): queued behind earlier writes, so a seek never mixes with what was drawn. */
const RESET = '\x1bc';
/** How often the position shown is updated while playing (the terminal itself gets every frame). */
const SHOWN_EVERY_MS = 100;

/**
 * Plays a timeline into a terminal: seek = reset, then everything up to t in one write; play
 * writes what each animation frame passes over, at 1× or faster.
 */
export function usePlayback(
  terminal: RefObject<Terminal | null>,
  timeline: CastTimeline | null,
  /** The columns and rows the pane has room for: a recording never gets fewer than it had. */
  room: () => { cols: number; rows: number } | undefined,
) {
  const position = useRef(0);
  const [shown, setShown] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const size = useRef('');

  const fitTo = useCallback(
    (t: number) => {
      const term = terminal.current;
      if (!term || !timeline) return;
      const recorded = timeline.sizeAt(t);
      // A hidden pane proposes no size (NaN): the recording's own is used.
      const fits = room();
      const whole = (n: number | undefined) =>
        n !== undefined && Number.isFinite(n) ? Math.floor(n) : 0;
      const cols = Math.max(recorded.cols, whole(fits?.cols));
      const rows = Math.max(recorded.rows, whole(fits?.rows));
      if (`${cols}x${rows}` === size.current) return;
      size.current = `${cols}x${rows}`;
      term.resize(cols, rows);
    },
    [terminal, timeline, room],
  );

  const seek = useCallback(
    (t: number) => {
      const term = terminal.current;
      if (!term || !timeline) return;
      const to = Math.max(0, Math.min(t, timeline.duration));
      fitTo(to);
      term.write(RESET);
      term.write(timeline.bytesBetween(-1, to));
      position.current = to;
      setShown(to);
    },
    [terminal, timeline, fitTo],
  );

  useEffect(() => {
    if (!playing || !timeline) return;
    let last = performance.now();
    let lastShown = 0;
    let frame = requestAnimationFrame(function step(now) {
      const from = position.current;
      const to = Math.min(timeline.duration, from + ((now - last) / 1000) * speed);
      last = now;
      fitTo(to);
      const bytes = timeline.bytesBetween(from, to);
      if (bytes.length > 0) terminal.current?.write(bytes);
      position.current = to;
      if (now - lastShown > SHOWN_EVERY_MS || to >= timeline.duration) {
        lastShown = now;
        setShown(to);
      }
      if (to >= timeline.duration) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, timeline, terminal, fitTo]);

  const toggle = useCallback(() => {
    if (!timeline) return;
    if (!playing && position.current >= timeline.duration) seek(0);
    setPlaying(!playing);
  }, [playing, timeline, seek]);

  return { position: shown, playing, toggle, seek, speed, setSpeed, at: () => position.current };
}
