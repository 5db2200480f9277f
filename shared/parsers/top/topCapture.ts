import type { CaptureParser } from '../../captures/captureParser';
import type { StreamParser } from '../streamParser';
import type { TopFrame } from './topModel';
import { TopStreamParser } from './topParser';

/** How many frames of CPU history each row keeps (one per top interval). */
export const HISTORY_FRAMES = 60;

/** A `top` capture as its views read it: the last frame, and each row's %CPU over time. */
export interface TopModel {
  frame: TopFrame | null;
  framesSeen: number;
  /** %CPU per PID/TID over the last frames, oldest first. */
  history: Record<number, number[]>;
  /** The frame may still grow: a later one for the same interval replaces it. */
  provisional: boolean;
}

export const emptyTopModel = (): TopModel => ({
  frame: null,
  framesSeen: 0,
  history: {},
  provisional: false,
});

/** Adds a frame to a model's history; a provisional frame completed later is one sample, not two. */
export function withFrame(previous: TopModel, frame: TopFrame, provisional: boolean): TopModel {
  const replacing = previous.provisional;
  const history: Record<number, number[]> = {};
  for (const row of frame.rows) {
    const past = previous.history[row.pid] ?? [];
    const kept = replacing ? past.slice(0, -1) : past;
    history[row.pid] = [...kept, row.cpuPercent].slice(-HISTORY_FRAMES);
  }
  return {
    frame,
    framesSeen: previous.framesSeen + (replacing ? 0 : 1),
    history,
    provisional,
  };
}

/** After this much silence the frame being read is shown: top has finished writing it. */
const TOP_QUIET_MS = 150;

/** Batch `top -b`: frames as they complete, and the open frame once top pauses. */
export class TopCaptureParser implements CaptureParser<TopModel> {
  readonly quietMs = TOP_QUIET_MS;
  private readonly parser = new TopStreamParser();
  private model = emptyTopModel();

  push(text: string): void {
    this.add(this.parser.push(text));
  }

  end(): void {
    this.add(this.parser.end());
  }

  quiet(): boolean {
    const open = this.parser.peek();
    if (!open) return false;
    this.model = withFrame(this.model, open, true);
    return true;
  }

  snapshot(): TopModel {
    return this.model;
  }

  get unparsedLines(): number {
    return this.parser.unparsedLines;
  }

  get overlongLines(): number {
    return this.parser.overlongLines;
  }

  /** Tests assert 0: lines whose handling hit a bug. */
  get internalErrors(): number {
    return this.parser.internalErrors;
  }

  private add(frames: readonly TopFrame[]): void {
    for (const frame of frames) this.model = withFrame(this.model, frame, false);
  }
}

/** Interactive `top`, read from its emulated screen: each new screen is one frame. */
export class TopScreenCapture implements CaptureParser<TopModel> {
  private model = emptyTopModel();
  private lastFrame: TopFrame | null = null;

  constructor(private readonly screen: StreamParser<TopFrame | null>) {}

  push(text: string): void {
    this.screen.push(text);
  }

  end(): void {
    this.screen.end();
  }

  settled(): Promise<void> {
    return this.screen.settled?.() ?? Promise.resolve();
  }

  snapshot(): TopModel {
    const frame = this.screen.snapshot();
    if (frame && frame !== this.lastFrame) this.model = withFrame(this.model, frame, false);
    this.lastFrame = frame;
    return this.model;
  }

  get unparsedLines(): number {
    return this.screen.unparsedLines;
  }

  get overlongLines(): number {
    return this.screen.overlongLines ?? 0;
  }
}
