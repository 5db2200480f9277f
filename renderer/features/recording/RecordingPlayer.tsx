import './recording.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { RecordingItem } from '../../../shared/contract/index';
import { useAppStore } from '../../state/store';
import { terminalTheme } from '../terminal/terminalTheme';
import { usePlayback } from './usePlayback';
import { useRecording } from './useRecording';

/** Seconds as m:ss.s, the way a player shows them. */
const at = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

const SPEEDS = [1, 2, 4, 16] as const;
const STEP_SECONDS = 5;

/** The snapshots pinned from this terminal: where they were taken, on the recording's clock. */
function useMarkers(item: RecordingItem) {
  const items = useAppStore((s) => s.investigation?.items);
  return useMemo(
    () =>
      (items ?? [])
        .flatMap((other) =>
          other.type === 'snapshot' && other.source.log?.terminalId === item.terminalId
            ? [{ id: other.id, title: other.title, at: other.source.log.atSeconds }]
            : [],
        )
        .sort((a, b) => a.at - b.at),
    [items, item.terminalId],
  );
}

/**
 * A terminal recording of the investigation, replayed: play/pause (Space), seek (the slider,
 * ←/→ by 5 s, Home/End), the moments pinned from it as markers ([ and ] go to the previous and
 * next one). `startAt` seeks there once the recording has reached it.
 */
export function RecordingPlayer({ item, startAt }: { item: RecordingItem; startAt?: number }) {
  const investigationId = useAppStore((s) => s.investigation?.summary.id ?? '');
  const loaded = useRecording(investigationId, item);
  const element = useRef<HTMLDivElement | null>(null);
  const terminal = useRef<Terminal | null>(null);
  const fitAddon = useRef<FitAddon | null>(null);
  const room = useCallback(() => fitAddon.current?.proposeDimensions(), []);
  const playback = usePlayback(terminal, loaded.timeline, room);
  const markers = useMarkers(item);
  const duration = loaded.timeline?.duration ?? 0;
  const started = useRef(false);

  useEffect(() => {
    if (!element.current) return;
    const term = new Terminal({
      fontFamily: '"JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 12,
      lineHeight: 1.1,
      scrollback: 10_000,
      disableStdin: true,
      cursorBlink: false,
      theme: terminalTheme,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element.current);
    terminal.current = term;
    fitAddon.current = fit;
    return () => {
      term.dispose();
      terminal.current = null;
      fitAddon.current = null;
    };
  }, []);

  // The first piece: draw its start; a link to a moment waits until the recording reaches it.
  const { seek } = playback;
  useEffect(() => {
    if (started.current || !loaded.timeline) return;
    const target = startAt ?? 0;
    if (target > loaded.timeline.duration && loaded.at < loaded.bytes) return;
    started.current = true;
    seek(target);
  }, [loaded, startAt, seek]);

  const jump = (direction: 1 | -1) => {
    const now = playback.at();
    const next =
      direction > 0
        ? markers.find((m) => m.at > now + 0.05)
        : [...markers].reverse().find((m) => m.at < now - 0.05);
    if (next) playback.seek(next.at);
  };

  const onKey = (e: React.KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ' ': playback.toggle,
      ArrowLeft: () => playback.seek(playback.at() - STEP_SECONDS),
      ArrowRight: () => playback.seek(playback.at() + STEP_SECONDS),
      Home: () => playback.seek(0),
      End: () => playback.seek(duration),
      '[': () => jump(-1),
      ']': () => jump(1),
    };
    const action = keys[e.key];
    if (!action || e.target instanceof HTMLSelectElement) return;
    e.preventDefault();
    action();
  };

  const loading = loaded.at < loaded.bytes;
  return (
    <section
      className="recording-player"
      aria-label="Recording player"
      tabIndex={0}
      onKeyDown={onKey}
    >
      <div className="player-controls">
        <button
          type="button"
          onClick={playback.toggle}
          aria-label={playback.playing ? 'Pause' : 'Play'}
        >
          {playback.playing ? '❚❚' : '▶'}
        </button>
        <span className="mono player-time" aria-label="Position">
          {at(playback.position)} / {at(duration)}
        </span>
        <div className="player-track">
          <input
            type="range"
            aria-label="Seek"
            min={0}
            max={Math.max(duration, 0.1)}
            step={0.1}
            value={Math.min(playback.position, duration)}
            onChange={(e) => playback.seek(Number(e.target.value))}
          />
          {duration > 0 &&
            markers.map((marker) => (
              <button
                key={marker.id}
                type="button"
                className="player-marker"
                style={{ left: `${Math.min(100, (marker.at / duration) * 100)}%` }}
                title={`${at(marker.at)} ${marker.title}`}
                aria-label={`Go to the pin “${marker.title}” at ${at(marker.at)}`}
                onClick={() => playback.seek(marker.at)}
              />
            ))}
        </div>
        <select
          aria-label="Speed"
          value={playback.speed}
          onChange={(e) => playback.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </div>
      <p className="quiet player-status">
        {item.host} · {(item.recording.bytes / 1e6).toFixed(1)} MB
        {loading && ` · loading ${((loaded.at / Math.max(loaded.bytes, 1)) * 100).toFixed(0)} %`}
        {loaded.badLines > 0 && ` · ${loaded.badLines} lines not understood`}
        {markers.length > 0 &&
          ` · ${markers.length === 1 ? '1 pinned moment' : `${markers.length} pinned moments`}: [ and ] go from one to the next`}
        {' · Space plays, ←/→ 5 s'}
      </p>
      {loaded.error && (
        <p className="error" role="alert">
          The recording could not be read: {loaded.error}
        </p>
      )}
      <div className="player-screen" ref={element} />
    </section>
  );
}
